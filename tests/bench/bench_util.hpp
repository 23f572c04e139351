// What every benchmark shares: its arguments, a stopwatch, quantiles.
#pragma once

#include <algorithm>
#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace redress::bench {

using Args = std::map<std::string, std::string>;

// "--name value" pairs after the benchmark's name.
inline Args parse_args(int argc, char** argv) {
    Args a;
    for (int i = 2; i + 1 < argc; i += 2) a[argv[i]] = argv[i + 1];
    return a;
}

inline std::string arg(const Args& a, const std::string& name, const std::string& fallback) {
    auto it = a.find(name);
    return it == a.end() ? fallback : it->second;
}

// "1,8,64" as numbers.
inline std::vector<long long> numbers(const std::string& list) {
    std::vector<long long> out;
    for (std::size_t at = 0; at < list.size();) {
        auto comma = list.find(',', at);
        out.push_back(std::stoll(list.substr(at, comma - at)));
        at = comma == std::string::npos ? list.size() : comma + 1;
    }
    return out;
}

inline double ms_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

// Nearest rank.
inline double quantile(std::vector<double> v, double q) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[static_cast<std::size_t>(q * static_cast<double>(v.size() - 1) + 0.5)];
}

}  // namespace redress::bench
