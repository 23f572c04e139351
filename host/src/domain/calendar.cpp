#include "domain/calendar.hpp"

#include <stdexcept>

#include <nlohmann/json.hpp>

namespace redress::domain {
namespace {

using nlohmann::json;
constexpr int kMaxDaysSearched = 3 * 366;  // a calendar with no working time in 3 years is broken

constexpr std::array<const char*, 7> kDayNames = {"monday", "tuesday",  "wednesday", "thursday",
                                                  "friday", "saturday", "sunday"};

int weekday_index(cctz::civil_day day) {
    switch (cctz::get_weekday(day)) {
        case cctz::weekday::monday:
            return 0;
        case cctz::weekday::tuesday:
            return 1;
        case cctz::weekday::wednesday:
            return 2;
        case cctz::weekday::thursday:
            return 3;
        case cctz::weekday::friday:
            return 4;
        case cctz::weekday::saturday:
            return 5;
        case cctz::weekday::sunday:
            return 6;
    }
    return 0;
}

[[noreturn]] void bad(const std::string& pointer, const std::string& problem) {
    throw std::invalid_argument(pointer + ": " + problem);
}

int parse_clock(const std::string& text, const std::string& pointer) {
    if (text.size() != 5 || text[2] != ':' || !isdigit(text[0]) || !isdigit(text[1]) ||
        !isdigit(text[3]) || !isdigit(text[4]))
        bad(pointer, "expected HH:MM, got \"" + text + "\"");
    int h = (text[0] - '0') * 10 + (text[1] - '0'), m = (text[3] - '0') * 10 + (text[4] - '0');
    if (h > 24 || m > 59 || (h == 24 && m != 0))
        bad(pointer, "no such time of day \"" + text + "\"");
    return h * 60 + m;
}

std::vector<WorkInterval> parse_intervals(const json& list, const std::string& pointer) {
    if (!list.is_array()) bad(pointer, "expected a list of \"HH:MM-HH:MM\" intervals");
    std::vector<WorkInterval> out;
    for (std::size_t i = 0; i < list.size(); ++i) {
        std::string at = pointer + "/" + std::to_string(i);
        if (!list[i].is_string()) bad(at, "expected \"HH:MM-HH:MM\"");
        std::string text = list[i].get<std::string>();
        if (text.size() != 11 || text[5] != '-')
            bad(at, "expected \"HH:MM-HH:MM\", got \"" + text + "\"");
        WorkInterval w{parse_clock(text.substr(0, 5), at), parse_clock(text.substr(6), at)};
        if (w.end_minute <= w.start_minute) bad(at, "the interval ends before it starts");
        if (!out.empty() && w.start_minute < out.back().end_minute)
            bad(at, "intervals must be in order and not overlap");
        out.push_back(w);
    }
    return out;
}

cctz::civil_day parse_day(const json& v, const std::string& pointer) {
    std::string text = v.is_string() ? v.get<std::string>() : std::string();
    bool shape = text.size() == 10 && text[4] == '-' && text[7] == '-';
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        shape = shape && isdigit(static_cast<unsigned char>(text[i]));
    if (!shape) bad(pointer, "expected a date YYYY-MM-DD");
    int y = std::stoi(text.substr(0, 4)), m = std::stoi(text.substr(5, 2)),
        d = std::stoi(text.substr(8, 2));
    cctz::civil_day day(y, m, d);
    if (day.year() != y || day.month() != m || day.day() != d) bad(pointer, "no such date " + text);
    return day;
}

}  // namespace

BusinessCalendar BusinessCalendar::standard(const std::string& zone) {
    return from_json(json{{"time_zone", zone}});
}

BusinessCalendar BusinessCalendar::from_json(const json& doc) {
    if (!doc.is_object()) bad("", "a calendar must be a JSON object");
    BusinessCalendar c;
    c.zone_name_ = doc.value("time_zone", "UTC");
    if (!cctz::load_time_zone(c.zone_name_, &c.zone_))
        bad("/time_zone", "unknown time zone \"" + c.zone_name_ + "\" (is tzdata installed?)");

    const json hours = doc.value("working_hours", json::object());
    std::vector<WorkInterval> weekday_default = {{9 * 60, 18 * 60}};
    for (std::size_t i = 0; i < 7; ++i) {
        std::string name = kDayNames[i];
        if (hours.contains(name))
            c.week_[i] = parse_intervals(hours[name], "/working_hours/" + name);
        else if (i < 5)
            c.week_[i] = weekday_default;
    }
    for (const auto& [key, _] : hours.items()) {
        bool known = false;
        for (const char* n : kDayNames) known = known || key == n;
        if (!known) bad("/working_hours/" + key, "not a day of the week");
    }
    c.make_up_hours_ = doc.contains("make_up_hours")
                           ? parse_intervals(doc["make_up_hours"], "/make_up_hours")
                           : c.week_[0];

    const json holidays = doc.value("holidays", json::array());
    for (std::size_t i = 0; i < holidays.size(); ++i) {
        std::string at = "/holidays/" + std::to_string(i);
        const json& h = holidays[i];
        if (!h.is_object() || !h.contains("from")) bad(at, "expected {\"name\", \"from\", \"to\"}");
        auto from = parse_day(h["from"], at + "/from");
        auto to = h.contains("to") ? parse_day(h["to"], at + "/to") : from;
        if (to < from) bad(at + "/to", "ends before it starts");
        for (auto d = from; d <= to; ++d) c.holidays_.insert(d);
    }
    const json make_up = doc.value("make_up_working_days", json::array());
    for (std::size_t i = 0; i < make_up.size(); ++i) {
        std::string at = "/make_up_working_days/" + std::to_string(i);
        const json& w = make_up[i];
        auto day = parse_day(w.is_object() ? w.value("date", json()) : w,
                             at + (w.is_object() ? "/date" : ""));
        if (c.holidays_.count(day)) bad(at, "is also listed as a holiday");
        c.make_up_days_.insert(day);
    }
    bool any = !c.make_up_days_.empty() && !c.make_up_hours_.empty();
    for (const auto& day : c.week_) any = any || !day.empty();
    if (!any) bad("/working_hours", "the calendar has no working hours at all");
    return c;
}

const std::vector<WorkInterval>& BusinessCalendar::hours_of(cctz::civil_day day) const {
    static const std::vector<WorkInterval> none;
    if (holidays_.count(day)) return none;
    if (make_up_days_.count(day)) return make_up_hours_;
    return week_[static_cast<std::size_t>(weekday_index(day))];
}

bool BusinessCalendar::is_working_day(cctz::civil_day day) const {
    return !hours_of(day).empty();
}

cctz::civil_day BusinessCalendar::local_day(Time t) const {
    auto tp = std::chrono::time_point_cast<std::chrono::seconds>(t);
    return cctz::civil_day(cctz::convert(tp, zone_));
}

Time BusinessCalendar::at(cctz::civil_day day, int minute) const {
    cctz::civil_second cs(day.year(), day.month(), day.day(), minute / 60, minute % 60, 0);
    return std::chrono::time_point_cast<std::chrono::milliseconds>(cctz::convert(cs, zone_));
}

Time BusinessCalendar::next_working_moment(Time t) const {
    auto day = local_day(t);
    for (int i = 0; i < kMaxDaysSearched; ++i, ++day) {
        for (const auto& w : hours_of(day)) {
            Time end = at(day, w.end_minute);
            if (t < end) return std::max(t, at(day, w.start_minute));
        }
    }
    throw std::runtime_error("the business calendar has no working time after " + format_time(t));
}

Time BusinessCalendar::add_business_time(Time start, std::chrono::milliseconds duration) const {
    std::chrono::milliseconds left = duration;
    auto day = local_day(start);
    for (int i = 0; i < kMaxDaysSearched; ++i, ++day) {
        for (const auto& w : hours_of(day)) {
            Time from = std::max(start, at(day, w.start_minute));
            Time end = at(day, w.end_minute);
            if (from >= end) continue;
            if (left <= end - from) return from + left;
            left -= end - from;
        }
    }
    throw std::runtime_error("the business calendar has no working time after " +
                             format_time(start));
}

Time BusinessCalendar::add_working_days(Time start, int days) const {
    Time t = next_working_moment(start);
    auto day = local_day(t);
    auto local = cctz::convert(std::chrono::time_point_cast<std::chrono::seconds>(t), zone_);
    int minute = local.hour() * 60 + local.minute();
    auto ms = t - std::chrono::time_point_cast<std::chrono::seconds>(t);
    for (int counted = 0, guard = 0; counted < days; ++guard) {
        if (guard > kMaxDaysSearched)
            throw std::runtime_error("the business calendar has no working days");
        ++day;
        if (is_working_day(day)) ++counted;
    }
    return at(day, minute) + std::chrono::seconds(local.second()) + ms;
}

std::chrono::milliseconds BusinessCalendar::business_time_between(Time from, Time to) const {
    std::chrono::milliseconds total{0};
    if (to <= from) return total;
    for (auto day = local_day(from); day <= local_day(to); ++day) {
        for (const auto& w : hours_of(day)) {
            Time a = std::max(from, at(day, w.start_minute));
            Time b = std::min(to, at(day, w.end_minute));
            if (a < b) total += b - a;
        }
    }
    return total;
}

}  // namespace redress::domain
