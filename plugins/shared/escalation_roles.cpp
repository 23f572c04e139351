#include "escalation_roles.hpp"

namespace redress_plugins {

std::string person_for(const std::string& role, const nlohmann::json& trigger,
                       const std::string& management) {
    // Looked up in place: the trigger's complaint is large and copying it is not free.
    auto member = [&](const char* object, const char* key) -> std::string {
        auto it = trigger.find(object);
        if (it == trigger.end() || !it->is_object()) return "";
        auto value = it->find(key);
        return value != it->end() && value->is_string() ? value->get<std::string>() : "";
    };
    if (role == "owner") return member("complaint", "owner");
    if (role == "team_lead") return member("team", "lead");
    if (role == "team_supervisor") return member("team", "supervisor");
    if (role == "department_head") return member("team", "head");
    if (role == "management") return management;
    return role;
}

}  // namespace redress_plugins
