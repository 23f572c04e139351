#include "log/logger.hpp"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <string>

namespace redress::log {
namespace {

std::atomic<Level> g_threshold{Level::info};

std::string_view name_of(Level level) {
    switch (level) {
        case Level::debug:
            return "DEBUG";
        case Level::info:
            return "INFO";
        case Level::warning:
            return "WARN";
        case Level::error:
            return "ERROR";
        case Level::off:
            break;
    }
    return "?";
}

}  // namespace

void set_threshold(Level level) {
    g_threshold = level;
}
Level threshold() {
    return g_threshold;
}

void write(Level level, std::string_view tag, std::string_view message) {
    if (level < g_threshold.load(std::memory_order_relaxed)) return;
    auto now = std::chrono::system_clock::now();
    std::time_t secs = std::chrono::system_clock::to_time_t(now);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()) % 1000;
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char stamp[32];
    std::size_t n = std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
    std::string line(stamp, n);
    line += '.';
    line += std::to_string(1000 + ms.count()).substr(1);
    line += "Z ";
    line += name_of(level);
    line += " [";
    line += tag;
    line += "] ";
    line += message;
    line += '\n';
    // One write(2) per line: atomic for lines up to PIPE_BUF on pipes, and never
    // interleaved with another thread's line.
    const char* p = line.data();
    std::size_t left = line.size();
    while (left > 0) {
        ssize_t w = ::write(STDERR_FILENO, p, left);
        if (w <= 0) break;
        p += w;
        left -= static_cast<std::size_t>(w);
    }
}

}  // namespace redress::log
