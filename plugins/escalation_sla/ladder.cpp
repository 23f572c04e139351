#include "ladder.hpp"

namespace escalation_sla {

Ladder::Ladder(const nlohmann::json& settings)
    : management_(settings.at("management").get<std::string>()) {
    for (const auto& s : settings.at("ladder"))
        steps_.push_back({s.at("to").get<std::string>(), s.at("after_hours").get<double>(),
                          s.at("reassign").get<bool>()});
}

const Step* Ladder::step(int level) const {
    if (level < 1 || level > static_cast<int>(steps_.size())) return nullptr;
    return &steps_[static_cast<std::size_t>(level - 1)];
}

std::string Ladder::person(const std::string& role, const nlohmann::json& trigger) const {
    const nlohmann::json team = trigger.value("team", nlohmann::json::object());
    if (role == "owner") return trigger["complaint"].value("owner", "");
    if (role == "team_lead") return team.value("lead", "");
    if (role == "team_supervisor") return team.value("supervisor", "");
    if (role == "department_head") return team.value("head", "");
    if (role == "management") return management_;
    return role;  // a person named directly
}

}  // namespace escalation_sla
