#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace redress::config {

struct HttpConfig {
    std::string bind = "127.0.0.1";
    std::uint16_t port = 8080;  // 0: any free port (logged at start)
    int threads = 8;            // worker pool size
    std::size_t max_body_bytes = 1 << 20;
    std::filesystem::path tls_certificate;  // both set: HTTPS
    std::filesystem::path tls_private_key;
};

// One entry of an instance's "subscribe": an event type ("*" for all) and
// conditions on the complaint as the event left it. Each field named in
// `where` must hold one of its values; a category also matches the categories
// below it ("product" matches "product.fault"). No conditions: every event of
// the type.
struct Subscription {
    std::string event;
    std::vector<std::pair<std::string, std::vector<std::string>>> where;  // field, values
};

// One configured plugin instance: entry N of "instances".
struct InstanceConfig {
    std::string name;
    std::string plugin;  // module id, i.e. the library file "<plugin>.so" in a search path
    std::string kind;    // intake, classifier, escalation, notifier, report, frontend
    std::optional<std::filesystem::path> library;  // explicit library file instead of a search
    bool enabled = true;
    bool required = false;
    std::string mount;          // URL prefix: a frontend's ("/<name>" by default), "/intake/<name>"
    int train_every_hours = 0;  // learning classifiers: scheduled retraining, 0 for none
    // Containment of a misbehaving plugin: failures in a row before the instance is
    // marked failed (0: never), and how long one call may run (0: no limit).
    int max_failures = 5;
    std::chrono::milliseconds call_timeout{10000};
    nlohmann::json settings = nlohmann::json::object();
    std::vector<Subscription> subscribe = {{"*", {}}};  // notifiers and escalation policies
    bool is_public = false;                             // front-ends: served without a token
    nlohmann::json schedule = nlohmann::json::array();  // reports: see core/report_schedule.hpp
    std::string pointer;                                // "/instances/N", for error messages
};

// The files the domain core is configured from.
struct DomainFiles {
    std::filesystem::path categories, responsibility, sla, calendar;
    std::vector<std::string> required_fields;
    double min_confidence = 0.5;
    int repeat_window_days = 30;
};

// Delivery of committed events to notifiers.
struct OutboxConfig {
    int max_attempts = 8;
    std::chrono::milliseconds first_retry{1000};
    std::chrono::milliseconds max_retry{3600000};
    std::chrono::milliseconds poll{250};
};

// Hosts sharing one database: leases on background jobs, instance switches.
struct ClusterConfig {
    std::string host_id;  // empty: hostname:pid:start time
    std::chrono::seconds lease{15};
    std::chrono::seconds sync{10};
};

struct HostConfig {
    std::filesystem::path file;  // the file it was read from
    std::filesystem::path data_directory;
    std::vector<std::filesystem::path> plugin_paths;  // in search order
    std::string log_level = "info";
    HttpConfig http;
    std::string storage_url;
    std::size_t storage_pool_size = 8;
    std::string storage_schema;
    DomainFiles domain;
    OutboxConfig outbox;
    std::chrono::milliseconds sla_sweep{30000};
    ClusterConfig cluster;
    std::vector<InstanceConfig> instances;
};

// The JSON Schema of the host configuration file (also printed by `redress check-config --schema`).
const nlohmann::json& host_config_schema();

// Reads and validates a configuration file (JSON, comments allowed). Relative
// paths in it are resolved against the file's directory; the default plugin
// directories (beside the executable) follow the configured ones. Throws
// ConfigError listing every problem with its JSON pointer.
HostConfig load_host_config(const std::filesystem::path& file);

// The plugin directories a host finds without configuration: "plugins" beside the
// executable (a build tree) and "../lib/redress/plugins" (an installed tree).
std::vector<std::filesystem::path> default_plugin_paths();

}  // namespace redress::config
