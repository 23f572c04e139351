// json_check: whether a text is one JSON value (RFC 8259, well-formed UTF-8),
// judged as nlohmann::json::accept judges it but about ten times faster, and
// without its one quirk: accept takes a NUL byte for the end of the input and
// ignores what follows, which would let that into the log; here it is refused.
#pragma once

#include <string_view>

namespace notifier_log {

bool is_json(std::string_view text);

}  // namespace notifier_log
