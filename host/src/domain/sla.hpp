#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "domain/calendar.hpp"
#include "domain/enums.hpp"

namespace redress::domain {

// How long a milestone may take: business hours/minutes ("2h", "90m") or whole
// working days ("3d").
struct SlaTarget {
    bool working_days = false;
    std::chrono::milliseconds business{0};
    int days = 0;
    std::string text;
};

// "2h", "30m", "3d"; nullopt if malformed.
std::optional<SlaTarget> parse_sla_target(const std::string& text);

// The SLA matrix of D7, per priority and milestone, with per-category overrides,
// measured on a business calendar.
class SlaPolicy {
  public:
    // D7's defaults: urgent 2h / 24h, normal 24h / 48h, low 3 working days / none,
    // plus resolution targets of 3, 7 and 15 working days.
    static SlaPolicy defaults(BusinessCalendar calendar);
    // {"targets": {"urgent": {"first_response": "2h", ...}, ...},
    //  "by_category": {"logistics": {"normal": {"resolution": "5d"}}}}; a null
    // target means "no such milestone". Throws std::invalid_argument with a pointer.
    static SlaPolicy from_json(const nlohmann::json& doc, BusinessCalendar calendar);

    // The target for a complaint of this priority and category (the longest
    // matching category prefix overrides), or nullopt when the milestone does not apply.
    std::optional<SlaTarget> target(Priority priority, const std::string& category,
                                    Milestone milestone) const;
    Time due(Time start, const SlaTarget& target) const;
    // When a milestone is warned about: this share of its allowed business time
    // ("warning_share", default 0.8) after the start.
    Time warning(Time start, Time due) const;
    double warning_share() const noexcept { return warning_share_; }
    // How often an open complaint's customer hears how it stands (D15):
    // "progress_every", default 3 working days; null turns the reminders off.
    const std::optional<SlaTarget>& progress_every() const noexcept { return progress_every_; }
    const BusinessCalendar& calendar() const noexcept { return calendar_; }

  private:
    using Table = std::map<Priority, std::map<Milestone, std::optional<SlaTarget>>>;
    void read_table(const nlohmann::json& doc, const std::string& pointer, Table& into);

    BusinessCalendar calendar_;
    Table targets_;
    double warning_share_ = 0.8;
    std::optional<SlaTarget> progress_every_ = parse_sla_target("3d");
    std::map<std::string, Table> by_category_;
};

}  // namespace redress::domain
