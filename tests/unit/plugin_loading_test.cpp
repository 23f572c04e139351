// The plugin host in-process: loading real libraries from disk, each failure
// contained with its reason, and calls crossing the C boundary both ways.
#include <catch2/catch.hpp>

#include "config/host_config.hpp"
#include "failure_cases.hpp"
#include "host_process.hpp"
#include "plugins/plugin_manager.hpp"
#include "temp_dir.hpp"

using nlohmann::json;
using redress::config::load_host_config;
using redress::plugins::InstanceState;
using redress::plugins::PluginManager;
using namespace redress::test;

namespace {

json echo(const std::string& name, const std::string& kind, json settings = json::object()) {
    return {{"name", name}, {"plugin", "fixture_echo"}, {"kind", kind}, {"settings", settings}};
}

struct Host {
    TempDir dir;
    std::unique_ptr<PluginManager> plugins;
    explicit Host(const json& instances) {
        plugins = std::make_unique<PluginManager>(
            load_host_config(write_host_config(dir.path(), instances)));
        plugins->discover();
        plugins->create_instances();
        plugins->start_instances();
    }
    redress::plugins::Instance& operator[](const std::string& name) { return *plugins->find(name); }
};

}  // namespace

TEST_CASE("each way a plugin can fail marks only its instance failed, with the reason",
          "[plugins]") {
    for (const auto& c : failure_cases()) {
        SECTION(c.title) {
            json healthy = {
                {"name", "healthy"}, {"plugin", "fixture_echo"}, {"kind", "classifier"}};
            Host host(json::array({c.instance, healthy}));
            CHECK(host["victim"].state() == InstanceState::failed);
            for (const auto& words : c.reason_contains)
                CHECK_THAT(host["victim"].reason(), Catch::Contains(words));
            CHECK(host["healthy"].state() == InstanceState::running);
            CHECK(host.plugins->failed_required().empty());
        }
    }
}

TEST_CASE("a failing required instance is reported as such", "[plugins]") {
    json victim = failure_cases()[0].instance;
    victim["required"] = true;
    Host host(json::array({victim}));
    REQUIRE(host.plugins->failed_required().size() == 1);
    CHECK(host.plugins->failed_required()[0]->name() == "victim");
}

TEST_CASE("duplicate instance names: the later one fails", "[plugins]") {
    Host host(json::array({echo("twin", "classifier"), echo("twin", "report")}));
    const auto& all = host.plugins->instances();
    CHECK(all[0]->state() == InstanceState::running);
    CHECK(all[1]->state() == InstanceState::failed);
    CHECK(all[1]->reason() == "duplicate instance name \"twin\" (already used by /instances/0)");
}

TEST_CASE("one plugin runs as several instances with their own settings", "[plugins]") {
    Host host(json::array({echo("sorter-a", "classifier", {{"category", "logistics"}}),
                           echo("sorter-b", "classifier", {{"category", "service"}}),
                           echo("sorter-c", "classifier")}));
    std::string a, b, c;
    REQUIRE(host["sorter-a"].classify(R"({"description": "late parcel"})", a).ok());
    REQUIRE(host["sorter-b"].classify(R"({"description": "rude agent"})", b).ok());
    REQUIRE(host["sorter-c"].classify(R"({"description": "?"})", c).ok());
    CHECK(json::parse(a)["category"] == "logistics");
    CHECK(json::parse(b)["category"] == "service");
    CHECK(json::parse(c)["category"] == "other");  // the schema's default
}

