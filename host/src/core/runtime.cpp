#include "core/runtime.hpp"

#include <algorithm>

#include "log/logger.hpp"
#include "plugins/plugin_manager.hpp"
#include "storage/migrations.hpp"

namespace redress::core {

std::unique_ptr<storage::Database> open_database(const config::HostConfig& config) {
    auto db = storage::Database::open(config.storage_url, config.data_directory,
                                      config.storage_pool_size, config.storage_schema);
    for (const auto& m : storage::migrate(*db))
        if (m.applied_now)
            log::info("storage", "applied migration " + std::to_string(m.version) + ": " + m.name);
    return db;
}

domain::DomainConfig load_domain(const config::HostConfig& config) {
    const auto& f = config.domain;
    return domain::DomainConfig::load(f.categories, f.responsibility, f.sla, f.calendar,
                                      f.required_fields);
}

SubscriberLookup notifier_subscribers(const plugins::PluginManager& plugins) {
    return [&plugins](std::string_view type) {
        std::vector<std::string> out;
        for (const auto& instance : plugins.instances()) {
            if (instance->kind() != REDRESS_KIND_NOTIFIER) continue;
            auto state = instance->state();
            if (state == plugins::InstanceState::disabled ||
                state == plugins::InstanceState::failed)
                continue;
            const auto& subscribed = instance->config().subscribe;
            if (std::any_of(subscribed.begin(), subscribed.end(),
                            [&](const std::string& s) { return s == "*" || s == type; }))
                out.push_back(instance->name());
        }
        return out;
    };
}

}  // namespace redress::core
