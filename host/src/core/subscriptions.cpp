#include "core/subscriptions.hpp"

#include <algorithm>

#include "config/problem.hpp"
#include "domain/enums.hpp"

namespace redress::core {
namespace {

// A category condition also takes the categories below it (ids are dotted paths).
bool category_matches(std::string_view category, const std::string& wanted) {
    return category == wanted ||
           (category.size() > wanted.size() && category.substr(0, wanted.size()) == wanted &&
            category[wanted.size()] == '.');
}

// The complaint's value of a field a condition names; "" for a field the
// configuration's schema does not allow, which no value (never empty) matches.
std::string value_of(const std::string& field, const domain::Complaint& c) {
    if (field == "state") return std::string(domain::name(c.state()));
    if (field == "priority") return std::string(domain::name(c.priority()));
    if (field == "channel") return std::string(domain::name(c.channel()));
    if (field == "team") return c.team();
    if (field == "category") return c.category();
    return "";
}

bool field_matches(const std::string& field, const std::vector<std::string>& values,
                   const domain::Complaint& c) {
    std::string actual = value_of(field, c);
    bool category = field == "category";
    return std::any_of(values.begin(), values.end(), [&](const std::string& v) {
        return category ? category_matches(actual, v) : actual == v;
    });
}

template <class Names>
std::string list_of(const Names& all) {
    std::string out;
    for (auto value : all) out += (out.empty() ? "" : ", ") + std::string(domain::name(value));
    return out;
}

// Why `value` can never be the complaint's `field`, or "" when it can.
std::string unknown(const std::string& field, const std::string& value,
                    const domain::DomainConfig& domain) {
    if (field == "state" && !domain::parse_state(value))
        return "no state \"" + value + "\" (" + list_of(domain::kStates) + ")";
    if (field == "priority" && !domain::parse_priority(value))
        return "no priority \"" + value + "\" (" + list_of(domain::kPriorities) + ")";
    if (field == "channel" && !domain::parse_channel(value))
        return "no channel \"" + value + "\" (" + list_of(domain::kChannels) + ")";
    if (field == "category" && !domain.categories.contains(value))
        return "no category \"" + value + "\" in the category tree";
    if (field == "team" && domain.responsibility.team(value) == nullptr)
        return "no team \"" + value + "\" in the responsibility matrix";
    return "";
}

}  // namespace

bool wants(const config::Subscription& subscription, std::string_view event_type,
           const domain::Complaint& c) {
    if (subscription.event != "*" && subscription.event != event_type) return false;
    return std::all_of(subscription.where.begin(), subscription.where.end(),
                       [&](const auto& w) { return field_matches(w.first, w.second, c); });
}

void check_subscriptions(const config::HostConfig& config, const domain::DomainConfig& domain) {
    std::vector<config::Problem> problems;
    for (const auto& instance : config.instances)
        for (std::size_t i = 0; i < instance.subscribe.size(); ++i)
            for (const auto& [field, values] : instance.subscribe[i].where)
                for (std::size_t k = 0; k < values.size(); ++k)
                    if (auto why = unknown(field, values[k], domain); !why.empty())
                        problems.push_back({config.file.string(),
                                            instance.pointer + "/subscribe/" + std::to_string(i) +
                                                "/where/" + field + "/" + std::to_string(k),
                                            why});
    if (!problems.empty()) throw config::ConfigError(std::move(problems));
}

}  // namespace redress::core
