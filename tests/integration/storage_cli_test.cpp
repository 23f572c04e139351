// `redress migrate` and `redress export` against both backends.
#include <catch2/catch.hpp>

#include <sstream>

#include "core/complaint_service.hpp"
#include "domain_fixture.hpp"
#include "host_process.hpp"
#include "storage/migrations.hpp"
#include "test_database.hpp"

using namespace redress;
using namespace redress::test;
using nlohmann::json;

namespace {

std::filesystem::path config_for(const TestDatabase& t) {
    auto file = write_host_config(t.dir().path(), json::array());
    json cfg = json::parse(read_file(file));
    cfg["storage"] = {{"url", t.url()}};
    if (!t.schema().empty()) cfg["storage"]["schema"] = t.schema();
    write_file(file, cfg.dump(2));
    return file;
}

}  // namespace

TEST_CASE("migrate reports the schema; export writes every complaint with its history",
          "[storage][cli]") {
    auto backend = GENERATE(as<std::string>{}, "sqlite", "postgresql");
    INFO(backend);
    TestDatabase t(backend);
    domain::ManualClock clock(shanghai("2026-11-23 10:00"));
    core::ComplaintService service(t.db(), shipped_domain(), clock, nullptr);
    auto first = service.create(sample_intake(), "agent").number();
    auto second = service.create(sample_intake("urgent"), "agent").number();
    service.act(second, "acknowledge", json::object(), "agent");
    service.act(second, "withdraw", {{"reason", "duplicate of " + first}}, "agent");
    service.act(second, "archive", json::object(), "agent");
    auto config = config_for(t);

    auto migrated = run_redress({"migrate", "--config", config.string()});
    CHECK(migrated.exit_code == 0);
    CHECK_THAT(migrated.out, Catch::Contains("already applied") &&
                                 Catch::Contains("schema version " +
                                                 std::to_string(storage::latest_schema_version())));

    auto out = t.dir() / "export.jsonl";
    auto exported = run_redress({"export", "--config", config.string(), "--output", out.string()});
    REQUIRE(exported.exit_code == 0);
    CHECK_THAT(exported.err, Catch::Contains("exported 2 complaints"));
    std::istringstream lines(read_file(out));
    std::vector<json> records;
    for (std::string line; std::getline(lines, line);) records.push_back(json::parse(line));
    REQUIRE(records.size() == 2);
    CHECK(records[0]["complaint"]["number"] == first);
    CHECK(records[0]["events"].size() == 1);
    CHECK(records[1]["complaint"]["state"] ==
          "archived");  // archived complaints are exported too (D20)
    REQUIRE(records[1]["events"].size() == 4);
    CHECK(records[1]["events"][2]["action"] == "withdraw");
    CHECK(records[1]["events"][2]["changes"]["state"]["after"] == "withdrawn");
}
