#include "time_text.hpp"

#include <cmath>
#include <cstdio>
#include <ctime>

namespace escalation_sla {

std::string shift(const std::string& utc, double seconds) {
    std::tm tm{};
    int ms = 0;
    if (std::sscanf(utc.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%3dZ", &tm.tm_year, &tm.tm_mon,
                    &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &ms) < 6)
        return "";
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    std::time_t t = timegm(&tm) + static_cast<std::time_t>(std::llround(seconds));
    std::tm out{};
    gmtime_r(&t, &out);
    char buf[96];  // room for any int the format could print
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", out.tm_year + 1900,
                  out.tm_mon + 1, out.tm_mday, out.tm_hour, out.tm_min, out.tm_sec, ms);
    return buf;
}

}  // namespace escalation_sla