TEST_CASE("exceptions and statuses come back through the C boundary", "[plugins]") {
    Host host(json::array({echo("retrying", "notifier", {{"path", "x"}, {"fail_with", "retry"}}),
                           echo("refusing", "notifier", {{"path", "x"}, {"fail_with", "error"}}),
                           echo("odd", "notifier", {{"path", "x"}, {"fail_with", "throw_int"}}),
                           echo("sorter", "classifier")}));
    auto r = host["retrying"].deliver("{}");
    CHECK(r.status == REDRESS_RETRY);
    CHECK(r.error == "receiver busy");
    r = host["refusing"].deliver("{}");
    CHECK(r.status == REDRESS_ERROR);
    CHECK(r.error == "receiver rejected the event");
    r = host["odd"].deliver("{}");
    CHECK(r.status == REDRESS_ERROR);
    CHECK(r.error == "unknown exception");
    std::string proposal;
    r = host["sorter"].classify(R"({"description": "boom"})", proposal);
    CHECK(r.status == REDRESS_ERROR);
    CHECK(r.error == "classifier exploded on purpose");
    // The instance keeps working after a failed call, and counts it.
    CHECK(host["sorter"].classify(R"({"description": "fine"})", proposal).ok());
    CHECK(host["sorter"].status()["failed_calls"] == 1);
    CHECK(host["sorter"].status()["last_error"] == "classifier exploded on purpose");
}

TEST_CASE("settings reach the plugin with defaults, and files land in its data directory",
          "[plugins]") {
    Host host(json::array({echo("audit", "notifier", {{"path", "events.txt"}})}));
    CHECK(json::parse(host["audit"].settings_text()) ==
          json({{"path", "events.txt"}, {"fail_with", "none"}, {"retries", 3}}));
    CHECK(host["audit"].data_directory() ==
          (host.dir.path() / "data" / "plugins" / "audit").string());
    CHECK(std::filesystem::is_directory(host["audit"].data_directory()));
}

TEST_CASE("a report instance produces its document and media type", "[plugins]") {
    Host host(json::array({echo("monthly", "report")}));
    std::string type, doc;
    REQUIRE(host["monthly"].generate(R"({"period": "2026-10"})", type, doc).ok());
    CHECK(type == "text/csv; charset=utf-8");
    CHECK(doc == "period,complaints\n2026-10,0\n");
}

TEST_CASE("a call of another kind is refused without reaching the plugin", "[plugins]") {
    Host host(json::array({echo("sorter", "classifier")}));
    auto r = host["sorter"].deliver("{}");
    CHECK(r.status == REDRESS_UNSUPPORTED);
    CHECK(r.error == "instance sorter is a classifier, which has no deliver call");
}

TEST_CASE("disabled instances are checked but not created", "[plugins]") {
    json off = echo("off", "classifier");
    off["enabled"] = false;
    Host host(json::array({off}));
    CHECK(host["off"].state() == InstanceState::disabled);
    std::string out;
    CHECK(host["off"].classify("{}", out).error == "instance off is not running (state: disabled)");
}

TEST_CASE("after shutdown instances are stopped and refuse calls", "[plugins]") {
    Host host(json::array({echo("sorter", "classifier")}));
    host.plugins->shutdown();
    CHECK(host["sorter"].state() == InstanceState::stopped);
    std::string out;
    auto r = host["sorter"].classify("{}", out);
    CHECK(r.status == REDRESS_ERROR);
    CHECK(r.error == "instance sorter is not running (state: stopped)");
}

TEST_CASE("the status document lists modules and instances", "[plugins]") {
    Host host(json::array({echo("sorter", "classifier")}));
    json status = host.plugins->status();
    CHECK(status["api_version"] == api_version(0, 0));
    bool found_echo = false, found_bad = false;
    for (const auto& m : status["modules"]) {
        if (m["id"] == "fixture_echo") {
            found_echo = true;
            CHECK(m["version"] == "2.3.4");
            CHECK(m["state"] == "loaded");
            CHECK(m["kinds"].size() == 5);
        }
        if (m["id"] == "fixture_wrong_major") {
            found_bad = true;
            CHECK(m["state"] == "failed");
            CHECK_THAT(m["reason"].get<std::string>(),
                       Catch::Contains("built for plugin API " + api_version(1, 0)));
        }
    }
    CHECK(found_echo);
    CHECK(found_bad);
    const json& i = status["instances"][0];
    CHECK(i["name"] == "sorter");
    CHECK(i["kind"] == "classifier");
    CHECK(i["module_version"] == "2.3.4");
    CHECK(i["api_version"] == api_version(0, 0));
    CHECK(i["state"] == "running");
}
