#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "storage/database.hpp"

namespace redress::storage {

// Leases on background jobs, shared by every host on one database: a job (the
// SLA sweep, one notifier's deliveries, one instance's mailbox polling) runs on
// the host that holds its lease. A lease lasts `period`; its holder renews it
// when it asks again after a third of that, and any host takes over a lease that
// has expired, so a dead host's jobs move within `period`. Hosts' clocks must
// agree to well within the period (NTP).
class Leases {
  public:
    Leases(Database& db, std::string holder, std::chrono::milliseconds period);
    Leases(const Leases&) = delete;
    Leases& operator=(const Leases&) = delete;

    // True while this host holds `job`: takes it when free or expired, renews it
    // when due. False when another host holds it, or when the database cannot
    // say (a job is never run without its lease).
    bool hold(const std::string& job);
    // Gives up every lease this host holds (at a clean shutdown, so the others
    // take over at once).
    void release_all() noexcept;

    const std::string& holder() const noexcept { return holder_; }
    std::chrono::milliseconds period() const noexcept { return period_; }
    // Every lease in the database: [{"job", "holder", "expires_at", "acquired_at"}].
    nlohmann::json list();

    // hostname:pid:start time, unique among hosts and restarts.
    static std::string default_holder();

  private:
    Database& db_;
    std::string holder_;
    std::chrono::milliseconds period_;
    std::mutex mutex_;
    // Jobs this host holds, with when the lease was last written (steady clock).
    std::map<std::string, std::chrono::steady_clock::time_point> renewed_;
};

// Whether this process should run `job` now: always without leases (one-shot
// commands, tests), else while this host holds the job's lease.
inline bool may_run(Leases* leases, const std::string& job) {
    return leases == nullptr || leases->hold(job);
}

}  // namespace redress::storage
