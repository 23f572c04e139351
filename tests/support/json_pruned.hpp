#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "json_paths.hpp"

namespace redress::test {

// A member's name as a JSON pointer writes it ("~" and "/" escaped).
inline std::string pointer_token(const std::string& name) {
    std::string out;
    for (char c : name) out += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
    return out;
}

// What redress_plugins::JsonPaths::parse must give: the full document, pruned
// to the kept members (the reference its tests and fuzz target compare with).
inline nlohmann::json pruned(const nlohmann::json& doc, const redress_plugins::JsonPaths& paths,
                             const std::string& pointer = "") {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [name, value] : doc.items()) {
        std::string child = pointer + "/" + pointer_token(name);
        auto keep = paths.keep(child);
        if (keep == redress_plugins::JsonPaths::Keep::all)
            out[name] = value;
        else if (keep == redress_plugins::JsonPaths::Keep::some && value.is_object())
            out[name] = pruned(value, paths, child);
    }
    return out;
}

}  // namespace redress::test
