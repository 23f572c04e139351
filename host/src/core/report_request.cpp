#include "core/report_request.hpp"

#include <cstdio>
#include <stdexcept>

#include "domain/time.hpp"

namespace redress::core {
using nlohmann::json;

namespace {

struct Span {
    int year, first_month, months;  // a month or a quarter
};

Span parse_span(const std::string& text) {
    int year = 0, n = 0;
    char tail = 0;
    if (std::sscanf(text.c_str(), "%4d-Q%1d%c", &year, &n, &tail) == 2 && n >= 1 && n <= 4)
        return {year, (n - 1) * 3 + 1, 3};
    if (std::sscanf(text.c_str(), "%4d-%2d%c", &year, &n, &tail) == 2 && n >= 1 && n <= 12 &&
        text.size() == 7)
        return {year, n, 1};
    throw std::invalid_argument("period \"" + text +
                                "\": expected a month (2026-10) or a quarter (2026-Q4)");
}

std::string label(const Span& s) {
    char buf[48];  // room for any int the format could print
    if (s.months == 3)
        std::snprintf(buf, sizeof buf, "%04d-Q%d", s.year, (s.first_month - 1) / 3 + 1);
    else
        std::snprintf(buf, sizeof buf, "%04d-%02d", s.year, s.first_month);
    return buf;
}

Span shifted(Span s, int spans) {
    int index = s.year * 12 + (s.first_month - 1) + spans * s.months;
    return {index / 12, index % 12 + 1, s.months};
}

json bounds(const Span& s, const domain::BusinessCalendar& calendar) {
    Span next = shifted(s, 1);
    // Midnight of the first day, local to the calendar's zone.
    auto midnight = [&](int year, int month) {
        return std::chrono::time_point_cast<domain::Time::duration>(
            cctz::convert(cctz::civil_second(year, month, 1, 0, 0, 0), calendar.zone()));
    };
    auto start = midnight(s.year, s.first_month);
    auto end = midnight(next.year, next.first_month);
    return {{"period", label(s)},
            {"from", domain::format_time(start)},
            {"to", domain::format_time(end)}};
}

}  // namespace

json report_request(const std::string& period, const std::string& format, const json& filters,
                    const domain::BusinessCalendar& calendar) {
    Span span = parse_span(period);
    if (format != "html" && format != "csv" && format != "json")
        throw std::invalid_argument("format \"" + format + "\": html, csv or json");
    json request = bounds(span, calendar);
    request["format"] = format;
    request["filters"] = filters;
    request["zone"] = calendar.zone_name();
    json previous = json::array();
    for (int k = 5; k >= 1; --k) previous.push_back(bounds(shifted(span, -k), calendar));
    request["previous"] = previous;
    return request;
}

ReportOutput run_report(plugins::Instance& instance, const json& request) {
    ReportOutput out;
    out.result = instance.generate(request.dump(), out.content_type, out.document);
    if (out.content_type.empty()) out.content_type = "application/octet-stream";
    return out;
}

}  // namespace redress::core
