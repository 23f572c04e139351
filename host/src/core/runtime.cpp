#include "core/runtime.hpp"

#include <soci/soci.h>

#include "storage/complaint_facts.hpp"

#include <algorithm>

#include "core/subscriptions.hpp"
#include "log/logger.hpp"
#include "plugins/plugin_manager.hpp"
#include "storage/database.hpp"
#include "storage/migrations.hpp"

namespace redress::core {

std::unique_ptr<storage::Database> open_database(const config::HostConfig& config) {
    auto db = storage::Database::open(config.storage_url, config.data_directory,
                                      config.storage_pool_size, config.storage_schema);
    for (const auto& m : storage::migrate(*db))
        if (m.applied_now)
            log::info("storage", "applied migration " + std::to_string(m.version) + ": " + m.name);
    storage::Session s(*db);
    if (int n = storage::facts::backfill(s); n > 0)
        log::info("storage",
                  "wrote report facts of " + std::to_string(n) + " earlier complaint(s)");
    return db;
}

domain::DomainConfig load_domain(const config::HostConfig& config) {
    const auto& f = config.domain;
    auto domain = domain::DomainConfig::load(f.categories, f.responsibility, f.sla, f.calendar,
                                             f.required_fields);
    domain.min_confidence = f.min_confidence;
    domain.repeat_window_days = f.repeat_window_days;
    check_subscriptions(config, domain);
    return domain;
}

SubscriberLookup notifier_subscribers(const plugins::PluginManager& plugins) {
    return [&plugins](std::string_view type, const domain::Complaint& c) {
        std::vector<std::string> out;
        for (const auto& instance : plugins.instances()) {
            if (instance->kind() != REDRESS_KIND_NOTIFIER &&
                instance->kind() != REDRESS_KIND_ESCALATION)
                continue;
            auto state = instance->state();
            if (state == plugins::InstanceState::disabled ||
                state == plugins::InstanceState::failed)
                continue;
            const auto& subscribed = instance->config().subscribe;
            if (std::any_of(subscribed.begin(), subscribed.end(),
                            [&](const config::Subscription& s) { return wants(s, type, c); }))
                out.push_back(instance->name());
        }
        return out;
    };
}

ClassifierRun running_classifiers(const plugins::PluginManager& plugins) {
    return [&plugins](const nlohmann::json& complaint) {
        std::vector<std::pair<std::string, nlohmann::json>> proposals;
        std::string text = complaint.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        for (const auto& instance : plugins.instances()) {
            if (instance->kind() != REDRESS_KIND_CLASSIFIER ||
                instance->state() != plugins::InstanceState::running)
                continue;
            std::string answer;
            auto result = instance->classify(text, answer);
            if (!result.ok()) {
                log::warning(instance->name(), "classification failed: " + result.error);
                continue;
            }
            auto proposal = nlohmann::json::parse(answer, nullptr, false);
            if (!proposal.is_object()) {
                log::warning(instance->name(),
                             "classification answer is not a JSON object; ignored");
                continue;
            }
            proposals.emplace_back(instance->name(), std::move(proposal));
        }
        return proposals;
    };
}

EscalationRun running_escalations(const plugins::PluginManager& plugins) {
    return [&plugins](const nlohmann::json& trigger) {
        std::vector<std::pair<std::string, nlohmann::json>> answers;
        std::string text = trigger.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        for (const auto& instance : plugins.instances()) {
            if (instance->kind() != REDRESS_KIND_ESCALATION ||
                instance->state() != plugins::InstanceState::running)
                continue;
            std::string answer;
            auto result = instance->evaluate(text, answer);
            if (!result.ok()) {
                log::warning(instance->name(), "evaluation failed: " + result.error);
                continue;
            }
            auto decisions = answer.empty() ? nlohmann::json::array()
                                            : nlohmann::json::parse(answer, nullptr, false);
            if (!decisions.is_array()) {
                log::warning(instance->name(), "decisions are not a JSON array; ignored");
                continue;
            }
            if (!decisions.empty()) answers.emplace_back(instance->name(), std::move(decisions));
        }
        return answers;
    };
}

}  // namespace redress::core
