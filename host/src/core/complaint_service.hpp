#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/event_delivery.hpp"
#include "domain/catalogue.hpp"
#include "domain/complaint.hpp"
#include "domain/errors.hpp"
#include "domain/time.hpp"
#include "storage/complaint_query.hpp"
#include "storage/complaint_store.hpp"
#include "storage/database.hpp"
#include "storage/group_commit.hpp"
#include "storage/statistics.hpp"

namespace soci {
class session;
}

namespace redress::core {

// Which notifier and escalation instances want an event ("complaint.created",
// "complaint.close"...) on a complaint, as the event left it.
using SubscriberLookup = std::function<std::vector<std::string>(std::string_view event_type,
                                                                const domain::Complaint& c)>;

// Runs the classifiers on a complaint document: (instance name, proposal) in order.
using ClassifierRun = std::function<std::vector<std::pair<std::string, nlohmann::json>>(
    const nlohmann::json& complaint)>;

// Asks the escalation policies about a trigger (a clock checkpoint or an event):
// (instance name, its decisions) in configuration order.
using EscalationRun = std::function<std::vector<std::pair<std::string, nlohmann::json>>(
    const nlohmann::json& trigger)>;

// A complaint with its audit trail.
struct ComplaintRecord {
    domain::Complaint complaint;
    std::vector<storage::StoredEvent> events;
};

// The complaint lifecycle over storage. Every state change is one transaction
// that writes the complaint, its event (actor, time, action, what changed) and
// the outbox rows of subscribed notifiers; it returns only after the commit.
class ComplaintService {
  public:
    ComplaintService(storage::Database& db, const domain::DomainConfig& config,
                     const domain::Clock& clock, SubscriberLookup subscribers);

    // Records a new complaint (D1-D4): validates, numbers, assigns, sets its SLA.
    domain::Complaint create(const nlohmann::json& input, const std::string& actor);

    struct CreateResult {
        domain::Complaint complaint;
        bool replayed = false;  // the key was seen before: this is the first answer again
    };
    // The same, idempotent by (actor, key): a retry with the same key and request
    // returns the complaint created the first time, also after a restart; the
    // same key with another request is refused.
    CreateResult create(const nlohmann::json& input, const std::string& actor,
                        const std::string& idempotency_key);
    // One item of a batch: the request and its idempotency key (may be empty).
    struct BatchItem {
        nlohmann::json input;
        std::string key;
    };
    // An item's outcome: the stored complaint, or why it was not recorded.
    struct BatchOutcome {
        std::optional<CreateResult> created;
        std::optional<domain::DomainError> refused;
    };
    // Records several complaints. `atomic`: in one transaction, all or none (when
    // one is refused, the others are refused as "not recorded"); otherwise each
    // on its own. Storage failures throw.
    std::vector<BatchOutcome> create_batch(const std::vector<BatchItem>& items,
                                           const std::string& actor, bool atomic);
    // Applies one lifecycle action. Throws domain::DomainError (not_found for an unknown number).
    domain::Complaint act(const std::string& number, std::string_view action,
                          const nlohmann::json& params, const std::string& actor);
    std::optional<ComplaintRecord> find(const std::string& number);
    // The complaint alone, without its events (for the clock and the policies).
    std::optional<domain::Complaint> load(const std::string& number);
    storage::ComplaintPage list(storage::ComplaintFilter filter);
    // The change feed: events after a cursor (an event id), in commit order.
    std::vector<storage::StoredEvent> events_after(std::int64_t after, int limit);
    std::int64_t latest_event_id();
    // Complaints with an SLA checkpoint due at or before `until` (the sweep's input).
    std::vector<std::string> checks_due(domain::Time until, int limit);
    // Fires the complaint's due SLA checkpoints: each is recorded as an event
    // ("sla-warning", "sla-breach", "sla-follow-up", actor "clock"), the escalation
    // policies are asked, and their decisions applied, in one transaction. The
    // policies are asked before it begins, so no lock is held while plugins run;
    // a checkpoint another host fired meanwhile is not fired twice. Returns how
    // many checkpoints fired.
    int check_clock(const std::string& number, const EscalationRun& escalations);
    // Applies an escalation policy's decisions (see redress.h), each as its own
    // event with the policy as actor, in one transaction. A decision that is not
    // allowed or not valid is logged and skipped. True when any was applied.
    bool apply_decisions(const std::string& number, const nlohmann::json& decisions,
                         const std::string& actor);
    // What an escalation policy sees: the trigger plus the complaint and its
    // team's lead, supervisor and head.
    nlohmann::json trigger_for(const domain::Complaint& c, nlohmann::json trigger) const;
    // The same for a stored event ("trigger": "event", the event without the
    // complaint under "event"), written from its stored texts without parsing them.
    std::string event_trigger(const EventDelivery& e) const;
    // The D21/D23 figures of a period (storage/statistics.hpp).
    nlohmann::json statistics(const storage::StatisticsRequest& request);
    // Every complaint with its events, in creation order, one at a time (for export).
    void for_each(const std::function<void(const ComplaintRecord&)>& visit);

    static std::string event_type(std::string_view action) {
        return "complaint." + std::string(action);
    }
    domain::Time now() const { return clock_.now(); }
    // Called after every commit (the outbox dispatcher wakes up).
    void set_after_commit(std::function<void()> hook) { after_commit_ = std::move(hook); }
    // Classifiers consulted for every new complaint (D6 automation).
    void set_classifiers(ClassifierRun run) { classifiers_ = std::move(run); }

  private:
    CreateResult create_in(const nlohmann::json& input, const std::string& actor,
                           const std::string& key);
    // Validates and classifies a request, touching no storage.
    domain::Complaint prepare(const nlohmann::json& input, const std::string& actor,
                              domain::Time now);
    // Stores a prepared complaint inside the caller's transaction (or finds the
    // one its key recorded before).
    CreateResult store(soci::session& s, domain::Complaint c, const nlohmann::json& input,
                       const std::string& actor, const std::string& key, domain::Time now);
    // Links a new complaint to an earlier one of the same customer and category
    // within the repeat window, and tags it "repeat" (D14).
    void mark_repeat(soci::session& s, domain::Complaint& c, domain::Time now);
    // The event of one change: before -> the complaint now.
    static storage::StoredEvent event_of(const domain::Complaint& c, std::string_view action,
                                         const std::string& actor, const nlohmann::json& before,
                                         domain::Time now);
    // Appends events of complaint `id` (`c` as written with them) and their outbox rows.
    void append_events(soci::session& s, std::int64_t id, const domain::Complaint& c,
                       const std::vector<storage::StoredEvent>& events);
    // Applies decisions to a complaint in memory, adding an event for each change.
    // The trigger's "team": the lead, supervisor and head of the complaint's team.
    void add_team(nlohmann::json& trigger, const std::string& team_id) const;
    void apply_decisions_to(domain::Complaint& c, const nlohmann::json& decisions,
                            const std::string& actor, domain::Time now,
                            std::vector<storage::StoredEvent>& events) const;
    // A staff classification is a labelled example for learning classifiers.
    void record_training_label(soci::session& s, const domain::Complaint& c,
                               const std::string& actor, domain::Time now);

    // Runs writes in one transaction grouped with concurrent callers'
    // (storage/group_commit.hpp): measured faster on SQLite and on PostgreSQL.
    void write(const storage::GroupCommit::Work& work);

    storage::Database& db_;
    const domain::DomainConfig& config_;
    const domain::Clock& clock_;
    SubscriberLookup subscribers_;
    std::function<void()> after_commit_;
    ClassifierRun classifiers_;
};

}  // namespace redress::core
