#include <cstdio>

#include "cli/commands.hpp"
#include "config/host_config.hpp"
#include "config/problem.hpp"
#include "core/runtime.hpp"
#include "log/logger.hpp"
#include "plugins/plugin_manager.hpp"

namespace redress::cli {

int run_check_config(const Options& options) {
    auto loaded = load_config_or_report(options);
    if (!loaded) return kExitFailure;
    const config::HostConfig& cfg = *loaded;
    // The per-instance reasons are printed below; keep the log quiet.
    log::set_threshold(log::Level::off);
    plugins::PluginManager manager(cfg);
    manager.discover();
    auto problems = manager.problems();
    try {
        core::load_domain(cfg);
    } catch (const config::ConfigError& e) {
        for (const auto& p : e.problems()) problems.push_back(p);
    }
    for (const auto& p : problems) std::fprintf(stderr, "%s\n", p.to_string().c_str());
    if (!problems.empty()) return kExitFailure;
    std::printf("%s: OK (%zu instances, %zu modules found)\n", options.config.c_str(),
                cfg.instances.size(), manager.modules().size());
    return kExitOk;
}

}  // namespace redress::cli
