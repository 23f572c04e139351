// escalation_roles: who a role in an escalation policy's settings means for
// one complaint, from the team the host puts in every trigger.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace redress_plugins {

// "owner", "team_lead", "team_supervisor", "department_head" (the team's head),
// "management" (the given person); anything else is a person's name already.
// "" when the complaint's team does not name one.
std::string person_for(const std::string& role, const nlohmann::json& trigger,
                       const std::string& management);

}  // namespace redress_plugins
