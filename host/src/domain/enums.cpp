#include "domain/enums.hpp"

#include "util/name_table.hpp"

namespace redress::domain {
namespace {

template <class E, std::size_t N>
using Names = util::NameTable<E, N>;

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

}  // namespace

std::string_view name(State s) {
    return util::name_in(kStateNames, s);
}
std::string_view name(Priority p) {
    return util::name_in(kPriorityNames, p);
}
std::string_view name(Channel c) {
    return util::name_in(kChannelNames, c);
}
std::string_view name(CustomerType t) {
    return util::name_in(kCustomerTypeNames, t);
}
std::string_view name(Milestone m) {
    return util::name_in(kMilestoneNames, m);
}

std::optional<State> parse_state(std::string_view s) {
    return util::value_in(kStateNames, s);
}
std::optional<Priority> parse_priority(std::string_view s) {
    return util::value_in(kPriorityNames, s);
}
std::optional<Channel> parse_channel(std::string_view s) {
    return util::value_in(kChannelNames, s);
}
std::optional<CustomerType> parse_customer_type(std::string_view s) {
    return util::value_in(kCustomerTypeNames, s);
}
std::optional<Milestone> parse_milestone(std::string_view s) {
    return util::value_in(kMilestoneNames, s);
}

bool is_open(State s) {
    return s != State::closed && s != State::withdrawn && s != State::archived;
}

}  // namespace redress::domain
