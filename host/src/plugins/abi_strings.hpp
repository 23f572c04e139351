#pragma once

#include <string>
#include <string_view>

#include <redress/redress.h>

namespace redress::plugins {

// redress_str <-> C++ strings at the plugin boundary (a null pointer with size 0 is "").
inline std::string_view view(redress_str s) noexcept {
    return s.size == 0 ? std::string_view{} : std::string_view(s.data, s.size);
}
inline redress_str str(std::string_view s) noexcept {
    return {s.data(), s.size()};
}

}  // namespace redress::plugins
