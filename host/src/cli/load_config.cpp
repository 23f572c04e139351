#include <cstdio>

#include "cli/commands.hpp"
#include "config/problem.hpp"
#include "plugins/kind.hpp"

namespace redress::cli {

std::optional<config::HostConfig> load_config_or_report(const Options& options) {
    try {
        return config::load_host_config(options.config);
    } catch (const config::ConfigError& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return std::nullopt;
    }
}

plugins::Instance* start_instance(plugins::PluginManager& plugins, const config::HostConfig& cfg,
                                  const Options& options, redress_kind kind) {
    plugins::Instance* instance = plugins.find(options.instance);
    if (instance == nullptr || instance->kind() != kind) {
        std::fprintf(stderr, "redress %s: no %s instance named \"%s\" in %s\n",
                     options.command.c_str(), std::string(plugins::kind_name(kind)).c_str(),
                     options.instance.c_str(), options.config.c_str());
        return nullptr;
    }
    if (instance->state() != plugins::InstanceState::running) {
        instance->create(cfg.data_directory);
        instance->start();
    }
    if (instance->state() != plugins::InstanceState::running) {
        std::fprintf(stderr, "redress %s: instance %s cannot run: %s\n", options.command.c_str(),
                     options.instance.c_str(), instance->reason().c_str());
        return nullptr;
    }
    return instance;
}

}  // namespace redress::cli
