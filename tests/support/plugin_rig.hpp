// Plugins loaded from disk into the test's own process, as a host loads them:
// discovered, created and started, for tests that drive the core directly
// (with a clock they control) rather than through a host process.
#pragma once

#include <filesystem>
#include <memory>

#include <nlohmann/json.hpp>

#include "plugins/plugin_manager.hpp"

namespace redress::test {

// Writes a host configuration with these instances into `dir` and starts them.
// Every instance must reach "running", or the test stops there.
std::unique_ptr<plugins::PluginManager> start_plugins(const std::filesystem::path& dir,
                                                      const nlohmann::json& instances);

}  // namespace redress::test
