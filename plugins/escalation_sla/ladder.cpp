#include "ladder.hpp"

#include "escalation_roles.hpp"

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
    return redress_plugins::person_for(role, trigger, management_);
}

}  // namespace escalation_sla
