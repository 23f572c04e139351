#include "http/metrics.hpp"

#include <cstdio>

namespace redress::http {

std::string prometheus_label(const std::string& value) {
    std::string out;
    for (char c : value) {
        if (c == '\\' || c == '"') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

void Metrics::record(const std::string& method, const std::string& route, int status,
                     double seconds) {
    std::lock_guard lock(mutex_);
    ++requests_[{method, route, status}];
    Histogram& h = latency_[{method, route}];
    for (std::size_t i = 0; i < kBuckets.size(); ++i)
        if (seconds <= kBuckets[i]) ++h.buckets[i];
    ++h.count;
    h.sum += seconds;
}

std::string Metrics::render(const std::string& gauges) const {
    std::string out =
        "# HELP redress_http_requests_total HTTP requests by route and status.\n"
        "# TYPE redress_http_requests_total counter\n";
    char buf[64];
    std::lock_guard lock(mutex_);
    for (const auto& [key, n] : requests_) {
        const auto& [method, route, status] = key;
        out += "redress_http_requests_total{method=\"" + method + "\",route=\"" +
               prometheus_label(route) + "\",status=\"" + std::to_string(status) + "\"} " +
               std::to_string(n) + "\n";
    }
    out +=
        "# HELP redress_http_request_duration_seconds Time to answer, by route.\n"
        "# TYPE redress_http_request_duration_seconds histogram\n";
    for (const auto& [key, h] : latency_) {
        std::string labels =
            "method=\"" + key.first + "\",route=\"" + prometheus_label(key.second) + "\"";
        for (std::size_t i = 0; i < kBuckets.size(); ++i) {
            std::snprintf(buf, sizeof buf, "%g", kBuckets[i]);
            out += "redress_http_request_duration_seconds_bucket{" + labels + ",le=\"" + buf +
                   "\"} " + std::to_string(h.buckets[i]) + "\n";
        }
        out += "redress_http_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} " +
               std::to_string(h.count) + "\n";
        std::snprintf(buf, sizeof buf, "%.6f", h.sum);
        out += "redress_http_request_duration_seconds_sum{" + labels + "} " + buf + "\n";
        out += "redress_http_request_duration_seconds_count{" + labels + "} " +
               std::to_string(h.count) + "\n";
    }
    return out + gauges;
}

}  // namespace redress::http
