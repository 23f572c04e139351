#include "auth/roles.hpp"

#include <array>
#include <utility>

namespace redress::auth {
namespace {

constexpr std::array<std::pair<Role, std::string_view>, 5> kRoles{{{Role::admin, "admin"},
                                                                   {Role::supervisor, "supervisor"},
                                                                   {Role::agent, "agent"},
                                                                   {Role::intake, "intake"},
                                                                   {Role::viewer, "viewer"}}};

}  // namespace

std::string_view name(Role role) {
    for (const auto& [r, n] : kRoles)
        if (r == role) return n;
    return "?";
}

std::optional<Role> parse_role(std::string_view text) {
    for (const auto& [r, n] : kRoles)
        if (n == text) return r;
    return std::nullopt;
}

std::vector<std::string> role_names() {
    std::vector<std::string> out;
    for (const auto& [r, n] : kRoles) out.emplace_back(n);
    return out;
}

bool allows(Role role, Permission p) {
    switch (role) {
        case Role::admin:
            return true;
        case Role::supervisor:
            return p != Permission::admin;
        case Role::agent:
            return p == Permission::read || p == Permission::create || p == Permission::act;
        case Role::intake:
            return p == Permission::create;
        case Role::viewer:
            return p == Permission::read || p == Permission::metrics;
    }
    return false;
}

Permission permission_for_action(std::string_view action) {
    return action == "reopen" || action == "archive" || action == "closure-report"
               ? Permission::act_supervisor
               : Permission::act;
}

}  // namespace redress::auth
