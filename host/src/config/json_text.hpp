#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace redress::config {

// Reads a whole file; throws ConfigError naming the file and the system's reason.
std::string read_text_file(const std::filesystem::path& file);

// Parses JSON that may contain // and /* */ comments. On a syntax error throws
// ConfigError naming `origin`, the line and column, and what the parser expected.
nlohmann::json parse_json_with_comments(std::string_view text, const std::string& origin);

// The explanation of a nlohmann/json exception without its "[json.exception.x.n] " prefix.
std::string json_error_text(const nlohmann::json::exception& e);

// The 1-based line and column of a byte offset in `text`.
std::pair<std::size_t, std::size_t> line_and_column(std::string_view text, std::size_t offset);

}  // namespace redress::config
