#pragma once

#include <array>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace redress::http {

// Request counters and a latency histogram per route, in Prometheus' text format.
class Metrics {
  public:
    // `route` is the route's template ("/api/v1/complaints/{number}"), not the raw path.
    void record(const std::string& method, const std::string& route, int status, double seconds);
    // The counters and histograms, followed by `gauges` (already formatted).
    std::string render(const std::string& gauges) const;

    static constexpr std::array<double, 12> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                        0.1,   0.25,   0.5,   1,    2.5,   5};

  private:
    struct Histogram {
        std::array<unsigned long long, kBuckets.size()> buckets{};
        unsigned long long count = 0;
        double sum = 0;
    };
    mutable std::mutex mutex_;
    std::map<std::tuple<std::string, std::string, int>, unsigned long long> requests_;
    std::map<std::pair<std::string, std::string>, Histogram> latency_;
};

// Escapes a label value for the text format.
std::string prometheus_label(const std::string& value);

}  // namespace redress::http
