// rate_limiter: a token bucket per client address, so one address cannot flood
// the public form (a full bucket allows a burst; it refills steadily).
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace intake_webform {

class RateLimiter {
  public:
    using Clock = std::chrono::steady_clock;
    RateLimiter(double per_minute, double burst) : per_second_(per_minute / 60.0), burst_(burst) {}

    // Takes one token for `address`. 0 when allowed, else the seconds to wait.
    int acquire(const std::string& address, Clock::time_point now = Clock::now());

  private:
    struct Bucket {
        double tokens;
        Clock::time_point at;
    };
    double per_second_, burst_;
    std::mutex mutex_;
    std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace intake_webform
