#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace redress::domain {

// An instant, in milliseconds since the Unix epoch (UTC). Stored as such in
// indexed columns; written as ISO 8601 UTC text in documents.
using Time = std::chrono::sys_time<std::chrono::milliseconds>;

// "2026-11-23T02:00:00.000Z"
std::string format_time(Time t);
// Accepts "YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)"; nullopt for anything else.
std::optional<Time> parse_time(std::string_view text);

inline std::int64_t to_millis(Time t) {
    return t.time_since_epoch().count();
}
inline Time from_millis(std::int64_t ms) {
    return Time(std::chrono::milliseconds(ms));
}

// The host's clock. Tests and benchmarks substitute their own.
class Clock {
  public:
    virtual ~Clock() = default;
    virtual Time now() const = 0;
};

class SystemClock : public Clock {
  public:
    Time now() const override {
        return std::chrono::time_point_cast<std::chrono::milliseconds>(
            std::chrono::system_clock::now());
    }
};

// A clock that only moves when told to.
class ManualClock : public Clock {
  public:
    explicit ManualClock(Time start) : now_(start) {}
    Time now() const override { return now_; }
    void set(Time t) { now_ = t; }
    void advance(std::chrono::milliseconds d) { now_ += d; }

  private:
    Time now_;
};

}  // namespace redress::domain
