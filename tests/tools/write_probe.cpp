// Writes complaints as fast as it can and says so on stdout only after each
// write committed: "created <number>", then "acknowledged <number>". The crash
// test kills it at random moments and checks the database against what it said.
//   write_probe <storage-url> <data-dir> <schema> <source-dir>
#include <cstdio>
#include <string>

#include "core/complaint_service.hpp"
#include "domain/catalogue.hpp"
#include "storage/migrations.hpp"

int main(int argc, char** argv) {
    if (argc != 5) {
        std::fprintf(stderr,
                     "usage: write_probe <storage-url> <data-dir> <schema|-> <source-dir>\n");
        return 2;
    }
    using namespace redress;
    std::string schema = std::string(argv[3]) == "-" ? "" : argv[3];
    std::string config = std::string(argv[4]) + "/config/";
    auto domain =
        domain::DomainConfig::load(config + "categories.json", config + "responsibility.json",
                                   config + "sla.json", config + "calendars/cn-2026.json", {});
    auto db = storage::Database::open(argv[1], argv[2], 2, schema);
    storage::migrate(*db);
    domain::SystemClock clock;
    core::ComplaintService service(*db, domain, clock,
                                   [](std::string_view, const domain::Complaint&) {
                                       return std::vector<std::string>{"audit-log"};
                                   });
    nlohmann::json intake = {{"channel", "walk_in"},
                             {"customer", {{"name", "Probe"}, {"phone", "+86 10 1234 5678"}}},
                             {"description", "crash test complaint"}};
    for (;;) {
        auto c = service.create(intake, "probe");
        std::printf("created %s\n", c.number().c_str());
        std::fflush(stdout);
        service.act(c.number(), "acknowledge", nlohmann::json::object(), "probe");
        std::printf("acknowledged %s\n", c.number().c_str());
        std::fflush(stdout);
    }
}
