#include "config/host_config.hpp"

#include <algorithm>
#include <set>

#include "config/json_text.hpp"
#include "config/problem.hpp"
#include "config/schema.hpp"

namespace redress::config {
namespace fs = std::filesystem;
using nlohmann::json;

const json& host_config_schema() {
    static const json schema = json::parse(R"({
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "$schema": {"type": "string"},
    "data_directory": {"type": "string", "minLength": 1, "default": "data",
      "description": "Where the database file, plugin data and the admin token live."},
    "log_level": {"enum": ["debug", "info", "warning", "error"], "default": "info"},
    "plugins": {
      "type": "object", "additionalProperties": false, "default": {},
      "properties": {
        "paths": {"type": "array", "items": {"type": "string", "minLength": 1}, "default": [],
          "description": "Directories searched for <plugin>.so, before the default ones."}
      }
    },
    "http": {
      "type": "object", "additionalProperties": false, "default": {},
      "properties": {
        "bind": {"type": "string", "minLength": 1, "default": "127.0.0.1"},
        "port": {"type": "integer", "minimum": 0, "maximum": 65535, "default": 8080},
        "threads": {"type": "integer", "minimum": 1, "maximum": 1024, "default": 8},
        "max_body_bytes": {"type": "integer", "minimum": 1024, "default": 1048576},
        "tls": {
          "type": "object", "additionalProperties": false, "required": ["certificate", "private_key"],
          "properties": {
            "certificate": {"type": "string", "minLength": 1, "description": "PEM certificate chain"},
            "private_key": {"type": "string", "minLength": 1, "description": "PEM private key"}
          }
        }
      }
    },
    "storage": {
      "type": "object", "additionalProperties": false, "default": {},
      "properties": {
        "url": {"type": "string", "pattern": "^(sqlite:.+|postgres(ql)?://.*)$",
          "default": "sqlite:redress.db",
          "description": "sqlite:<file> (relative to data_directory) or postgresql://..."},
        "pool_size": {"type": "integer", "minimum": 1, "maximum": 256, "default": 8},
        "schema": {"type": "string", "pattern": "^[a-z_][a-z0-9_]{0,62}$",
          "description": "PostgreSQL only: the schema Redress's tables live in."}
      }
    },
    "outbox": {
      "type": "object", "additionalProperties": false, "default": {},
      "description": "Delivery of committed events to notifiers.",
      "properties": {
        "max_attempts": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 8},
        "first_retry_ms": {"type": "integer", "minimum": 1, "default": 1000},
        "max_retry_ms": {"type": "integer", "minimum": 1, "default": 3600000},
        "poll_ms": {"type": "integer", "minimum": 10, "maximum": 60000, "default": 250}
      }
    },
    "cluster": {
      "type": "object", "additionalProperties": false, "default": {},
      "description": "Several hosts on one PostgreSQL database: background jobs run on one host at a time.",
      "properties": {
        "host_id": {"type": "string", "pattern": "^[A-Za-z0-9._:-]{1,100}$",
          "description": "This host's name in the lease table (default: hostname:pid:start time)."},
        "lease_seconds": {"type": "integer", "minimum": 2, "maximum": 3600, "default": 15,
          "description": "A dead host's jobs are taken over within this time."},
        "sync_seconds": {"type": "integer", "minimum": 1, "maximum": 3600, "default": 10,
          "description": "How often instance switches made on other hosts are looked for (PostgreSQL also notifies at once)."}
      }
    },
    "sla_sweep_ms": {"type": "integer", "minimum": 100, "maximum": 3600000, "default": 30000,
      "description": "How often the SLA clock looks for due warnings, breaches and follow-ups."},
    "domain": {
      "type": "object", "additionalProperties": false, "default": {},
      "properties": {
        "categories": {"type": "string", "minLength": 1, "default": "categories.json"},
        "responsibility": {"type": "string", "minLength": 1, "default": "responsibility.json"},
        "sla": {"type": "string", "minLength": 1, "default": "sla.json"},
        "calendar": {"type": "string", "minLength": 1, "default": "calendars/cn-2026.json"},
        "min_confidence": {"type": "number", "minimum": 0, "maximum": 1, "default": 0.5,
          "description": "Classifier proposals apply at or above this confidence."},
        "repeat_window_days": {"type": "integer", "minimum": 1, "maximum": 3650, "default": 30},
        "required_fields": {"type": "array", "items": {"type": "string", "minLength": 1},
          "default": ["customer.name", "customer.contact", "product", "description", "demand"]}
      }
    },
    "instances": {
      "type": "array", "default": [],
      "items": {
        "type": "object", "additionalProperties": false,
        "required": ["name", "plugin", "kind"],
        "properties": {
          "name": {"type": "string", "pattern": "^[a-z0-9][a-z0-9_-]{0,62}$"},
          "plugin": {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$"},
          "kind": {"enum": ["intake", "classifier", "escalation", "notifier", "report", "frontend"]},
          "library": {"type": "string", "minLength": 1},
          "enabled": {"type": "boolean", "default": true},
          "required": {"type": "boolean", "default": false},
          "mount": {"type": "string", "pattern": "^(/[A-Za-z0-9._~-]+)+$",
            "description": "Front-ends: URL prefix, default /<name>. Intakes always serve /intake/<name>."},
          "public": {"type": "boolean", "default": false,
            "description": "Front-ends: serve without a token (a public form or survey page)."},
          "subscribe": {"type": "array", "default": ["*"],
            "description": "Notifiers and escalation policies: the events delivered to it, each an event type or {\"event\", \"where\"}.",
            "items": {
              "type": ["string", "object"], "pattern": "^(\\*|complaint\\.[a-z-]+)$",
              "additionalProperties": false, "required": ["event"],
              "properties": {
                "event": {"type": "string", "pattern": "^(\\*|complaint\\.[a-z-]+)$"},
                "where": {
                  "type": "object", "additionalProperties": false,
                  "description": "The complaint as the event left it: each field one of the values listed.",
                  "properties": {
                    "state": {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}},
                    "priority": {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}},
                    "category": {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}},
                    "channel": {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}},
                    "team": {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}}}}}}},
          "max_failures": {"type": "integer", "minimum": 0, "default": 5,
            "description": "Calls failing in a row before the instance is marked failed (0: never)."},
          "call_timeout_ms": {"type": "integer", "minimum": 0, "default": 10000,
            "description": "A call running longer marks the instance timed out (0: no limit)."},
          "train_every_hours": {"type": "integer", "minimum": 0, "maximum": 8760, "default": 0,
            "description": "Learning classifiers: retrain from the store this often (0: only by `redress train`)."},
          "schedule": {"type": "array", "default": [],
            "description": "Reports: made once per period and handed to notifiers (D21).",
            "items": {
              "type": "object", "additionalProperties": false,
              "required": ["name", "every", "deliver_to"],
              "properties": {
                "name": {"type": "string", "pattern": "^[a-z0-9][a-z0-9_-]{0,62}$"},
                "every": {"enum": ["month", "quarter"]},
                "day": {"type": "integer", "minimum": 1, "maximum": 28, "default": 1,
                  "description": "Day of the following period the report is made on."},
                "at": {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$", "default": "08:00",
                  "description": "Local time (the business calendar's zone) it is made at."},
                "format": {"enum": ["html", "csv", "json"], "default": "html"},
                "filters": {"type": "object", "default": {}},
                "deliver_to": {"type": "array", "minItems": 1, "items": {"type": "string"},
                  "description": "Notifier instances that send it."},
                "recipients": {"type": "array", "items": {"type": "string", "minLength": 3}, "default": [],
                  "description": "Addresses the notifiers send it to."}
              }
            }
          },
          "settings": {"type": "object", "default": {}}
        }
      }
    }
  }
})");
    return schema;
}

