// notifier_log, loaded from disk like any plugin: one JSON line per event, and a
// new file after rotation and SIGHUP (the host's reopen call).
#include <catch2/catch.hpp>

#include <random>
#include <sstream>

#include "config/host_config.hpp"
#include "host_process.hpp"
#include "json_check.hpp"
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
    // A NUL byte and what follows it would reach the file as they are.
    CHECK(audit.deliver(std::string_view("{}\0garbage", 10)).status == REDRESS_INVALID);
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

// The check the log makes of each event agrees with nlohmann::json::accept on
// edge cases and on many random edits of them (fuzz.json_check does the same
// with libFuzzer in the sanitizer build).
TEST_CASE("notifier_log's JSON check judges as nlohmann::json::accept does", "[notifier_log]") {
    std::vector<std::string> seeds = {
        R"({"id":7,"type":"complaint.created","number":"CP-20261123-000001","seq":1,)"
        R"("actor":"agent \"li\"","at":"2026-11-23T02:00:00Z","changes":{"after":{"a":[1,2.5e-3]}},)"
        R"("complaint":{"description":"洗衣机漏水 \u6f0f\ud83d\ude00","tags":[],"ok":true,"x":null}})",
        "{}",
        "[]",
        "0",
        "-0.5e+10",
        "1e400",
        "-1e308",
        "1e-400",
        "0.000001e-320",
        "123456789012345678901234567890",
        "12345678901234567890",
        "\"\\ud83d\\ude00\"",
        "\"\\udc00\"",
        "\"\xe4\xb8\xad\xf0\x9f\x98\x80\"",
        "\"\xed\xa0\x80\"",
        "\"\xc0\xaf\"",
        "\xef\xbb\xbf {} ",
        " \t\n\r[ ]",
        "[1,]",
        "{\"a\" 1}",
        "01",
        "1.",
        "-",
        "tru",
        "\"a\tb\""};
    auto accept = [](std::string_view text) {
        return text.find('\0') == std::string_view::npos && json::accept(text);
    };
    for (const auto& seed : seeds) {
        INFO(seed);
        CHECK(redress_plugins::is_json(seed) == accept(seed));
    }
    std::string alphabet =
        "{}[]\":,\\-+.eE019 \t\nutrfalsn\x1f\x7f\x80\xbf\xc2\xe0\xed\xf0\xf4\xff";
    alphabet.push_back('\0');
    std::mt19937 random(20261124);
    int valid = 0;
    for (int i = 0; i < 100000; ++i) {
        std::string text = seeds[random() % seeds.size()];
        for (int edits = 1 + random() % 4; edits > 0; --edits) {
            std::size_t at = text.empty() ? 0 : random() % text.size();
            char c = alphabet[random() % alphabet.size()];
            switch (random() % 4) {
                case 0:
                    if (!text.empty()) text[at] = c;
                    break;
                case 1:
                    text.insert(text.begin() + static_cast<std::ptrdiff_t>(at), c);
                    break;
                case 2:
                    text.erase(at, 1 + random() % 3);
                    break;
                default:
                    text.resize(at);
            }
        }
        bool expected = accept(text);
        valid += expected;
        if (redress_plugins::is_json(text) != expected) {
            INFO(text);
            FAIL("the check and accept disagree");
        }
    }
    CHECK(valid > 5000);  // the edits leave enough valid documents to compare
}
