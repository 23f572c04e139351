// ladder: who a breached complaint goes to at each escalation level, and how
// long each level has before the next (owner -> team lead -> department head ->
// management by default).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace escalation_sla {

struct Step {
    std::string to;  // a role (team_lead, team_supervisor, department_head, management) or a person
    double after_hours;  // after the previous step (the first: after the breach)
    bool reassign;       // the complaint moves to that person
};

class Ladder {
  public:
    // From the settings' "ladder" and "management".
    explicit Ladder(const nlohmann::json& settings);

    // The step for escalation level `level` (1 = the first step), if any.
    const Step* step(int level) const;
    // The person a role names for this trigger's team ("" if the team has none).
    std::string person(const std::string& role, const nlohmann::json& trigger) const;

  private:
    std::vector<Step> steps_;
    std::string management_;
};

}  // namespace escalation_sla
