// json_check: whether a text is one JSON value (RFC 8259, well-formed UTF-8),
// judged as nlohmann::json::accept judges it but about ten times faster, and
// without its one quirk: accept takes a NUL byte for the end of the input and
// ignores what follows (which would let that into the event log); here it is
// refused.
#pragma once

#include <cstddef>
#include <string_view>

namespace redress_plugins {

bool is_json(std::string_view text);

// The length of the one JSON value at the start of `text` (no leading space),
// judged as is_json() judges, or npos when there is none.
std::size_t json_value_length(std::string_view text);

}  // namespace redress_plugins
