#pragma once

#include <optional>

#include "cli/options.hpp"
#include "config/host_config.hpp"
#include "plugins/plugin_manager.hpp"

namespace redress::cli {

// Exit codes shared by the commands.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  // the command ran and found a failure
inline constexpr int kExitUsage = 2;    // bad command line or unreadable/invalid configuration

// Loads the configuration named by the options; on failure prints every problem
// to stderr and returns nothing.
std::optional<config::HostConfig> load_config_or_report(const Options& options);

// The configured instance `options.instance` of `kind`, created and started (if
// it is not running yet) for a one-off command; on failure prints why, naming
// the command, and returns nullptr.
plugins::Instance* start_instance(plugins::PluginManager& plugins, const config::HostConfig& cfg,
                                  const Options& options, redress_kind kind);

int run_serve(const Options& options);
int run_plugins(const Options& options);
int run_check_config(const Options& options);
int run_version();
int run_migrate(const Options& options);
int run_export(const Options& options);
int run_token(const Options& options);
int run_import(const Options& options);
int run_train(const Options& options);
int run_report(const Options& options);
int run_new_plugin(const Options& options);

}  // namespace redress::cli
