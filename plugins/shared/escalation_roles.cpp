#include "escalation_roles.hpp"

namespace redress_plugins {

std::string person_for(const std::string& role, const nlohmann::json& trigger,
                       const std::string& management) {
    const nlohmann::json team = trigger.value("team", nlohmann::json::object());
    if (role == "owner")
        return trigger.value("complaint", nlohmann::json::object()).value("owner", "");
    if (role == "team_lead") return team.value("lead", "");
    if (role == "team_supervisor") return team.value("supervisor", "");
    if (role == "department_head") return team.value("head", "");
    if (role == "management") return management;
    return role;
}

}  // namespace redress_plugins
