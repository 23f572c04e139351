#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "domain/calendar.hpp"
#include "domain/time.hpp"
#include "storage/database.hpp"
#include "storage/leases.hpp"

namespace redress::plugins {
class PluginManager;
}

namespace redress::core {

// The period a schedule entry ({"every": "month"|"quarter", "day", "at"}) has a
// report due for at `now`: the month or quarter before the current one, once
// `day` at `at` (local to the calendar) of the current one has come; nullopt
// before that.
std::optional<std::string> due_period(const nlohmann::json& entry, domain::Time now,
                                      const domain::BusinessCalendar& calendar);

// Reports made on schedule (D21: the monthly and quarterly analysis "sent to
// the departments"). Each running report instance's "schedule" entries are made
// once per period, by whichever host comes first, kept in report_runs, and
// handed in the same transaction to the entry's notifiers through the outbox
// (so delivery retries, dead-letters and survives restarts like any event).
class ReportSchedule {
  public:
    ReportSchedule(storage::Database& db, plugins::PluginManager& plugins,
                   const domain::Clock& clock, const domain::BusinessCalendar& calendar,
                   std::chrono::milliseconds tick = std::chrono::minutes(1));
    ~ReportSchedule();
    ReportSchedule(const ReportSchedule&) = delete;
    ReportSchedule& operator=(const ReportSchedule&) = delete;

    // Called after a run was committed (to wake the outbox).
    void set_after_commit(std::function<void()> f) { after_commit_ = std::move(f); }
    // Makes every report that is due and not made yet; returns how many it made.
    int run_due();
    // With several hosts on one database, only the holder of the "reports" lease makes them.
    void set_leases(storage::Leases* leases) { leases_ = leases; }
    void start();
    void stop();

  private:
    // Makes one run; false when another host made it first.
    bool make(const std::string& instance, const nlohmann::json& entry, const std::string& period);

    storage::Database& db_;
    plugins::PluginManager& plugins_;
    const domain::Clock& clock_;
    const domain::BusinessCalendar& calendar_;
    std::chrono::milliseconds tick_;
    std::function<void()> after_commit_;
    storage::Leases* leases_ = nullptr;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace redress::core
