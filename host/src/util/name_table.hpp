#pragma once

#include <array>
#include <optional>
#include <string_view>
#include <utility>

namespace redress::util {

// A fixed mapping between enum values and their names in documents and configuration.
template <class E, std::size_t N>
using NameTable = std::array<std::pair<E, std::string_view>, N>;

template <class E, std::size_t N>
std::string_view name_in(const NameTable<E, N>& table, E value, std::string_view unknown = "?") {
    for (const auto& [v, n] : table)
        if (v == value) return n;
    return unknown;
}

template <class E, std::size_t N>
std::optional<E> value_in(const NameTable<E, N>& table, std::string_view text) {
    for (const auto& [v, n] : table)
        if (n == text) return v;
    return std::nullopt;
}

}  // namespace redress::util
