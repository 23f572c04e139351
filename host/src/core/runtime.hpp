#pragma once

#include <memory>

#include "config/host_config.hpp"
#include "core/complaint_service.hpp"
#include "domain/catalogue.hpp"
#include "storage/database.hpp"

namespace redress::plugins {
class PluginManager;
}

namespace redress::core {

// Opens the configured database (a pool of `storage.pool_size` connections) and
// brings its schema up to date, logging what was applied.
std::unique_ptr<storage::Database> open_database(const config::HostConfig& config);

// Reads the category tree, responsibility matrix, SLA matrix and calendar, and
// checks the instances' subscription conditions against them (ConfigError).
domain::DomainConfig load_domain(const config::HostConfig& config);

// The notifier and escalation instances subscribed to an event on a complaint:
// enabled, not failed, and with an entry in "subscribe" that wants it (the
// type or "*", and the complaint meeting its "where").
SubscriberLookup notifier_subscribers(const plugins::PluginManager& plugins);

// Asks every running classifier instance, in configuration order, for its
// proposal on a complaint. A classifier that fails or answers with something
// that is not a JSON object is logged and left out.
ClassifierRun running_classifiers(const plugins::PluginManager& plugins);

// Asks every running escalation instance, in configuration order, for its
// decisions on a trigger. A failing one, or one answering with something that
// is not a JSON array, is logged and left out.
EscalationRun running_escalations(const plugins::PluginManager& plugins);

}  // namespace redress::core
