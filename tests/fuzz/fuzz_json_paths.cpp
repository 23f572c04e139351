// The plugins' partial JSON parser against nlohmann::json::parse, on any
// input: both refuse it (a parse error, or a number too large), or the
// partial parse is the full one pruned.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <nlohmann/json.hpp>

#include "json_paths.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const redress_plugins::JsonPaths paths(
        {"/trigger", "/event/type", "/event/changes/handling_round", "/complaint/number", "/team",
         "/a", "/b/c", "/b/d/e", "/x~1y/z~0"});
    std::string_view text(reinterpret_cast<const char*>(data), size);
    bool full_ok = true, partial_ok = true;
    nlohmann::json full, partial;
    try {
        full = nlohmann::json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::exception&) {
        full_ok = false;
    }
    try {
        partial = paths.parse(text);
    } catch (const nlohmann::json::exception&) {
        partial_ok = false;
    }
    if (full_ok != partial_ok) std::abort();
    if (full_ok && partial != paths.prune(full)) std::abort();
    return 0;
}
