#include <cstdio>

#include "cli/commands.hpp"
#include "config/problem.hpp"

namespace redress::cli {

std::optional<config::HostConfig> load_config_or_report(const Options& options) {
    try {
        return config::load_host_config(options.config);
    } catch (const config::ConfigError& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return std::nullopt;
    }
}

}  // namespace redress::cli
