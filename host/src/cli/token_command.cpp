#include <cstdio>
#include <ctime>

#include "auth/token_store.hpp"
#include "cli/commands.hpp"
#include "core/runtime.hpp"

namespace redress::cli {
namespace {

std::string when(long long ms) {
    std::time_t t = static_cast<std::time_t>(ms / 1000);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%SZ", &tm);
    return buf;
}

}  // namespace

int run_token(const Options& options) {
    auto cfg = load_config_or_report(options);
    if (!cfg) return kExitUsage;
    std::string action = options.rest.empty() ? "" : options.rest.front();
    auto db = core::open_database(*cfg);
    auth::TokenStore tokens(*db);
    if (action == "create") {
        auto role = auth::parse_role(options.role);
        if (options.name.empty() || !role) {
            std::fprintf(stderr,
                         "redress token create: give --name NAME and --role (admin, supervisor, "
                         "agent, intake, viewer)\n");
            return kExitUsage;
        }
        try {
            std::string token = tokens.create(options.name, *role);
            std::printf("%s\n", token.c_str());
            std::fprintf(stderr, "token \"%s\" (role %s) created; it is shown only this once\n",
                         options.name.c_str(), options.role.c_str());
        } catch (const std::invalid_argument& e) {
            std::fprintf(stderr, "redress token create: %s\n", e.what());
            return kExitFailure;
        }
        return kExitOk;
    }
    if (action == "list") {
        std::printf("%-24s %-11s %-21s %s\n", "NAME", "ROLE", "CREATED", "REVOKED");
        for (const auto& t : tokens.list())
            std::printf("%-24s %-11s %-21s %s\n", t.name.c_str(),
                        std::string(auth::name(t.role)).c_str(), when(t.created_at).c_str(),
                        t.revoked_at ? when(*t.revoked_at).c_str() : "-");
        return kExitOk;
    }
    if (action == "revoke") {
        if (options.name.empty()) {
            std::fprintf(stderr, "redress token revoke: give --name NAME\n");
            return kExitUsage;
        }
        if (!tokens.revoke(options.name)) {
            std::fprintf(stderr, "redress token revoke: no active token named \"%s\"\n",
                         options.name.c_str());
            return kExitFailure;
        }
        std::printf("token \"%s\" revoked (running hosts stop accepting it within 5 seconds)\n",
                    options.name.c_str());
        return kExitOk;
    }
    std::fprintf(stderr, "%s", usage("token").c_str());
    return kExitUsage;
}

}  // namespace redress::cli
