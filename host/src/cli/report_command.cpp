#include <cstdio>
#include <fstream>
#include <iostream>

#include "cli/commands.hpp"
#include "core/report_request.hpp"
#include "core/runtime.hpp"
#include "core/service_gateway.hpp"
#include "plugins/plugin_manager.hpp"

namespace redress::cli {

int run_report(const Options& options) {
    if (options.instance.empty() || options.period.empty() || !options.rest.empty()) {
        std::fprintf(stderr, "%s", usage("report").c_str());
        return kExitUsage;
    }
    auto cfg = load_config_or_report(options);
    if (!cfg) return kExitUsage;
    auto domain = core::load_domain(*cfg);
    nlohmann::json request;
    try {
        request =
            core::report_request(options.period, options.format.empty() ? "html" : options.format,
                                 nlohmann::json::object(), domain.sla.calendar());
    } catch (const std::invalid_argument& e) {
        std::fprintf(stderr, "redress report: %s\n", e.what());
        return kExitUsage;
    }
    auto db = core::open_database(*cfg);
    plugins::PluginManager plugins(*cfg);
    plugins.discover();
    domain::SystemClock clock;
    core::ComplaintService complaints(*db, domain, clock, nullptr);
    core::ServiceGateway gateway(complaints);
    plugins.set_gateway(&gateway);
    plugins::Instance* instance = start_instance(plugins, *cfg, options, REDRESS_KIND_REPORT);
    if (instance == nullptr) return kExitFailure;
    auto out = core::run_report(*instance, request);
    plugins.shutdown();
    if (!out.result.ok()) {
        std::fprintf(stderr, "redress report: %s\n", out.result.error.c_str());
        return kExitFailure;
    }
    if (options.output.empty()) {
        std::cout << out.document;
        return kExitOk;
    }
    std::ofstream file(options.output, std::ios::binary | std::ios::trunc);
    file << out.document;
    if (!file.flush()) {
        std::fprintf(stderr, "redress report: cannot write %s\n", options.output.c_str());
        return kExitFailure;
    }
    return kExitOk;
}

}  // namespace redress::cli
