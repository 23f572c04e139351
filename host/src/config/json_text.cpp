#include "config/json_text.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "config/problem.hpp"

namespace redress::config {

std::string read_text_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw ConfigError(
            {{file.string(), "", std::string("cannot read: ") + std::strerror(errno)}});
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

std::pair<std::size_t, std::size_t> line_and_column(std::string_view text, std::size_t offset) {
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return {line, column};
}

std::string json_error_text(const nlohmann::json::exception& e) {
    std::string what = e.what();
    if (auto pos = what.find("] "); pos != std::string::npos) what.erase(0, pos + 2);
    return what;
}

nlohmann::json parse_json_with_comments(std::string_view text, const std::string& origin) {
    try {
        return nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/true,
                                     /*ignore_comments=*/true);
    } catch (const nlohmann::json::parse_error& e) {
        // nlohmann's byte is 1-based and points just past the offending character.
        std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
        auto [line, column] = line_and_column(text, offset);
        throw ConfigError({{origin + ":" + std::to_string(line) + ":" + std::to_string(column), "",
                            "invalid JSON: " + json_error_text(e)}});
    }
}

}  // namespace redress::config
