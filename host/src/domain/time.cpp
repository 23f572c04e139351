#include "domain/time.hpp"

#include <cstdio>

namespace redress::domain {

std::string format_time(Time t) {
    using namespace std::chrono;
    auto day = floor<days>(t);
    year_month_day ymd(day);
    hh_mm_ss<milliseconds> tod(t - day);
    char buf[40];
    std::snprintf(
        buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02ld.%03ldZ", static_cast<int>(ymd.year()),
        static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
        static_cast<long>(tod.hours().count()), static_cast<long>(tod.minutes().count()),
        static_cast<long>(tod.seconds().count()), static_cast<long>(tod.subseconds().count()));
    return buf;
}

std::optional<Time> parse_time(std::string_view s) {
    using namespace std::chrono;
    auto digits = [&](std::size_t pos, std::size_t n, int& out) {
        if (pos + n > s.size()) return false;
        out = 0;
        for (std::size_t i = pos; i < pos + n; ++i) {
            if (s[i] < '0' || s[i] > '9') return false;
            out = out * 10 + (s[i] - '0');
        }
        return true;
    };
    int y, mo, d, h, mi, se, ms = 0;
    if (!digits(0, 4, y) || s.size() < 20 || s[4] != '-' || !digits(5, 2, mo) || s[7] != '-' ||
        !digits(8, 2, d) || (s[10] != 'T' && s[10] != ' ') || !digits(11, 2, h) || s[13] != ':' ||
        !digits(14, 2, mi) || s[16] != ':' || !digits(17, 2, se))
        return std::nullopt;
    std::size_t pos = 19;
    if (pos < s.size() && s[pos] == '.') {
        std::size_t start = ++pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
        if (pos == start) return std::nullopt;
        int frac = 0;
        digits(start, std::min<std::size_t>(3, pos - start), frac);
        for (std::size_t n = pos - start; n < 3; ++n) frac *= 10;
        ms = frac;
    }
    int offset_minutes = 0;
    if (pos < s.size() && s[pos] == 'Z') {
        ++pos;
    } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
        int oh, om;
        if (!digits(pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
            !digits(pos + 4, 2, om))
            return std::nullopt;
        offset_minutes = (oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != s.size()) return std::nullopt;
    year_month_day ymd{year(y), month(static_cast<unsigned>(mo)), day(static_cast<unsigned>(d))};
    if (!ymd.ok() || h > 23 || mi > 59 || se > 59) return std::nullopt;
    return Time(sys_days(ymd).time_since_epoch() + hours(h) + minutes(mi) + seconds(se) +
                milliseconds(ms) - minutes(offset_minutes));
}

}  // namespace redress::domain
