#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/event_delivery.hpp"
#include "domain/time.hpp"
#include "storage/database.hpp"
#include "storage/leases.hpp"

namespace soci {
class session;
}

#include "plugins/instance.hpp"

namespace redress::plugins {
class PluginManager;
}  // namespace redress::plugins

namespace redress::core {

struct OutboxPolicy {
    int max_attempts = 8;                         // then the delivery is dead-lettered
    std::chrono::milliseconds first_retry{1000};  // doubled after each failure...
    std::chrono::milliseconds max_retry{std::chrono::hours(1)};  // ...up to this
    std::chrono::milliseconds poll{250};                         // how often to look when not woken
    int batch = 100;
    // At most one pass per subscriber in this time: under load a pass takes what
    // gathered meanwhile and records it in one commit, instead of one commit
    // (and sync to disk) per event beside intake's. An idle subscriber's first
    // event goes out at once.
    std::chrono::milliseconds gather{20};
};

// Delivers committed events from the durable outbox to the notifier instances
// subscribed to them: in order per subscriber, retried with exponential backoff
// on REDRESS_RETRY, dead-lettered on REDRESS_ERROR or after max_attempts. A row
// is marked delivered only after the plugin said so, so a crash can repeat a
// delivery (at least once) but never lose one; the event id in each delivery
// lets receivers drop repeats.
class OutboxDispatcher {
  public:
    OutboxDispatcher(storage::Database& db, plugins::PluginManager& plugins,
                     const domain::Clock& clock, OutboxPolicy policy);
    ~OutboxDispatcher();

    // With several hosts on one database, each subscriber's rows are delivered
    // only by the host holding the "outbox:<subscriber>" lease (in order, once).
    void set_leases(storage::Leases* leases) { leases_ = leases; }
    void start();
    void stop();
    // Something was committed: look now rather than at the next poll.
    void wake();
    // One pass over what is due, for every subscriber; returns the number of
    // deliveries attempted.
    int deliver_due();

    // How an event reaches an escalation instance (its decisions are applied to
    // the complaint); without one, escalation instances' rows wait.
    struct Escalated {
        plugins::CallResult result;
        bool decided = false;  // decisions were applied to the complaint (and committed)
    };
    using EscalationHandler =
        std::function<Escalated(plugins::Instance& instance, const EventDelivery& event)>;
    void set_escalation_handler(EscalationHandler handler) { escalate_ = std::move(handler); }

  private:
    struct Pending {
        long long id = 0, event_id = 0, report_run_id = 0;  // one of the two is set
        std::string subscriber;
        int attempts = 0;
        long long next_attempt_at = 0;
    };
    // Each subscriber has its own thread, so one that stalls holds back only its
    // own rows (the watchdog then times its instance out).
    void run(plugins::Instance& subscriber);
    bool is_subscriber(const plugins::Instance& instance) const;
    int deliver_due(soci::session& s, plugins::Instance& subscriber);
    struct Outcome {
        Pending row;
        plugins::CallResult result;
        long long at = 0;      // when it was attempted (ms)
        bool decided = false;  // an escalation's decisions were applied
    };
    // Delivers one row; the outcome is recorded with others by record().
    Outcome deliver_one(soci::session& s, plugins::Instance& instance, const Pending& p);
    // Marks rows delivered, or schedules their retry or dead-letters them, in one transaction.
    void record(const std::vector<Outcome>& outcomes);
    void record_in(soci::session& s, const std::vector<Outcome>& outcomes);

    storage::Database& db_;
    plugins::PluginManager& plugins_;
    const domain::Clock& clock_;
    OutboxPolicy policy_;
    std::mutex mutex_;
    std::condition_variable wakeup_;  // something was committed (only while idle_ > 0)
    std::condition_variable stop_;    // stopping_ was set
    bool stopping_ = false;
    std::uint64_t wakes_ = 0;  // each thread compares with the count it last saw
    int idle_ = 0;             // threads waiting for a wake-up
    struct Worker {
        plugins::Instance* subscriber;
        std::thread thread;
        bool finished = false;  // under mutex_
    };
    std::vector<std::unique_ptr<Worker>> workers_;
    std::condition_variable finished_;
    EscalationHandler escalate_;
    storage::Leases* leases_ = nullptr;
};

}  // namespace redress::core
