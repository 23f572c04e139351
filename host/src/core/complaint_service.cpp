#include "core/complaint_service.hpp"

#include <soci/soci.h>

#include "domain/actions.hpp"
#include "domain/changes.hpp"
#include "domain/errors.hpp"

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
    domain::Time now = clock_.now();
    Complaint c = domain::new_complaint(input, config_, now, actor);
    // The number's date is the business day in the calendar's time zone (D3).
    auto day = config_.sla.calendar().local_day(now);
    auto type = event_type("created");
    auto subscribers = subscribers_ ? subscribers_(type) : std::vector<std::string>{};

    soci::session s(db_.pool());
    storage::Transaction tx(db_, s);
    c.doc()["number"] =
        domain::format_complaint_number(day, storage::complaint_sql::next_serial(s, day_key(day)));
    std::int64_t id = storage::complaint_sql::insert(s, c);
    storage::StoredEvent e{0, c.number(), c.version(), "created", actor, now, {{"after", c.doc()}}};
    std::int64_t event_id = storage::complaint_sql::append_event(s, id, e);
    storage::complaint_sql::enqueue(s, event_id, subscribers, now);
    tx.commit();
    return c;
}

Complaint ComplaintService::act(const std::string& number, std::string_view action,
                                const json& params, const std::string& actor) {
    auto subscribers = subscribers_ ? subscribers_(event_type(action)) : std::vector<std::string>{};
    soci::session s(db_.pool());
    storage::Transaction tx(db_, s);
    auto found = storage::complaint_sql::load(s, db_.dialect(), number, /*for_update=*/true);
    if (!found) throw domain::DomainError::not_found("no complaint " + number);
    auto& [id, complaint] = *found;
    json before = complaint.doc();
    std::int64_t version = complaint.version();
    domain::Time now = clock_.now();
    domain::apply_action(complaint, action, params, domain::ActionContext{now, actor, config_});
    if (!storage::complaint_sql::update(s, id, complaint, version))
        throw domain::DomainError::conflict(
            "complaint " + number + " was changed concurrently; try again",
            std::string(domain::name(complaint.state())), {});
    storage::StoredEvent e{0,
                           number,
                           complaint.version(),
                           std::string(action),
                           actor,
                           now,
                           domain::diff_documents(before, complaint.doc())};
    std::int64_t event_id = storage::complaint_sql::append_event(s, id, e);
    storage::complaint_sql::enqueue(s, event_id, subscribers, now);
    tx.commit();
    return complaint;
}

std::optional<ComplaintRecord> ComplaintService::find(const std::string& number) {
    soci::session s(db_.pool());
    auto found = storage::complaint_sql::load(s, db_.dialect(), number, false);
    if (!found) return std::nullopt;
    return ComplaintRecord{found->second, storage::complaint_sql::events_of(s, found->first)};
}

std::vector<std::string> ComplaintService::due_by(domain::Time until, int limit) {
    soci::session s(db_.pool());
    return storage::complaint_sql::due_by(s, until, limit);
}

void ComplaintService::for_each(const std::function<void(const ComplaintRecord&)>& visit) {
    soci::session s(db_.pool());
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
