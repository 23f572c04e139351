#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "core/complaint_service.hpp"
#include "core/outbox_dispatcher.hpp"
#include "storage/leases.hpp"

namespace redress::core {

// Hands a committed event to an escalation instance and applies its decisions.
// Events the instance's own decisions produced are not handed back to it (no
// loops). Storage trouble answers REDRESS_RETRY, so the outbox tries again.
OutboxDispatcher::EscalationHandler event_escalation(ComplaintService& service);

// The SLA clock: every `interval`, fires the checkpoints that are due (through
// the next-check index) and lets the escalation policies decide. One thread.
class SlaSweep {
  public:
    SlaSweep(ComplaintService& service, EscalationRun escalations,
             std::chrono::milliseconds interval);
    ~SlaSweep();
    SlaSweep(const SlaSweep&) = delete;
    SlaSweep& operator=(const SlaSweep&) = delete;
    // With several hosts on one database, sweeps only while holding the
    // "sla-sweep" lease. Without leases (tests, one-shot commands) it always sweeps.
    void set_leases(storage::Leases* leases) { leases_ = leases; }
    void start();
    void stop();
    // One pass; returns the checkpoints fired.
    int sweep_once();

  private:
    void run();

    ComplaintService& service_;
    EscalationRun escalations_;
    std::chrono::milliseconds interval_;
    storage::Leases* leases_ = nullptr;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace redress::core
