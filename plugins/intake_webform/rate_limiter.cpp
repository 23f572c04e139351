#include "rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace intake_webform {

int RateLimiter::acquire(const std::string& address, Clock::time_point now) {
    std::lock_guard lock(mutex_);
    // Full buckets carry no information: drop them now and then to bound memory.
    if (buckets_.size() > 10000)
        std::erase_if(buckets_, [&](const auto& entry) {
            double idle = std::chrono::duration<double>(now - entry.second.at).count();
            return entry.second.tokens + idle * per_second_ >= burst_;
        });
    auto [it, fresh] = buckets_.try_emplace(address, Bucket{burst_, now});
    Bucket& b = it->second;
    double elapsed = std::chrono::duration<double>(now - b.at).count();
    b.tokens = std::min(burst_, b.tokens + elapsed * per_second_);
    b.at = now;
    if (b.tokens >= 1.0) {
        b.tokens -= 1.0;
        return 0;
    }
    return static_cast<int>(std::ceil((1.0 - b.tokens) / per_second_));
}

}  // namespace intake_webform
