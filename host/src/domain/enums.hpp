#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace redress::domain {

// The lifecycle of a complaint (see docs/lifecycle.md).
enum class State {
    received,       // recorded, not yet acknowledged to the customer (D1-D4)
    acknowledged,   // the customer was told it was received and when to expect handling (D5)
    investigating,  // the owner investigates and determines responsibility (D10, D11)
    proposed,       // a solution awaits the customer's answer (D12)
    agreed,         // the customer accepted a solution, confirmed in writing (D12)
    executing,      // work orders carry the solution out (D13)
    resolved,       // execution finished; awaiting the customer's confirmation (D16)
    closed,         // the customer confirmed; survey follows (D16, D17)
    waiting,        // waiting for the customer: the SLA clock is paused
    withdrawn,      // the customer withdrew the complaint
    archived,       // kept read-only for retrieval by number (D20)
};
enum class Priority { urgent, normal, low };                                      // D7
enum class Channel { phone, email, web_form, chat, social_media, walk_in, api };  // D1
enum class CustomerType { individual, enterprise };                               // D2
enum class Milestone { first_response, solution_plan, resolution };               // D7

inline constexpr std::array kStates = {State::received,  State::acknowledged, State::investigating,
                                       State::proposed,  State::agreed,       State::executing,
                                       State::resolved,  State::closed,       State::waiting,
                                       State::withdrawn, State::archived};
inline constexpr std::array kPriorities = {Priority::urgent, Priority::normal, Priority::low};
inline constexpr std::array kChannels = {Channel::phone, Channel::email,        Channel::web_form,
                                         Channel::chat,  Channel::social_media, Channel::walk_in,
                                         Channel::api};
inline constexpr std::array kMilestones = {Milestone::first_response, Milestone::solution_plan,
                                           Milestone::resolution};

std::string_view name(State s);
std::string_view name(Priority p);
std::string_view name(Channel c);
std::string_view name(CustomerType t);
std::string_view name(Milestone m);

std::optional<State> parse_state(std::string_view s);
std::optional<Priority> parse_priority(std::string_view s);
std::optional<Channel> parse_channel(std::string_view s);
std::optional<CustomerType> parse_customer_type(std::string_view s);
std::optional<Milestone> parse_milestone(std::string_view s);

// "open" states: the complaint is being handled and its SLA may run.
bool is_open(State s);

}  // namespace redress::domain
