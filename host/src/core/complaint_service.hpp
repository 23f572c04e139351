#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/catalogue.hpp"
#include "domain/complaint.hpp"
#include "domain/errors.hpp"
#include "domain/time.hpp"
#include "storage/complaint_query.hpp"
#include "storage/complaint_store.hpp"
#include "storage/database.hpp"

namespace soci {
class session;
}

namespace redress::core {

// Which notifier instances want an event ("complaint.created", "complaint.close"...).
using SubscriberLookup = std::function<std::vector<std::string>(std::string_view event_type)>;

// Runs the classifiers on a complaint document: (instance name, proposal) in order.
using ClassifierRun = std::function<std::vector<std::pair<std::string, nlohmann::json>>(
    const nlohmann::json& complaint)>;

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
    storage::ComplaintPage list(storage::ComplaintFilter filter);
    // The change feed: events after a cursor (an event id), in commit order.
    std::vector<storage::StoredEvent> events_after(std::int64_t after, int limit);
    // Complaints with a milestone due at or before `until` (the SLA sweep's input).
    std::vector<std::string> due_by(domain::Time until, int limit);
    // Every complaint with its events, in creation order, one at a time (for export).
    void for_each(const std::function<void(const ComplaintRecord&)>& visit);

    static std::string event_type(std::string_view action) {
        return "complaint." + std::string(action);
    }
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
    // A staff classification is a labelled example for learning classifiers.
    void record_training_label(soci::session& s, const domain::Complaint& c,
                               const std::string& actor, domain::Time now);

    storage::Database& db_;
    const domain::DomainConfig& config_;
    const domain::Clock& clock_;
    SubscriberLookup subscribers_;
    std::function<void()> after_commit_;
    ClassifierRun classifiers_;
};

}  // namespace redress::core
