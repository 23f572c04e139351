#include <cstdio>
#include <string>

#include "cli/commands.hpp"
#include "config/host_config.hpp"
#include "config/problem.hpp"
#include "log/logger.hpp"
#include "plugins/plugin_manager.hpp"

namespace redress::cli {
namespace {

std::string field(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    return it == j.end() || !it->is_string() ? std::string() : it->get<std::string>();
}

void print_table(const nlohmann::json& status) {
    std::printf("Plugin API %s\n\nModules:\n", field(status, "api_version").c_str());
    for (const auto& m : status["modules"]) {
        std::string kinds;
        for (const auto& k : m["kinds"])
            kinds += (kinds.empty() ? "" : ",") + k["kind"].get<std::string>();
        std::printf("  %-22s %-9s api %-5s %-7s %s\n", field(m, "id").c_str(),
                    field(m, "version").c_str(), field(m, "api_version").c_str(),
                    field(m, "state").c_str(),
                    kinds.empty() ? field(m, "reason").c_str() : ("provides " + kinds).c_str());
    }
    std::printf("\nInstances:\n  %-20s %-11s %-22s %-9s %-5s %s\n", "NAME", "KIND", "PLUGIN",
                "VERSION", "API", "STATE");
    for (const auto& i : status["instances"]) {
        std::printf("  %-20s %-11s %-22s %-9s %-5s %s\n", field(i, "name").c_str(),
                    field(i, "kind").c_str(), field(i, "plugin").c_str(),
                    field(i, "module_version").c_str(), field(i, "api_version").c_str(),
                    field(i, "state").c_str());
        if (auto reason = field(i, "reason"); !reason.empty())
            std::printf("      reason: %s\n", reason.c_str());
    }
}

}  // namespace

int run_plugins(const Options& options) {
    auto loaded = load_config_or_report(options);
    if (!loaded) return kExitUsage;
    const config::HostConfig& cfg = *loaded;
    // Failures are part of the listing; the log would only repeat them.
    log::set_threshold(log::Level::off);
    plugins::PluginManager manager(cfg);
    manager.discover();
    manager.create_instances();
    auto status = manager.status();
    if (options.json)
        std::printf("%s\n", status.dump(2).c_str());
    else
        print_table(status);
    return kExitOk;
}

}  // namespace redress::cli
