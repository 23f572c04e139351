#include "auth/roles.hpp"

#include "util/name_table.hpp"

namespace redress::auth {
namespace {

constexpr util::NameTable<Role, 5> kRoles{{{Role::admin, "admin"},
                                           {Role::supervisor, "supervisor"},
                                           {Role::agent, "agent"},
                                           {Role::intake, "intake"},
                                           {Role::viewer, "viewer"}}};

}  // namespace

std::string_view name(Role role) {
    return util::name_in(kRoles, role);
}

std::optional<Role> parse_role(std::string_view text) {
    return util::value_in(kRoles, text);
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
