// A list request's query string (GET /api/v1/complaints?...): parsed as
// cpp-httplib parses it, read into a filter, and run against a real SQLite file
// holding complaints in both languages, so the SQL and the text indexes' query
// syntax are fuzzed too. A bad query may only end in HttpError 400.
#include <httplib.h>
#include <stdlib.h>

#include <cstdint>
#include <filesystem>
#include <string>

#include "core/complaint_service.hpp"
#include "domain/catalogue.hpp"
#include "domain/time.hpp"
#include "http/api/complaint_filter.hpp"
#include "storage/database.hpp"
#include "storage/migrations.hpp"

using namespace redress;
using nlohmann::json;

namespace {

struct World {
    domain::DomainConfig config = domain::DomainConfig::load(
        REDRESS_SOURCE_DIR "/config/categories.json",
        REDRESS_SOURCE_DIR "/config/responsibility.json", REDRESS_SOURCE_DIR "/config/sla.json",
        REDRESS_SOURCE_DIR "/config/calendars/cn-2026.json", {});
    domain::ManualClock clock{*domain::parse_time("2026-11-23T10:00:00+08:00")};
    std::unique_ptr<storage::Database> db;
    std::unique_ptr<core::ComplaintService> service;

    World() {
        char dir[] = "/tmp/redress-fuzz-query-XXXXXX";
        if (!mkdtemp(dir)) std::abort();
        db = storage::Database::open("sqlite:fuzz.db", dir, 1);
        storage::migrate(*db);
        service = std::make_unique<core::ComplaintService>(*db, config, clock, nullptr);
        const char* subjects[] = {"洗衣机漏水", "The dryer stops at 10%", "冰箱不制冷 \"E3\"",
                                  "Parcel_lost * NEAR", "退款 refund -x"};
        int n = 0;
        for (const char* subject : subjects)
            for (const char* priority : {"urgent", "normal", "low"}) {
                clock.advance(std::chrono::minutes(++n));
                service->create({{"channel", "phone"},
                                 {"customer", {{"name", "张伟"}, {"phone", "13800138000"}}},
                                 {"subject", subject},
                                 {"description", subject},
                                 {"priority", priority}},
                                "fuzz");
            }
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static World world;
    httplib::Request req;
    httplib::detail::parse_query_text(std::string(reinterpret_cast<const char*>(data), size),
                                      req.params);
    try {
        auto page = world.service->list(http::read_filter(req, true));
        if (page.total < static_cast<long long>(page.items.size())) std::abort();
    } catch (const http::HttpError& e) {
        if (e.status != 400) std::abort();
    }
    return 0;
}
