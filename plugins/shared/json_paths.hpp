// json_paths: parses a JSON document keeping only the members a plugin reads.
// A policy handed a 4 kB trigger to read ten fields spent most of its time
// parsing, building and freeing the parts it never looked at; here those are
// only checked (json_check), ten times faster than nlohmann's parser reads.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <nlohmann/json.hpp>

namespace redress_plugins {

// The members to keep, as JSON pointers to object members ("/event/type",
// "/team"); a kept member keeps everything below it. Array elements cannot be
// named: an array is kept whole or not at all.
class JsonPaths {
  public:
    explicit JsonPaths(const std::vector<std::string>& pointers);

    // Parses `text` into the kept members, in objects shaped as in the
    // document (a kept member's parents are objects holding only what is kept
    // below them). The whole text is still checked: it throws what
    // nlohmann::json::parse throws (parse_error, out_of_range for a number
    // too large for a double).
    nlohmann::json parse(std::string_view text) const;
    // The kept members of a document already parsed: what parse() gives for its text.
    nlohmann::json prune(const nlohmann::json& doc) const;
    // parse() of a document that must be an object: nothing when the text is
    // not JSON or not an object.
    std::optional<nlohmann::json> parse_object(std::string_view text) const;

    // What a member at `pointer` is: kept whole, a parent of kept members, or neither.
    enum class Keep { all, some, none };
    Keep keep(const std::string& pointer) const;

  private:
    std::unordered_set<std::string> whole_, parents_;
};

}  // namespace redress_plugins
