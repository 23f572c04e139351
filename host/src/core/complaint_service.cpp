#include "core/complaint_service.hpp"

#include <soci/soci.h>

#include "auth/crypto.hpp"
#include "domain/actions.hpp"
#include "domain/changes.hpp"
#include "domain/classification.hpp"
#include "domain/errors.hpp"
#include "domain/sla_clock.hpp"
#include "log/logger.hpp"
#include "storage/database.hpp"
#include "storage/search_index.hpp"

namespace redress::core {
using domain::Complaint;
using nlohmann::json;

namespace {

std::string day_key(cctz::civil_day d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d%02d%02d", static_cast<int>(d.year()), d.month(), d.day());
    return buf;
}

}  // namespace

ComplaintService::ComplaintService(storage::Database& db, const domain::DomainConfig& config,
                                   const domain::Clock& clock, SubscriberLookup subscribers)
    : db_(db), config_(config), clock_(clock), subscribers_(std::move(subscribers)) {}

Complaint ComplaintService::create(const json& input, const std::string& actor) {
    return create_in(input, actor, "").complaint;
}

ComplaintService::CreateResult ComplaintService::create(const json& input, const std::string& actor,
                                                        const std::string& idempotency_key) {
    try {
        return create_in(input, actor, idempotency_key);
    } catch (const soci::soci_error&) {
        // Two requests with one key raced (PostgreSQL): the loser's insert of the
        // key failed and rolled back; the winner's answer is the answer.
        if (idempotency_key.empty()) throw;
        return create_in(input, actor, idempotency_key);
    }
}

ComplaintService::CreateResult ComplaintService::create_in(const json& input,
                                                           const std::string& actor,
                                                           const std::string& key) {
    domain::Time now = clock_.now();
    Complaint c = prepare(input, actor, now);
    std::optional<CreateResult> result;
    // The work runs exactly once, while this caller waits: the complaint can move.
    write([&](soci::session& s) { result = store(s, std::move(c), input, actor, key, now); });
    if (!result->replayed && after_commit_) after_commit_();
    return *result;
}

void ComplaintService::write(const storage::GroupCommit::Work& work) {
    db_.write(work);
}

std::vector<ComplaintService::BatchOutcome> ComplaintService::create_batch(
    const std::vector<BatchItem>& items, const std::string& actor, bool atomic) {
    std::vector<BatchOutcome> out(items.size());
    if (!atomic) {
        for (std::size_t i = 0; i < items.size(); ++i) {
            try {
                out[i].created = create(items[i].input, actor, items[i].key);
            } catch (const domain::DomainError& e) {
                out[i].refused = e;
            }
        }
        return out;
    }
    auto not_recorded = [&](std::size_t except) {
        for (std::size_t i = 0; i < out.size(); ++i)
            if (i != except && !out[i].refused) {
                out[i].created.reset();
                out[i].refused = domain::DomainError::invalid(
                    {{"", "not recorded: another item of the batch was refused"}});
            }
    };
    domain::Time now = clock_.now();
    std::vector<Complaint> prepared;
    prepared.reserve(items.size());
    bool refused = false;
    for (std::size_t i = 0; i < items.size(); ++i) {
        try {
            prepared.push_back(prepare(items[i].input, actor, now));
        } catch (const domain::DomainError& e) {
            out[i].refused = e;
            refused = true;
        }
    }
    if (refused) {
        not_recorded(items.size());
        return out;
    }
    storage::Session s(db_);
    storage::Transaction tx(db_, s);
    for (std::size_t i = 0; i < items.size(); ++i) {
        try {
            out[i].created =
                store(s, std::move(prepared[i]), items[i].input, actor, items[i].key, now);
        } catch (const domain::DomainError& e) {
            out[i].refused = e;
            not_recorded(i);
            return out;  // the transaction rolls back
        }
    }
    storage::update_search_indexes(s, db_.dialect());
    tx.commit();
    if (after_commit_) after_commit_();
    return out;
}

Complaint ComplaintService::prepare(const json& input, const std::string& actor, domain::Time now) {
    Complaint c = domain::received_complaint(input, config_, now, actor);
    // Classifiers fill what the request left open, before anything is stored
    // and before the deadlines, which follow from what they propose, are set.
    if (classifiers_) {
        auto proposals = classifiers_(c.doc());
        if (!proposals.empty()) {
            auto k =
                domain::combine_proposals(proposals, config_.categories, config_.min_confidence,
                                          input.contains("category"), input.contains("priority"));
            k.record["at"] = domain::format_time(now);
            domain::set_classification(c, k, config_, now);
        }
    }
    domain::start_sla_clock(c, config_);
    return c;
}

ComplaintService::CreateResult ComplaintService::store(soci::session& s, Complaint c,
                                                       const json& input, const std::string& actor,
                                                       const std::string& key, domain::Time now) {
    std::string request_hash;
    if (!key.empty()) {
        request_hash = auth::sha256_hex(input.dump());
        std::string stored_hash, number;
        s << "SELECT request_hash, number FROM idempotency_keys WHERE token_name = :t AND idem_key "
             "= :k",
            soci::use(actor), soci::use(key), soci::into(stored_hash), soci::into(number);
        if (s.got_data()) {
            if (stored_hash != request_hash)
                throw domain::DomainError::invalid(
                    {{"Idempotency-Key",
                      "was used before with a different request; use a new key"}});
            auto first = storage::complaint_sql::load(s, db_.dialect(), number, false);
            if (!first) throw domain::DomainError::not_found("no complaint " + number);
            return {first->second, true};
        }
    }
    // The number's date is the business day in the calendar's time zone (D3).
    auto day = config_.sla.calendar().local_day(now);
    auto type = event_type("created");
    c.doc()["number"] =
        domain::format_complaint_number(day, storage::complaint_sql::next_serial(s, day_key(day)));
    mark_repeat(s, c, now);
    auto subscribers = subscribers_ ? subscribers_(type, c) : std::vector<std::string>{};
    // The event holds the whole new complaint: the row's text is used as it is.
    std::string document;
    std::int64_t id = storage::complaint_sql::insert(s, c, &document);
    storage::StoredEvent e{0, c.number(), c.version(), "created", actor, now, {}};
    std::int64_t event_id = storage::complaint_sql::append_event(
        s, db_.dialect(), id, e, "{\"after\":" + std::move(document) + "}");
    storage::complaint_sql::enqueue(s, event_id, subscribers, now);
    if (!key.empty()) {
        long long at = domain::to_millis(now);
        std::string number = c.number();
        s << "INSERT INTO idempotency_keys (token_name, idem_key, request_hash, number, created_at)"
             " VALUES (:t, :k, :h, :n, :a)",
            soci::use(actor), soci::use(key), soci::use(request_hash), soci::use(number),
            soci::use(at);
    }
    return {std::move(c), false};
}

void ComplaintService::mark_repeat(soci::session& s, Complaint& c, domain::Time now) {
    if (c.customer_id().empty() || c.category().empty()) return;
    long long since = domain::to_millis(now - std::chrono::hours(24) * config_.repeat_window_days);
    auto earlier =
        storage::complaint_sql::latest_of_customer(s, c.customer_id(), c.category(), since);
    if (!earlier) return;
    json& d = c.doc();
    d["repeat_of"] = *earlier;
    if (std::find(d["tags"].begin(), d["tags"].end(), "repeat") == d["tags"].end())
        d["tags"].push_back("repeat");
}

void ComplaintService::record_training_label(soci::session& s, const Complaint& c,
                                             const std::string& actor, domain::Time now) {
    const json& d = c.doc();
    std::string text = d.value("subject", "") + "\n" + d.value("description", "");
    std::string number = c.number(), category = c.category(), priority(domain::name(c.priority()));
    long long at = domain::to_millis(now);
    s << "INSERT INTO training_labels (number, text, category, priority, actor, at)"
         " VALUES (:n, :t, :c, :p, :a, :at)",
        soci::use(number), soci::use(text), soci::use(category), soci::use(priority),
        soci::use(actor), soci::use(at);
}

storage::StoredEvent ComplaintService::event_of(const Complaint& c, std::string_view action,
                                                const std::string& actor, const json& before,
                                                domain::Time now) {
    return {0,
            c.number(),
            c.version(),
            std::string(action),
            actor,
            now,
            domain::diff_documents(before, c.doc())};
}

void ComplaintService::append_events(soci::session& s, std::int64_t id, const Complaint& c,
                                     const std::vector<storage::StoredEvent>& events) {
    for (const auto& e : events) {
        auto subscribers =
            subscribers_ ? subscribers_(event_type(e.action), c) : std::vector<std::string>{};
        std::int64_t event_id = storage::complaint_sql::append_event(s, db_.dialect(), id, e);
        storage::complaint_sql::enqueue(s, event_id, subscribers, e.at);
    }
}

void ComplaintService::add_team(json& trigger, const std::string& team_id) const {
    if (const auto* team = config_.responsibility.team(team_id))
        trigger["team"] = {{"id", team->id},
                           {"lead", team->lead},
                           {"supervisor", team->supervisor},
                           {"head", team->head}};
}

json ComplaintService::trigger_for(const Complaint& c, json trigger) const {
    trigger["number"] = c.number();
    trigger["complaint"] = c.doc();
    add_team(trigger, c.team());
    return trigger;
}

std::string ComplaintService::event_trigger(const EventDelivery& e) const {
    json head = {{"trigger", "event"}, {"number", e.number}};
    add_team(head, e.team);
    JsonSplice trigger(head.dump(-1, ' ', false, json::error_handler_t::replace));
    trigger.add("event", e.event_json());
    if (e.complaint) trigger.add("complaint", *e.complaint);
    return std::move(trigger).done();
}

int ComplaintService::check_clock(const std::string& number, const EscalationRun& escalations) {
    domain::Time now = clock_.now();
    auto current = load(number);
    if (!current) return 0;
    auto due = domain::sla_clock::due_checkpoints(*current, now);
    // Ask the policies first, outside the transaction.
    std::vector<std::vector<std::pair<std::string, json>>> answers;
    for (const auto& k : due)
        answers.push_back(
            escalations ? escalations(trigger_for(*current, {{"trigger", "clock"},
                                                             {"checkpoint", k.kind},
                                                             {"milestone", k.milestone},
                                                             {"at", domain::format_time(k.at)},
                                                             {"now", domain::format_time(now)}}))
                        : std::vector<std::pair<std::string, json>>{});
    int fired = 0;
    db_.write_apart([&](soci::session& s) {
        auto found = storage::complaint_sql::load(s, db_.dialect(), number, /*for_update=*/true);
        if (!found) return;
        auto& [id, c] = *found;
        std::int64_t version = c.version();
        auto still_due = domain::sla_clock::due_checkpoints(c, now);
        std::vector<storage::StoredEvent> events;
        for (std::size_t i = 0; i < due.size(); ++i) {
            const auto& k = due[i];
            bool pending = std::any_of(still_due.begin(), still_due.end(), [&](const auto& d) {
                return d.kind == k.kind && d.milestone == k.milestone;
            });
            if (!pending) continue;  // fired by another host, or no longer due
            json before = c.doc();
            domain::sla_clock::fire(c, k, now);
            // The update this event asks for counts as told; the next is one interval on.
            if (k.kind == "progress") domain::sla_clock::progress_told(c, config_.sla, now);
            c.doc()["version"] = c.version() + 1;
            c.doc()["updated_at"] = domain::format_time(now);
            events.push_back(
                event_of(c, "sla-" + (k.kind == "follow_up" ? std::string("follow-up") : k.kind),
                         "clock", before, now));
            ++fired;
            for (const auto& [instance, decisions] : answers[i])
                apply_decisions_to(c, decisions, instance, now, events);
        }
        if (!storage::complaint_sql::update(s, id, c, version))
            throw domain::DomainError::conflict("complaint " + number + " was changed concurrently",
                                                std::string(domain::name(c.state())), {});
        append_events(s, id, c, events);
    });
    if (fired > 0 && after_commit_) after_commit_();
    return fired;
}

bool ComplaintService::apply_decisions(const std::string& number, const json& decisions,
                                       const std::string& actor) {
    if (!decisions.is_array() || decisions.empty()) return false;
    // Worked out on the complaint as read, outside the shared write; written if
    // nobody changed it meanwhile, else worked out again on what they wrote.
    for (int attempt = 1;; ++attempt) {
        domain::Time now = clock_.now();
        std::optional<std::pair<std::int64_t, Complaint>> found;
        {
            storage::Session s(db_);
            found = storage::complaint_sql::load(s, db_.dialect(), number, false);
        }
        if (!found) throw domain::DomainError::not_found("no complaint " + number);
        // Named, not bound: clang 14 cannot capture structured bindings in a lambda.
        std::int64_t id = found->first;
        Complaint& c = found->second;
        std::int64_t version = c.version();
        std::vector<storage::StoredEvent> events;
        apply_decisions_to(c, decisions, actor, now, events);
        if (c.version() == version) return false;  // nothing applied
        bool written = false;
        db_.write_apart([&](soci::session& s) {
            if (!storage::complaint_sql::update(s, id, c, version)) return;
            append_events(s, id, c, events);
            written = true;
        });
        if (written) {
            if (after_commit_) after_commit_();
            return true;
        }
        if (attempt == 3)
            throw domain::DomainError::conflict("complaint " + number + " was changed concurrently",
                                                std::string(domain::name(c.state())), {});
    }
}

void ComplaintService::apply_decisions_to(Complaint& c, const json& decisions,
                                          const std::string& actor, domain::Time now,
                                          std::vector<storage::StoredEvent>& events) const {
    static const std::vector<std::string> kAllowed = {"escalate", "assign", "notify", "note"};
    if (!decisions.is_array()) {
        log::warning(actor, "decisions are not a JSON array; ignored");
        return;
    }
    for (const auto& d : decisions) {
        std::string action = d.is_object() ? d.value("action", "") : "";
        try {
            if (action == "follow_up") {
                auto at = domain::parse_time(d.value("at", ""));
                if (!at) throw domain::DomainError::invalid({{"at", "expected a time"}});
                json before = c.doc();
                domain::sla_clock::follow_up(c, *at);
                if (before == c.doc()) continue;
                c.doc()["version"] = c.version() + 1;
                events.push_back(event_of(c, "follow-up", actor, before, now));
                continue;
            }
            if (std::find(kAllowed.begin(), kAllowed.end(), action) == kAllowed.end())
                throw domain::DomainError::invalid(
                    {{"action", "\"" + action +
                                    "\" is not a decision (escalate, assign, notify, note, "
                                    "follow_up)"}});
            json before = c.doc();
            domain::apply_action(c, action, d.value("params", json::object()),
                                 domain::ActionContext{now, actor, config_});
            events.push_back(event_of(c, action, actor, before, now));
        } catch (const domain::DomainError& e) {
            std::string why = e.what();
            for (const auto& f : e.fields()) why += "; " + f.field + ": " + f.message;
            log::warning(actor, "decision " + d.dump() + " on " + c.number() + " skipped: " + why);
        }
    }
}

Complaint ComplaintService::act(const std::string& number, std::string_view action,
                                const json& params, const std::string& actor) {
    std::optional<Complaint> result;
    bool changed = false;
    write([&](soci::session& s) {
        auto found = storage::complaint_sql::load(s, db_.dialect(), number, /*for_update=*/true);
        if (!found) throw domain::DomainError::not_found("no complaint " + number);
        auto& [id, complaint] = *found;
        if (domain::already_recorded(complaint, params)) {
            result = std::move(complaint);
            return;
        }
        json before = complaint.doc();
        std::int64_t version = complaint.version();
        domain::Time now = clock_.now();
        domain::apply_action(complaint, action, params, domain::ActionContext{now, actor, config_});
        if (!storage::complaint_sql::update(s, id, complaint, version))
            throw domain::DomainError::conflict(
                "complaint " + number + " was changed concurrently; try again",
                std::string(domain::name(complaint.state())), {});
        append_events(s, id, complaint, {event_of(complaint, action, actor, before, now)});
        if (action == "classify") record_training_label(s, complaint, actor, now);
        result = std::move(complaint);
        changed = true;
    });
    if (changed && after_commit_) after_commit_();
    return *result;
}

std::optional<ComplaintRecord> ComplaintService::find(const std::string& number) {
    storage::Session s(db_);
    auto found = storage::complaint_sql::load(s, db_.dialect(), number, false);
    if (!found) return std::nullopt;
    return ComplaintRecord{found->second, storage::complaint_sql::events_of(s, found->first)};
}

std::optional<Complaint> ComplaintService::load(const std::string& number) {
    storage::Session s(db_);
    auto found = storage::complaint_sql::load(s, db_.dialect(), number, false);
    if (!found) return std::nullopt;
    return found->second;
}

storage::ComplaintPage ComplaintService::list(storage::ComplaintFilter filter) {
    filter.now = clock_.now();
    storage::Session s(db_);
    return storage::find_complaints(s, filter);
}

std::int64_t ComplaintService::latest_event_id() {
    storage::Session s(db_);
    return storage::complaint_sql::latest_event_id(s);
}

std::vector<storage::StoredEvent> ComplaintService::events_after(std::int64_t after, int limit) {
    storage::Session s(db_);
    return storage::complaint_sql::events_after(s, after, limit);
}

std::vector<std::string> ComplaintService::checks_due(domain::Time until, int limit) {
    storage::Session s(db_);
    return storage::complaint_sql::checks_due(s, until, limit);
}

json ComplaintService::statistics(const storage::StatisticsRequest& request) {
    storage::Session s(db_);
    return storage::statistics(s, request);
}

void ComplaintService::for_each(const std::function<void(const ComplaintRecord&)>& visit) {
    storage::Session s(db_);
    std::int64_t after = 0;
    for (;;) {
        auto page = storage::complaint_sql::page(s, after, 500);
        if (page.empty()) return;
        for (auto& [id, complaint] : page) {
            visit(ComplaintRecord{complaint, storage::complaint_sql::events_of(s, id)});
            after = id;
        }
    }
}

}  // namespace redress::core
