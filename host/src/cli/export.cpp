#include <cstdio>
#include <fstream>
#include <iostream>

#include "cli/commands.hpp"
#include "core/complaint_service.hpp"
#include "core/runtime.hpp"

namespace redress::cli {

int run_export(const Options& options) {
    auto cfg = load_config_or_report(options);
    if (!cfg) return kExitUsage;
    auto db = core::open_database(*cfg);
    auto domain = core::load_domain(*cfg);
    domain::SystemClock clock;
    core::ComplaintService service(*db, domain, clock, nullptr);

    std::ofstream file;
    if (!options.output.empty()) {
        file.open(options.output, std::ios::binary | std::ios::trunc);
        if (!file) {
            std::fprintf(stderr, "redress export: cannot write %s\n", options.output.c_str());
            return kExitFailure;
        }
    }
    std::ostream& out = options.output.empty() ? std::cout : file;
    std::size_t count = 0;
    // One JSON line per complaint: the record and its full history (D20).
    service.for_each([&](const core::ComplaintRecord& r) {
        nlohmann::json events = nlohmann::json::array();
        for (const auto& e : r.events) events.push_back(e.to_json());
        out << nlohmann::json{{"complaint", r.complaint.doc()}, {"events", events}}.dump(
                   -1, ' ', false, nlohmann::json::error_handler_t::replace)
            << '\n';
        ++count;
    });
    out.flush();
    if (!out) {
        std::fprintf(stderr, "redress export: write failed\n");
        return kExitFailure;
    }
    std::fprintf(stderr, "exported %zu complaints\n", count);
    return kExitOk;
}

}  // namespace redress::cli