std::vector<fs::path> default_plugin_paths() {
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (ec) return {};
    fs::path dir = exe.parent_path();
    return {dir / "plugins", (dir / ".." / "lib" / "redress" / "plugins").lexically_normal()};
}

namespace {

// A scheduled report must be of a report instance and go to notifier instances.
void check_report_schedules(const HostConfig& cfg, const std::string& origin) {
    std::vector<Problem> problems;
    for (const auto& ic : cfg.instances) {
        if (ic.schedule.empty()) continue;
        if (ic.kind != "report")
            problems.push_back(
                {origin, ic.pointer + "/schedule", "only report instances have one"});
        std::set<std::string> names;
        for (std::size_t i = 0; i < ic.schedule.size(); ++i) {
            const json& entry = ic.schedule[i];
            std::string at = ic.pointer + "/schedule/" + std::to_string(i);
            if (!names.insert(entry["name"].get<std::string>()).second)
                problems.push_back({origin, at + "/name", "used twice in this schedule"});
            const json& to = entry["deliver_to"];
            for (std::size_t k = 0; k < to.size(); ++k) {
                auto target = std::find_if(cfg.instances.begin(), cfg.instances.end(),
                                           [&](const InstanceConfig& other) {
                                               return other.name == to[k].get<std::string>();
                                           });
                if (target == cfg.instances.end() || target->kind != "notifier")
                    problems.push_back(
                        {origin, at + "/deliver_to/" + std::to_string(k),
                         "no notifier instance \"" + to[k].get<std::string>() + "\""});
            }
        }
    }
    if (!problems.empty()) throw ConfigError(std::move(problems));
}

}  // namespace

