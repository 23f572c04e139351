#include "local_time.hpp"

#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace redress_plugins {

std::string local_time(const std::string& iso_utc, const std::string& offset) {
    std::tm tm{};
    if (std::sscanf(iso_utc.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon,
                    &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
        return iso_utc;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    int sign = offset[0] == '-' ? -1 : 1;
    int hours = std::atoi(offset.substr(1, 2).c_str()),
        minutes = std::atoi(offset.substr(4, 2).c_str());
    std::time_t t = timegm(&tm) + sign * (hours * 3600 + minutes * 60);
    std::tm local{};
    gmtime_r(&t, &local);
    char buf[64];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &local);
    return std::string(buf) + " (UTC" + offset + ")";
}

}  // namespace redress_plugins
