#pragma once

#include <string>
#include <string_view>

namespace redress::auth {

// Lower-case hex SHA-256 of `data`.
std::string sha256_hex(std::string_view data);
// A new bearer token: "rdr_" and 43 base64url characters (256 random bits).
std::string new_token();
// Compares without an early exit, so the time taken says nothing about where they differ.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace redress::auth