HostConfig load_host_config(const fs::path& file) {
    std::string origin = file.string();
    json doc = parse_json_with_comments(read_text_file(file), origin);

    std::vector<Problem> problems;
    for (auto& v : validate(host_config_schema(), doc))
        problems.push_back({origin, v.pointer, v.message});
    if (!problems.empty()) throw ConfigError(std::move(problems));
    apply_defaults(host_config_schema(), doc);

    fs::path base = fs::absolute(file).parent_path();
    auto resolve = [&](const std::string& p) { return (base / p).lexically_normal(); };

    HostConfig cfg;
    cfg.file = file;
    cfg.data_directory = resolve(doc["data_directory"].get<std::string>());
    cfg.log_level = doc["log_level"].get<std::string>();
    for (const auto& p : doc["plugins"]["paths"])
        cfg.plugin_paths.push_back(resolve(p.get<std::string>()));
    for (auto& p : default_plugin_paths()) cfg.plugin_paths.push_back(p);

    const json& http = doc["http"];
    cfg.http.bind = http["bind"].get<std::string>();
    cfg.http.port = http["port"].get<std::uint16_t>();
    cfg.http.threads = http["threads"].get<int>();
    cfg.http.max_body_bytes = http["max_body_bytes"].get<std::size_t>();
    if (http.contains("tls")) {
        cfg.http.tls_certificate = resolve(http["tls"]["certificate"].get<std::string>());
        cfg.http.tls_private_key = resolve(http["tls"]["private_key"].get<std::string>());
    }
    cfg.storage_url = doc["storage"]["url"].get<std::string>();
    cfg.storage_pool_size = doc["storage"]["pool_size"].get<std::size_t>();
    cfg.storage_schema = doc["storage"].value("schema", "");
    const json& outbox = doc["outbox"];
    cfg.outbox.max_attempts = outbox["max_attempts"].get<int>();
    cfg.outbox.first_retry = std::chrono::milliseconds(outbox["first_retry_ms"].get<long long>());
    cfg.outbox.max_retry = std::chrono::milliseconds(outbox["max_retry_ms"].get<long long>());
    cfg.outbox.poll = std::chrono::milliseconds(outbox["poll_ms"].get<long long>());
    cfg.sla_sweep = std::chrono::milliseconds(doc["sla_sweep_ms"].get<long long>());
    const json& cluster = doc["cluster"];
    cfg.cluster.host_id = cluster.value("host_id", "");
    cfg.cluster.lease = std::chrono::seconds(cluster["lease_seconds"].get<int>());
    cfg.cluster.sync = std::chrono::seconds(cluster["sync_seconds"].get<int>());
    const json& domain = doc["domain"];
    cfg.domain.categories = resolve(domain["categories"].get<std::string>());
    cfg.domain.responsibility = resolve(domain["responsibility"].get<std::string>());
    cfg.domain.sla = resolve(domain["sla"].get<std::string>());
    cfg.domain.calendar = resolve(domain["calendar"].get<std::string>());
    cfg.domain.required_fields = domain["required_fields"].get<std::vector<std::string>>();
    cfg.domain.min_confidence = domain["min_confidence"].get<double>();
    cfg.domain.repeat_window_days = domain["repeat_window_days"].get<int>();

    const json& instances = doc["instances"];
    for (std::size_t i = 0; i < instances.size(); ++i) {
        const json& in = instances[i];
        InstanceConfig ic;
        ic.pointer = "/instances/" + std::to_string(i);
        ic.name = in["name"].get<std::string>();
        ic.plugin = in["plugin"].get<std::string>();
        ic.kind = in["kind"].get<std::string>();
        if (in.contains("library")) ic.library = resolve(in["library"].get<std::string>());
        ic.enabled = in["enabled"].get<bool>();
        ic.required = in["required"].get<bool>();
        if (ic.kind == "intake")
            ic.mount = "/intake/" + ic.name;
        else
            ic.mount = in.contains("mount") ? in["mount"].get<std::string>() : "/" + ic.name;
        ic.train_every_hours = in["train_every_hours"].get<int>();
        ic.max_failures = in["max_failures"].get<int>();
        ic.call_timeout = std::chrono::milliseconds(in["call_timeout_ms"].get<long long>());
        ic.settings = in["settings"];
        ic.subscribe.clear();
        for (const json& entry : in["subscribe"]) {
            if (entry.is_string()) {
                ic.subscribe.push_back({entry.get<std::string>(), {}});
                continue;
            }
            Subscription sub{entry["event"].get<std::string>(), {}};
            if (entry.contains("where"))
                for (const auto& [field, values] : entry["where"].items())
                    sub.where.emplace_back(field, values.get<std::vector<std::string>>());
            ic.subscribe.push_back(std::move(sub));
        }
        ic.is_public = in["public"].get<bool>();
        ic.schedule = in["schedule"];
        cfg.instances.push_back(std::move(ic));
    }
    check_report_schedules(cfg, origin);
    return cfg;
}

}  // namespace redress::config
