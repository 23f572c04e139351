#include <cstdio>

#include "cli/commands.hpp"
#include "config/json_text.hpp"
#include "config/problem.hpp"
#include "core/complaint_service.hpp"
#include "core/runtime.hpp"
#include "core/service_gateway.hpp"
#include "log/logger.hpp"
#include "plugins/plugin_manager.hpp"

namespace redress::cli {

int run_import(const Options& options) {
    if (options.instance.empty() || options.rest.size() != 1) {
        std::fprintf(stderr, "%s", usage("import").c_str());
        return kExitUsage;
    }
    auto cfg = load_config_or_report(options);
    if (!cfg) return kExitUsage;
    std::string input;
    try {
        input = config::read_text_file(options.rest.front());
    } catch (const config::ConfigError& e) {
        std::fprintf(stderr, "redress import: %s\n", e.what());
        return kExitFailure;
    }
    auto db = core::open_database(*cfg);
    auto domain = core::load_domain(*cfg);
    plugins::PluginManager plugins(*cfg);
    plugins.discover();
    domain::SystemClock clock;
    core::ComplaintService complaints(*db, domain, clock, core::notifier_subscribers(plugins));
    complaints.set_classifiers(core::running_classifiers(plugins));
    core::ServiceGateway gateway(complaints);
    plugins.set_gateway(&gateway);
    // The classifiers run too, so complaints are recorded as the host records them;
    // notifiers are the serving host's business (the outbox waits for it).
    for (const auto& other : plugins.instances()) {
        if (other->kind() != REDRESS_KIND_CLASSIFIER) continue;
        other->create(cfg->data_directory);
        other->start();
    }
    plugins::Instance* instance = start_instance(plugins, *cfg, options, REDRESS_KIND_INTAKE);
    if (instance == nullptr) return kExitFailure;
    std::string report;
    auto result = instance->import_batch(input, report);
    plugins.shutdown();
    if (!result.ok()) {
        std::fprintf(stderr, "redress import: %s\n", result.error.c_str());
        return kExitFailure;
    }
    std::printf("%s\n", report.c_str());
    return kExitOk;
}

}  // namespace redress::cli
