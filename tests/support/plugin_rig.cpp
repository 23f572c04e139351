#include "plugin_rig.hpp"

#include <catch2/catch.hpp>

#include "config/host_config.hpp"
#include "host_process.hpp"

namespace redress::test {

std::unique_ptr<plugins::PluginManager> start_plugins(const std::filesystem::path& dir,
                                                      const nlohmann::json& instances) {
    auto manager = std::make_unique<plugins::PluginManager>(
        config::load_host_config(write_host_config(dir, instances)));
    manager->discover();
    manager->create_instances();
    manager->start_instances();
    for (const auto& instance : manager->instances()) {
        INFO(instance->name() << ": " << instance->reason());
        REQUIRE(instance->state() == plugins::InstanceState::running);
    }
    return manager;
}

}  // namespace redress::test
