#include "domain/sla.hpp"

#include <stdexcept>

#include <nlohmann/json.hpp>

namespace redress::domain {
using nlohmann::json;

std::optional<SlaTarget> parse_sla_target(const std::string& text) {
    if (text.size() < 2) return std::nullopt;
    std::string number = text.substr(0, text.size() - 1);
    for (char c : number)
        if (c < '0' || c > '9') return std::nullopt;
    if (number.size() > 6) return std::nullopt;
    long n = std::stol(number);
    if (n <= 0) return std::nullopt;
    SlaTarget t;
    t.text = text;
    switch (text.back()) {
        case 'm':
            t.business = std::chrono::minutes(n);
            break;
        case 'h':
            t.business = std::chrono::hours(n);
            break;
        case 'd':
            t.working_days = true;
            t.days = static_cast<int>(n);
            break;
        default:
            return std::nullopt;
    }
    return t;
}

SlaPolicy SlaPolicy::defaults(BusinessCalendar calendar) {
    return from_json(json::parse(R"({"targets": {
        "urgent": {"first_response": "2h", "solution_plan": "24h", "resolution": "3d"},
        "normal": {"first_response": "24h", "solution_plan": "48h", "resolution": "7d"},
        "low": {"first_response": "3d", "solution_plan": null, "resolution": "15d"}}})"),
                     std::move(calendar));
}

void SlaPolicy::read_table(const json& doc, const std::string& pointer, Table& into) {
    if (!doc.is_object())
        throw std::invalid_argument(pointer + ": expected an object keyed by priority");
    for (const auto& [pname, milestones] : doc.items()) {
        auto priority = parse_priority(pname);
        std::string at = pointer + "/" + pname;
        if (!priority) throw std::invalid_argument(at + ": unknown priority (urgent, normal, low)");
        if (!milestones.is_object())
            throw std::invalid_argument(at + ": expected an object keyed by milestone");
        for (const auto& [mname, value] : milestones.items()) {
            auto milestone = parse_milestone(mname);
            std::string mat = at + "/" + mname;
            if (!milestone)
                throw std::invalid_argument(
                    mat + ": unknown milestone (first_response, solution_plan, resolution)");
            if (value.is_null()) {
                into[*priority][*milestone] = std::nullopt;
                continue;
            }
            auto target =
                value.is_string() ? parse_sla_target(value.get<std::string>()) : std::nullopt;
            if (!target)
                throw std::invalid_argument(
                    mat + ": expected a duration like \"2h\", \"90m\" or \"3d\", or null");
            into[*priority][*milestone] = target;
        }
    }
}

SlaPolicy SlaPolicy::from_json(const json& doc, BusinessCalendar calendar) {
    SlaPolicy p;
    p.calendar_ = std::move(calendar);
    if (!doc.is_object() || !doc.contains("targets"))
        throw std::invalid_argument("/targets: required");
    p.read_table(doc["targets"], "/targets", p.targets_);
    for (Priority pr : kPriorities)
        for (Milestone m : kMilestones)
            if (!p.targets_[pr].count(m))
                throw std::invalid_argument("/targets/" + std::string(name(pr)) + "/" +
                                            std::string(name(m)) + ": missing (use null for none)");
    if (doc.contains("warning_share")) {
        const json& share = doc["warning_share"];
        if (!share.is_number() || share.get<double>() <= 0 || share.get<double>() >= 1)
            throw std::invalid_argument("/warning_share: expected a number between 0 and 1");
        p.warning_share_ = share.get<double>();
    }
    if (doc.contains("progress_every")) {
        const json& every = doc["progress_every"];
        p.progress_every_ =
            every.is_string() ? parse_sla_target(every.get<std::string>()) : std::nullopt;
        if (!every.is_null() && !p.progress_every_)
            throw std::invalid_argument(
                "/progress_every: expected a duration like \"3d\" or \"24h\", or null");
    }
    if (doc.contains("by_category")) {
        if (!doc["by_category"].is_object())
            throw std::invalid_argument("/by_category: expected an object");
        for (const auto& [category, table] : doc["by_category"].items())
            p.read_table(table, "/by_category/" + category, p.by_category_[category]);
    }
    return p;
}

std::optional<SlaTarget> SlaPolicy::target(Priority priority, const std::string& category,
                                           Milestone milestone) const {
    const std::optional<SlaTarget>* best = nullptr;
    std::size_t best_length = 0;
    for (const auto& [prefix, table] : by_category_) {
        bool matches = category == prefix || (category.size() > prefix.size() &&
                                              category.compare(0, prefix.size(), prefix) == 0 &&
                                              category[prefix.size()] == '.');
        if (!matches || prefix.size() < best_length) continue;
        auto pit = table.find(priority);
        if (pit == table.end()) continue;
        auto mit = pit->second.find(milestone);
        if (mit == pit->second.end()) continue;
        best = &mit->second;
        best_length = prefix.size();
    }
    if (best != nullptr) return *best;
    return targets_.at(priority).at(milestone);
}

Time SlaPolicy::warning(Time start, Time due) const {
    auto allowed = calendar_.business_time_between(start, due);
    return calendar_.add_business_time(
        start, std::chrono::milliseconds(
                   static_cast<long long>(static_cast<double>(allowed.count()) * warning_share_)));
}

Time SlaPolicy::due(Time start, const SlaTarget& target) const {
    return target.working_days ? calendar_.add_working_days(start, target.days)
                               : calendar_.add_business_time(start, target.business);
}

}  // namespace redress::domain
