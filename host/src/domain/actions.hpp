#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/catalogue.hpp"
#include "domain/complaint.hpp"

namespace redress::domain {

struct ActionContext {
    Time now;
    std::string actor;  // who acts: a staff member's or a token's name
    const DomainConfig& config;
};

// Every lifecycle action, in the order of the procedure.
const std::vector<std::string>& action_names();
// The actions allowed in a state.
std::vector<std::string> allowed_actions(State state);
bool is_allowed(std::string_view action, State state);
// The parameters an action takes (for documentation).
std::vector<std::string> action_fields(std::string_view action);
// The states an action is allowed in.
std::vector<std::string> action_states(std::string_view action);

// Applies one lifecycle action with its parameters (a JSON object) to the
// complaint. Throws DomainError: not_found for an unknown action, conflict
// (naming the state and the actions allowed there) when the state does not
// allow it, invalid (naming every bad field) for bad parameters. On success the
// complaint's state, SLA, version and updated_at reflect the action.
void apply_action(Complaint& complaint, std::string_view action, const nlohmann::json& params,
                  const ActionContext& context);

// Whether the complaint's log already holds the entry these parameters would add:
// an intake passes the source message's id as "source_id", so that handing the
// same message over twice (after a crash, say) records it once.
bool already_recorded(const Complaint& complaint, const nlohmann::json& params);

}  // namespace redress::domain
