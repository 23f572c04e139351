// url_encoded: query strings and application/x-www-form-urlencoded bodies.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace redress_plugins {

// Decodes %XX and '+' of a URL-encoded component.
std::string url_decode(std::string_view text);
// "a=1&b=2" into a map, the last value of a name winning.
std::map<std::string, std::string> parse_urlencoded(std::string_view text);

}  // namespace redress_plugins
