#include <cstdio>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "core/runtime.hpp"
#include "core/training.hpp"
#include "plugins/plugin_manager.hpp"

namespace redress::cli {
using nlohmann::json;

namespace {

// The per-category figures as a table a person reads at a glance.
void print_report(const json& report) {
    std::printf("examples %lld (trained on %lld, held out %lld)\n", report.value("examples", 0LL),
                report.value("trained_on", 0LL), report.value("held_out", 0LL));
    if (report.contains("accuracy"))
        std::printf("accuracy %.3f on the held-out split\n", report["accuracy"].get<double>());
    if (!report.contains("categories") || !report["categories"].is_object()) return;
    std::printf("%-28s %9s %9s %9s %8s\n", "category", "precision", "recall", "f1", "support");
    for (const auto& [name, m] : report["categories"].items())
        std::printf("%-28s %9.3f %9.3f %9.3f %8lld\n", name.c_str(), m.value("precision", 0.0),
                    m.value("recall", 0.0), m.value("f1", 0.0), m.value("support", 0LL));
}

}  // namespace

int run_train(const Options& options) {
    if (options.instance.empty() || !options.rest.empty()) {
        std::fprintf(stderr, "%s", usage("train").c_str());
        return kExitUsage;
    }
    auto cfg = load_config_or_report(options);
    if (!cfg) return kExitUsage;
    auto db = core::open_database(*cfg);
    plugins::PluginManager plugins(*cfg);
    plugins.discover();
    plugins::Instance* instance = start_instance(plugins, *cfg, options, REDRESS_KIND_CLASSIFIER);
    if (instance == nullptr) return kExitFailure;
    std::string report;
    auto result = core::train_instance(*instance, *db, report);
    plugins.shutdown();
    if (!result.ok()) {
        std::fprintf(stderr, "redress train: %s\n", result.error.c_str());
        return kExitFailure;
    }
    if (options.json) {
        std::printf("%s\n", report.c_str());
        return kExitOk;
    }
    try {
        print_report(json::parse(report));
    } catch (const json::exception&) {
        std::printf("%s\n", report.c_str());
    }
    return kExitOk;
}

}  // namespace redress::cli
