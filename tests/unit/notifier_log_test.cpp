// notifier_log, loaded from disk like any plugin: one JSON line per event, and a
// new file after rotation and SIGHUP (the host's reopen call).
#include <catch2/catch.hpp>

#include <sstream>

#include "config/host_config.hpp"
#include "host_process.hpp"
#include "plugins/plugin_manager.hpp"
#include "temp_dir.hpp"

using nlohmann::json;
using redress::plugins::PluginManager;
using namespace redress::test;

TEST_CASE("notifier_log writes each event as one line and reopens after rotation",
          "[notifier_log]") {
    TempDir dir;
    auto log = dir / "events.jsonl";
    json instances = json::array({{{"name", "audit"},
                                   {"plugin", "notifier_log"},
                                   {"kind", "notifier"},
                                   {"settings", {{"path", log.string()}}}}});
    PluginManager plugins(
        redress::config::load_host_config(write_host_config(dir.path(), instances)));
    plugins.discover();
    plugins.create_instances();
    plugins.start_instances();
    auto& audit = *plugins.find("audit");

    // A pretty-printed event still becomes a single line.
    REQUIRE(audit.deliver("{\n  \"action\": \"created\",\n  \"number\": \"CP-20261123-000001\"\n}")
                .ok());
    REQUIRE(audit.deliver(R"({"action": "acknowledged", "note": "已受理"})").ok());
    auto lines = read_json_lines(log);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0]["number"] == "CP-20261123-000001");
    CHECK(lines[1]["note"] == "已受理");

    auto refused = audit.deliver("not json");
    CHECK(refused.status == REDRESS_INVALID);
    CHECK(refused.error == "the event is not valid JSON");
    CHECK(read_json_lines(log).size() == 2);

    // logrotate moves the file away; until reopened, lines follow the moved file.
    std::filesystem::rename(log, dir / "events.jsonl.1");
    REQUIRE(audit.deliver(R"({"action": "before-reopen"})").ok());
    plugins.reopen();
    REQUIRE(audit.deliver(R"({"action": "after-reopen"})").ok());
    CHECK(read_json_lines(dir / "events.jsonl.1").size() == 3);
    auto fresh = read_json_lines(log);
    REQUIRE(fresh.size() == 1);
    CHECK(fresh[0]["action"] == "after-reopen");
}

TEST_CASE("notifier_log reports a file it cannot open, naming it", "[notifier_log]") {
    TempDir dir;
    json instances = json::array({{{"name", "audit"},
                                   {"plugin", "notifier_log"},
                                   {"kind", "notifier"},
                                   {"settings", {{"path", "/nonexistent-dir/events.jsonl"}}}}});
    PluginManager plugins(
        redress::config::load_host_config(write_host_config(dir.path(), instances)));
    plugins.discover();
    plugins.create_instances();
    CHECK_THAT(plugins.find("audit")->reason(),
               Catch::EndsWith("the factory failed: cannot open /nonexistent-dir/events.jsonl: No "
                               "such file or directory"));
}
