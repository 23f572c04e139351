#pragma once

#include <array>
#include <chrono>
#include <set>
#include <string>
#include <vector>

#include <cctz/civil_time.h>
#include <cctz/time_zone.h>
#include <nlohmann/json_fwd.hpp>

#include "domain/time.hpp"

namespace redress::domain {

// Working hours of one day, in minutes since local midnight: [start, end).
struct WorkInterval {
    int start_minute;
    int end_minute;
};

// When a business works, in its own time zone: working hours per weekday,
// public holidays (not worked even on a weekday) and make-up working days
// (worked even on a weekend), as China's official calendar has them.
class BusinessCalendar {
  public:
    // Reads the calendar document (see config/calendars/cn-2026.json). Throws
    // std::invalid_argument naming the JSON pointer and the problem.
    static BusinessCalendar from_json(const nlohmann::json& doc);
    // Every day Monday to Friday 09:00-18:00 in `zone`, no holidays.
    static BusinessCalendar standard(const std::string& zone);

    const std::string& zone_name() const noexcept { return zone_name_; }
    const cctz::time_zone& zone() const noexcept { return zone_; }

    bool is_working_day(cctz::civil_day day) const;
    // The local calendar day an instant falls on.
    cctz::civil_day local_day(Time t) const;

    // `duration` of working time after `start` (working hours only).
    Time add_business_time(Time start, std::chrono::milliseconds duration) const;
    // The same local time of day, `days` working days after the first working
    // moment at or after `start`.
    Time add_working_days(Time start, int days) const;
    // Working time within [from, to).
    std::chrono::milliseconds business_time_between(Time from, Time to) const;

  private:
    const std::vector<WorkInterval>& hours_of(cctz::civil_day day) const;
    Time at(cctz::civil_day day, int minute) const;
    // The first instant at or after `t` that is within working hours.
    Time next_working_moment(Time t) const;

    std::string zone_name_;
    cctz::time_zone zone_;
    std::array<std::vector<WorkInterval>, 7> week_;  // Monday first
    std::vector<WorkInterval> make_up_hours_;
    std::set<cctz::civil_day> holidays_;
    std::set<cctz::civil_day> make_up_days_;
};

}  // namespace redress::domain
