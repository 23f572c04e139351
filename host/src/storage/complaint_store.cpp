#include "storage/complaint_store.hpp"

#include <soci/soci.h>

#include "domain/sla_clock.hpp"
#include "storage/complaint_facts.hpp"
#include "storage/prepared.hpp"
#include "storage/search_text.hpp"

namespace redress::storage {
using domain::Complaint;
using nlohmann::json;

json StoredEvent::to_json() const {
    return {{"id", id},          {"number", number}, {"seq", seq},
            {"action", action},  {"actor", actor},   {"at", domain::format_time(at)},
            {"changes", changes}};
}

namespace complaint_sql {
namespace {

// The indexed columns, read from the document so they can never disagree with it.
struct Columns {
    std::string number, state, priority, category, channel, team, owner, customer_id, document,
        search_text, search_grams;
    long long received_at = 0, created_at = 0, updated_at = 0, version = 0;
    long long next_due = 0, next_check = 0;
    soci::indicator next_due_ind = soci::i_null, next_check_ind = soci::i_null;

    Columns() = default;
    explicit Columns(const Complaint& c)
        : number(c.number()),
          state(domain::name(c.state())),
          priority(domain::name(c.priority())),
          category(c.category()),
          channel(domain::name(c.channel())),
          team(c.team()),
          owner(c.owner()),
          customer_id(c.customer_id()),
          document(c.doc().dump(-1, ' ', false, json::error_handler_t::replace)),
          received_at(domain::to_millis(c.received_at())),
          created_at(domain::to_millis(c.created_at())),
          updated_at(domain::to_millis(c.updated_at())),
          version(c.version()) {
        auto search = search_columns_of(c);
        search_text = std::move(search.text);
        search_grams = std::move(search.grams);
        if (auto due = c.next_due()) {
            next_due = domain::to_millis(*due);
            next_due_ind = soci::i_ok;
        }
        if (auto check = domain::sla_clock::next_check(c)) {
            next_check = domain::to_millis(*check);
            next_check_ind = soci::i_ok;
        }
    }
};

}  // namespace

namespace {

struct SerialNext {
    std::string day;
    long long id = 0;  // the serial
    soci::statement st;
    explicit SerialNext(soci::session& s)
        : st((s.prepare << "INSERT INTO number_sequences (day, last_value) VALUES (:day, 1)"
                           " ON CONFLICT (day) DO UPDATE SET"
                           " last_value = number_sequences.last_value + 1 RETURNING last_value",
              soci::use(day), soci::into(id))) {}
};

struct OutboxInsert {
    long long event_id = 0, at = 0;
    std::string subscriber;
    soci::statement st;
    explicit OutboxInsert(soci::session& s)
        : st((s.prepare << "INSERT INTO outbox (event_id, subscriber, state, attempts,"
                           " next_attempt_at) VALUES (:event, :subscriber, 'pending', 0, :at)",
              soci::use(event_id), soci::use(subscriber), soci::use(at))) {}
};

// Runs a statement that returns one row to its end, keeping what that row gave:
// SQLite commits nothing while a statement is still running.
template <class Slot>
void run_to_end(Slot& q) {
    q.st.execute(true);
    auto kept = q.id;
    while (q.st.fetch()) {
    }
    q.id = kept;
}

}  // namespace

std::int64_t next_serial(soci::session& s, const std::string& day) {
    auto& q = prepared<SerialNext>(s);
    q.day = day;
    run_to_end(q);
    return q.id;
}

namespace {

struct LatestOfCustomer {
    std::string customer, category, id;  // id: the number found
    long long since = 0;
    soci::statement st;
    explicit LatestOfCustomer(soci::session& s)
        : st((s.prepare << "SELECT number FROM complaints WHERE customer_id = :c AND category = :k"
                           " AND created_at >= :since ORDER BY id DESC LIMIT 1",
              soci::use(customer), soci::use(category), soci::use(since), soci::into(id))) {}
};

}  // namespace

std::optional<std::string> latest_of_customer(soci::session& s, const std::string& customer_id,
                                              const std::string& category, long long since) {
    auto& q = prepared<LatestOfCustomer>(s);
    q.customer = customer_id;
    q.category = category;
    q.since = since;
    q.id.clear();
    run_to_end(q);
    if (q.id.empty()) return std::nullopt;
    return q.id;
}

namespace {

struct ComplaintInsert {
    Columns k;
    long long id = 0;
    soci::statement st;
    explicit ComplaintInsert(soci::session& s)
        : st((s.prepare << "INSERT INTO complaints (number, state, priority, category, channel,"
                           " team, owner, customer_id, received_at, created_at, updated_at,"
                           " next_due_at, next_check_at, version, document, search_text,"
                           " search_grams) VALUES (:number, :state, :priority, :category,"
                           " :channel, :team, :owner, :customer_id, :received_at, :created_at,"
                           " :updated_at, :next_due_at, :next_check_at, :version, :document,"
                           " :search_text, :search_grams)"
                           " RETURNING id",
              soci::use(k.number), soci::use(k.state), soci::use(k.priority), soci::use(k.category),
              soci::use(k.channel), soci::use(k.team), soci::use(k.owner), soci::use(k.customer_id),
              soci::use(k.received_at), soci::use(k.created_at), soci::use(k.updated_at),
              soci::use(k.next_due, k.next_due_ind), soci::use(k.next_check, k.next_check_ind),
              soci::use(k.version), soci::use(k.document), soci::use(k.search_text),
              soci::use(k.search_grams), soci::into(id))) {}
};

struct ComplaintUpdate {
    Columns k;
    long long row = 0, expected = 0;
    soci::statement st;
    explicit ComplaintUpdate(soci::session& s)
        : st((s.prepare << "UPDATE complaints SET state = :state, priority = :priority,"
                           " category = :category, team = :team, owner = :owner,"
                           " customer_id = :customer_id, updated_at = :updated_at,"
                           " next_due_at = :next_due_at, next_check_at = :next_check_at,"
                           " version = :version, document = :document,"
                           " search_text = :search_text, search_grams = :search_grams"
                           " WHERE id = :id AND version = :expected",
              soci::use(k.state), soci::use(k.priority), soci::use(k.category), soci::use(k.team),
              soci::use(k.owner), soci::use(k.customer_id), soci::use(k.updated_at),
              soci::use(k.next_due, k.next_due_ind), soci::use(k.next_check, k.next_check_ind),
              soci::use(k.version), soci::use(k.document), soci::use(k.search_text),
              soci::use(k.search_grams), soci::use(row), soci::use(expected))) {}
};

}  // namespace

std::int64_t insert(soci::session& s, const Complaint& c, std::string* document) {
    auto& q = prepared<ComplaintInsert>(s);
    q.k = Columns(c);
    run_to_end(q);
    std::int64_t id = q.id;
    facts::upsert(s, id, c);
    if (document) *document = q.k.document;
    return id;
}

bool update(soci::session& s, std::int64_t id, const Complaint& c, std::int64_t expected_version) {
    auto& q = prepared<ComplaintUpdate>(s);
    q.k = Columns(c);
    q.row = id;
    q.expected = expected_version;
    q.st.execute(true);
    if (q.st.get_affected_rows() != 1) return false;
    facts::upsert(s, id, c);
    return true;
}

std::optional<std::pair<std::int64_t, Complaint>> load(soci::session& s, Dialect dialect,
                                                       const std::string& number, bool for_update) {
    long long id = 0;
    std::string document;
    std::string sql = "SELECT id, document FROM complaints WHERE number = :number";
    if (for_update && dialect == Dialect::postgresql) sql += " FOR UPDATE";
    s << sql, soci::use(number), soci::into(id), soci::into(document);
    if (!s.got_data()) return std::nullopt;
    return std::make_pair(static_cast<std::int64_t>(id), Complaint(json::parse(document)));
}

namespace {

struct EventInsert {
    long long cid = 0, seq = 0, at = 0, id = 0;
    std::string number, action, actor, changes;
    soci::statement st;
    explicit EventInsert(soci::session& s)
        : st((s.prepare << "INSERT INTO events (complaint_id, number, seq, action, actor, at,"
                           " changes) VALUES (:cid, :number, :seq, :action, :actor, :at, :changes)"
                           " RETURNING id",
              soci::use(cid), soci::use(number), soci::use(seq), soci::use(action),
              soci::use(actor), soci::use(at), soci::use(changes), soci::into(id))) {}
};

}  // namespace

std::int64_t append_event(soci::session& s, Dialect dialect, std::int64_t complaint_id,
                          const StoredEvent& e) {
    return append_event(s, dialect, complaint_id, e,
                        e.changes.dump(-1, ' ', false, json::error_handler_t::replace));
}

std::int64_t append_event(soci::session& s, Dialect dialect, std::int64_t complaint_id,
                          const StoredEvent& e, std::string changes_json) {
    if (dialect == Dialect::postgresql) s << "SELECT pg_advisory_xact_lock(72657365)";
    auto& q = prepared<EventInsert>(s);
    q.cid = complaint_id;
    q.seq = e.seq;
    q.at = domain::to_millis(e.at);
    q.number = e.number;
    q.action = e.action;
    q.actor = e.actor;
    q.changes = std::move(changes_json);
    run_to_end(q);
    return q.id;
}

void enqueue(soci::session& s, std::int64_t event_id, const std::vector<std::string>& subscribers,
             domain::Time at) {
    if (subscribers.empty()) return;
    auto& q = prepared<OutboxInsert>(s);
    q.event_id = event_id;
    q.at = domain::to_millis(at);
    for (const auto& name : subscribers) {
        q.subscriber = name;
        q.st.execute(true);
    }
}

std::vector<std::string> checks_due(soci::session& s, domain::Time until, int limit) {
    long long bound = domain::to_millis(until);
    std::string number;
    soci::statement st =
        (s.prepare << "SELECT number FROM complaints WHERE next_check_at IS NOT NULL"
                      " AND next_check_at <= :until ORDER BY next_check_at LIMIT :limit",
         soci::into(number), soci::use(bound), soci::use(limit));
    st.execute();
    std::vector<std::string> out;
    while (st.fetch()) out.push_back(number);
    return out;
}

// Typed into() variables, not soci::row: SQLite reports INTEGER and BIGINT
// columns as different types, and a row's get<> must match exactly.
std::vector<StoredEvent> select_events(soci::session& s, const char* condition, long long value,
                                       int limit) {
    long long id = 0, seq = 0, at = 0;
    std::string number, action, actor, changes;
    soci::statement st =
        (s.prepare << std::string(
                          "SELECT id, number, seq, action, actor, at, changes FROM events WHERE ") +
                          condition + " ORDER BY id LIMIT :limit",
         soci::into(id), soci::into(number), soci::into(seq), soci::into(action), soci::into(actor),
         soci::into(at), soci::into(changes), soci::use(value), soci::use(limit));
    st.execute();
    std::vector<StoredEvent> out;
    while (st.fetch())
        out.push_back(StoredEvent{id, number, seq, action, actor, domain::from_millis(at),
                                  json::parse(changes)});
    return out;
}

std::vector<StoredEvent> events_of(soci::session& s, std::int64_t complaint_id) {
    return select_events(s, "complaint_id = :cid", complaint_id, 1000000);
}

std::vector<StoredEvent> events_after(soci::session& s, std::int64_t after_id, int limit) {
    return select_events(s, "id > :after", after_id, limit);
}

std::int64_t latest_event_id(soci::session& s) {
    long long id = 0;
    soci::indicator ind = soci::i_null;
    s << "SELECT MAX(id) FROM events", soci::into(id, ind);
    return ind == soci::i_ok ? id : 0;
}

std::vector<std::pair<std::int64_t, Complaint>> page(soci::session& s, std::int64_t after_id,
                                                     int limit) {
    long long after = after_id, id = 0;
    std::string document;
    soci::statement st =
        (s.prepare
             << "SELECT id, document FROM complaints WHERE id > :after ORDER BY id LIMIT :limit",
         soci::into(id), soci::into(document), soci::use(after), soci::use(limit));
    st.execute();
    std::vector<std::pair<std::int64_t, Complaint>> out;
    while (st.fetch()) out.emplace_back(id, Complaint(json::parse(document)));
    return out;
}

}  // namespace complaint_sql
}  // namespace redress::storage
