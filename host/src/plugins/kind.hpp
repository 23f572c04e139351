#pragma once

#include <optional>
#include <string_view>

#include <redress/redress.h>

namespace redress::plugins {

// "notifier" for REDRESS_KIND_NOTIFIER, "unknown" for a value outside the enum.
std::string_view kind_name(redress_kind kind);
std::optional<redress_kind> kind_from_name(std::string_view name);
// The size of the call table of `kind` as of API 1.0: a smaller table is malformed.
std::size_t minimum_calls_size(redress_kind kind);

}  // namespace redress::plugins
