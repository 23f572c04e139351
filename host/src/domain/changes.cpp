#include "domain/changes.hpp"

namespace redress::domain {
using nlohmann::json;

namespace {

json diff_list(const json& before, const json& after) {
    json changed = json::object();
    std::size_t common = std::min(before.size(), after.size());
    for (std::size_t i = 0; i < common; ++i)
        if (before[i] != after[i])
            changed[std::to_string(i)] = {{"before", before[i]}, {"after", after[i]}};
    json out = json::object();
    if (!changed.empty()) out["changed"] = changed;
    if (after.size() > before.size())
        out["added"] = json(after.begin() + static_cast<long>(common), after.end());
    if (before.size() > after.size())
        out["removed"] = json(before.begin() + static_cast<long>(common), before.end());
    return out;
}

}  // namespace

json diff_documents(const json& before, const json& after) {
    json changes = json::object();
    for (const auto& [key, value] : after.items()) {
        if (key == "updated_at" || key == "version") continue;
        auto old = before.find(key);
        if (old != before.end() && *old == value) continue;
        if (old != before.end() && old->is_array() && value.is_array())
            changes[key] = diff_list(*old, value);
        else
            changes[key] = {{"before", old == before.end() ? json(nullptr) : *old},
                            {"after", value}};
    }
    for (const auto& [key, value] : before.items())
        if (!after.contains(key)) changes[key] = {{"before", value}, {"after", nullptr}};
    return changes;
}

}  // namespace redress::domain
