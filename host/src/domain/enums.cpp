#include "domain/enums.hpp"

#include <utility>

namespace redress::domain {
namespace {

template <class E, std::size_t N>
using Names = std::array<std::pair<E, std::string_view>, N>;

constexpr Names<State, 11> kStateNames{{{State::received, "received"},
                                        {State::acknowledged, "acknowledged"},
                                        {State::investigating, "investigating"},
                                        {State::proposed, "proposed"},
                                        {State::agreed, "agreed"},
                                        {State::executing, "executing"},
                                        {State::resolved, "resolved"},
                                        {State::closed, "closed"},
                                        {State::waiting, "waiting"},
                                        {State::withdrawn, "withdrawn"},
                                        {State::archived, "archived"}}};
constexpr Names<Priority, 3> kPriorityNames{
    {{Priority::urgent, "urgent"}, {Priority::normal, "normal"}, {Priority::low, "low"}}};
constexpr Names<Channel, 7> kChannelNames{{{Channel::phone, "phone"},
                                           {Channel::email, "email"},
                                           {Channel::web_form, "web_form"},
                                           {Channel::chat, "chat"},
                                           {Channel::social_media, "social_media"},
                                           {Channel::walk_in, "walk_in"},
                                           {Channel::api, "api"}}};
constexpr Names<CustomerType, 2> kCustomerTypeNames{
    {{CustomerType::individual, "individual"}, {CustomerType::enterprise, "enterprise"}}};
constexpr Names<Milestone, 3> kMilestoneNames{{{Milestone::first_response, "first_response"},
                                               {Milestone::solution_plan, "solution_plan"},
                                               {Milestone::resolution, "resolution"}}};

template <class E, std::size_t N>
std::string_view find_name(const Names<E, N>& names, E value) {
    for (const auto& [v, n] : names)
        if (v == value) return n;
    return "?";
}

template <class E, std::size_t N>
std::optional<E> find_value(const Names<E, N>& names, std::string_view text) {
    for (const auto& [v, n] : names)
        if (n == text) return v;
    return std::nullopt;
}

}  // namespace

std::string_view name(State s) {
    return find_name(kStateNames, s);
}
std::string_view name(Priority p) {
    return find_name(kPriorityNames, p);
}
std::string_view name(Channel c) {
    return find_name(kChannelNames, c);
}
std::string_view name(CustomerType t) {
    return find_name(kCustomerTypeNames, t);
}
std::string_view name(Milestone m) {
    return find_name(kMilestoneNames, m);
}

std::optional<State> parse_state(std::string_view s) {
    return find_value(kStateNames, s);
}
std::optional<Priority> parse_priority(std::string_view s) {
    return find_value(kPriorityNames, s);
}
std::optional<Channel> parse_channel(std::string_view s) {
    return find_value(kChannelNames, s);
}
std::optional<CustomerType> parse_customer_type(std::string_view s) {
    return find_value(kCustomerTypeNames, s);
}
std::optional<Milestone> parse_milestone(std::string_view s) {
    return find_value(kMilestoneNames, s);
}

bool is_open(State s) {
    return s != State::closed && s != State::withdrawn && s != State::archived;
}

}  // namespace redress::domain
