#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/complaint.hpp"
#include "storage/database.hpp"

namespace soci {
class session;
}

namespace redress::storage {

// One row of the audit trail.
struct StoredEvent {
    std::int64_t id = 0;
    std::string number;
    std::int64_t seq = 0;  // the complaint's version after the change
    std::string action;
    std::string actor;
    domain::Time at;
    nlohmann::json changes;

    nlohmann::json to_json() const;
};

// The SQL for complaints, their events and the outbox. Every function runs on
// the caller's session inside the caller's transaction.
namespace complaint_sql {

// The next serial of a day's numbering, never handed out twice (D3).
std::int64_t next_serial(soci::session& s, const std::string& day);
// The number of the customer's latest complaint in `category` created at or
// after `since` (ms), if any: what a new one repeats (D14).
std::optional<std::string> latest_of_customer(soci::session& s, const std::string& customer_id,
                                              const std::string& category, long long since);
// Inserts a new complaint; returns its row id, and the document as stored
// (JSON text) in `document` when given.
std::int64_t insert(soci::session& s, const domain::Complaint& c, std::string* document = nullptr);
// Writes the complaint if it is still at `expected_version`; false if someone else changed it.
bool update(soci::session& s, std::int64_t id, const domain::Complaint& c,
            std::int64_t expected_version);
// The complaint and its row id, locked for update on PostgreSQL when `for_update`.
std::optional<std::pair<std::int64_t, domain::Complaint>> load(soci::session& s, Dialect dialect,
                                                               const std::string& number,
                                                               bool for_update);
// Appends an event. Event ids are the change feed's order: on PostgreSQL the
// append takes a transaction lock, so ids are handed out in commit order and a
// reader of the feed never skips an event that commits late.
std::int64_t append_event(soci::session& s, Dialect dialect, std::int64_t complaint_id,
                          const StoredEvent& e);
// The same with the changes given as JSON text (e.changes is not read).
std::int64_t append_event(soci::session& s, Dialect dialect, std::int64_t complaint_id,
                          const StoredEvent& e, std::string changes_json);
// Events with id > after, in id (commit) order, at most `limit`.
std::vector<StoredEvent> events_after(soci::session& s, std::int64_t after, int limit);
// The id of the newest event (0 when there is none): where a feed reader starts
// when it only wants what happens from now on.
std::int64_t latest_event_id(soci::session& s);
void enqueue(soci::session& s, std::int64_t event_id, const std::vector<std::string>& subscribers,
             domain::Time at);
std::vector<StoredEvent> events_of(soci::session& s, std::int64_t complaint_id);
// Numbers of complaints with an SLA checkpoint (warning, breach, follow-up) due
// at or before `until`, the earliest first: read through the partial index on
// next_check_at, so the cost follows what is due, not how many are open.
std::vector<std::string> checks_due(soci::session& s, domain::Time until, int limit);
// Complaints with id > after_id in id order, at most `limit`, as (id, complaint).
std::vector<std::pair<std::int64_t, domain::Complaint>> page(soci::session& s,
                                                             std::int64_t after_id, int limit);

}  // namespace complaint_sql

}  // namespace redress::storage
