#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "storage/database.hpp"

namespace redress::plugins {
class PluginManager;
}

namespace redress::core {

// Keeps this host's instances switched on and off as the admin API switched
// them on any host sharing the database. On PostgreSQL a NOTIFY (sent by
// announce_switch) brings a change at once; a look at the switch table every
// `interval` catches anything missed while the listening connection was down.
class InstanceSwitchSync {
  public:
    InstanceSwitchSync(storage::Database& db, plugins::PluginManager& plugins,
                       std::chrono::milliseconds interval);
    ~InstanceSwitchSync();
    InstanceSwitchSync(const InstanceSwitchSync&) = delete;
    InstanceSwitchSync& operator=(const InstanceSwitchSync&) = delete;

    void start();
    void stop();
    // Applies the switches changed since the last look; returns how many it applied.
    int apply_changes();

  private:
    void run();

    storage::Database& db_;
    plugins::PluginManager& plugins_;
    std::chrono::milliseconds interval_;
    std::mutex mutex_;
    std::map<std::string, long long> seen_;  // instance -> changed_at last applied
    int stop_fd_ = -1;                       // an eventfd that ends the wait
    std::thread thread_;
};

// Records an admin's switch of instance `name` (it outlives restarts and reaches
// the other hosts) and, on PostgreSQL, notifies the listening hosts.
void record_switch(storage::Database& db, const std::string& name, bool enabled,
                   const std::string& by);

}  // namespace redress::core
