// The event log's JSON check against nlohmann::json::accept, on any input: they
// must agree, except that a NUL byte (which accept takes for the end of the
// input) is always refused by the check.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <nlohmann/json.hpp>

#include "json_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    bool expected = text.find('\0') == std::string_view::npos && nlohmann::json::accept(text);
    if (redress_plugins::is_json(text) != expected) std::abort();
    return 0;
}
