#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string_view>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "config/host_config.hpp"
#include "config/problem.hpp"
#include "plugins/instance.hpp"
#include "plugins/module.hpp"

namespace redress::plugins {

// Owns every module found and every configured instance, and brings them up and
// down in order. A failing instance is marked failed with its reason and the rest
// go on; callers decide what a failed `required` instance means.
class PluginManager {
  public:
    explicit PluginManager(const config::HostConfig& config);
    ~PluginManager();
    PluginManager(const PluginManager&) = delete;
    PluginManager& operator=(const PluginManager&) = delete;

    // Loads every "<id>.so" in the search paths (the first of a name wins), then
    // checks each configured instance against its module: duplicate names, unknown
    // plugins, mounts, kinds, settings. Creates nothing.
    void discover();
    // Runs the factories of the enabled, well-configured instances.
    void create_instances();
    void start_instances();
    // Stops every instance (draining calls in flight), destroys them, then shuts
    // the modules down. Idempotent.
    void shutdown();
    // Asks every running instance to reopen its files (SIGHUP).
    void reopen();

    // Problems found by discover(), as check-config reports them.
    std::vector<config::Problem> problems() const;
    // Required instances that are not running (or created, before start).
    std::vector<const Instance*> failed_required() const;
    // Instances with a call stuck in the plugin (timed out): "a, b", or "" for none.
    std::string stuck_instances() const;

    Instance* find(std::string_view name) const;
    // Run-time switches (the admin API). False with `why` when not possible.
    bool set_enabled(std::string_view name, bool enabled, std::string& why);
    // Lets every instance reach the complaint core (before start_instances()).
    void set_gateway(class ComplaintGateway* gateway);
    const config::HostConfig& config() const noexcept { return config_; }
    const std::vector<std::unique_ptr<Instance>>& instances() const noexcept { return instances_; }
    const std::vector<std::shared_ptr<Module>>& modules() const noexcept { return modules_; }

    // {"api_version", "modules": [...], "instances": [...]}: `redress plugins --json`
    // and GET /admin/plugins.
    nlohmann::json status() const;

  private:
    std::shared_ptr<Module> module_for(const config::InstanceConfig& ic);
    std::string check_identity(const config::InstanceConfig& ic, std::size_t index) const;

    config::HostConfig config_;
    std::vector<std::shared_ptr<Module>> modules_;  // in search order
    std::vector<std::unique_ptr<Instance>> instances_;
    bool shut_down_ = false;

    // Times out calls stuck in plugins (Instance::check_timeout), every 50 ms.
    void watch();
    std::thread watchdog_;
    std::mutex watchdog_mutex_;
    std::condition_variable watchdog_wakeup_;
    bool watchdog_stopping_ = false;
};

}  // namespace redress::plugins
