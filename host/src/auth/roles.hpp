#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace redress::auth {

// Who a token acts as. The permission table is documented in docs/api.md.
enum class Role { admin, supervisor, agent, intake, viewer };

enum class Permission {
    read,            // complaints, their timelines, customers' histories, the event feed
    create,          // new complaints
    act,             // everyday lifecycle actions
    act_supervisor,  // reopen, archive, closure reports: supervisors' decisions
    metrics,         // GET /metrics
    admin,           // /admin: plugins, instances, configuration
};

std::string_view name(Role role);
std::optional<Role> parse_role(std::string_view text);
std::vector<std::string> role_names();
bool allows(Role role, Permission permission);
// The permission a lifecycle action needs.
Permission permission_for_action(std::string_view action);

}  // namespace redress::auth
