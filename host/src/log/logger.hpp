#pragma once

#include <string_view>

namespace redress::log {

enum class Level { debug = 0, info = 1, warning = 2, error = 3, off = 4 };

// Lines below this level are dropped. Default: info.
void set_threshold(Level level);
Level threshold();

// Writes one line to stderr: "<UTC time> <level> [<tag>] <message>". Thread-safe;
// each line is written with one call so lines from threads never interleave.
void write(Level level, std::string_view tag, std::string_view message);

inline void debug(std::string_view tag, std::string_view m) {
    write(Level::debug, tag, m);
}
inline void info(std::string_view tag, std::string_view m) {
    write(Level::info, tag, m);
}
inline void warning(std::string_view tag, std::string_view m) {
    write(Level::warning, tag, m);
}
inline void error(std::string_view tag, std::string_view m) {
    write(Level::error, tag, m);
}

}  // namespace redress::log
