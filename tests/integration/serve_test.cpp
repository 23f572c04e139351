// `redress serve`, `plugins` and `check-config` as separate processes, talked to
// over HTTP on 127.0.0.1: what an admin and a monitoring system see.
#include <catch2/catch.hpp>

#include <httplib.h>
#include <signal.h>

#include <thread>

#include "failure_cases.hpp"
#include "host_process.hpp"
#include "temp_dir.hpp"

using nlohmann::json;
using namespace redress::test;

namespace {

json get_json(const HostProcess& host, const std::string& path, int expect_status = 200) {
    httplib::Client client("127.0.0.1", host.port());
    client.set_bearer_token_auth(host.admin_token().c_str());
    auto res = client.Get(path.c_str());
    REQUIRE(res);
    CHECK(res->status == expect_status);
    return json::parse(res->body);
}

json instance_named(const json& status, const std::string& name) {
    for (const auto& i : status["instances"])
        if (i["name"] == name) return i;
    FAIL("no instance " << name << " in " << status.dump());
    return {};
}

json log_instance(const std::filesystem::path& file) {
    return {{"name", "event-log"},
            {"plugin", "notifier_log"},
            {"kind", "notifier"},
            {"settings", {{"path", file.string()}}}};
}

}  // namespace

TEST_CASE("the default configuration serves /healthz and runs notifier_log", "[serve]") {
    TempDir dir;
    // The shipped file, with a free port and a private data directory.
    auto cfg =
        json::parse(read_file(REDRESS_TEST_SOURCE_DIR "/config/redress.json"), nullptr, true, true);
    cfg["http"]["port"] = 0;
    cfg["data_directory"] = (dir / "data").string();
    cfg["domain"].update(shipped_domain_files());
    write_file(dir / "redress.json", cfg.dump());
    HostProcess host(dir / "redress.json");
    REQUIRE(host.wait_until_listening());
    CHECK(get_json(host, "/healthz") == json({{"status", "ok"}}));
    json log = instance_named(get_json(host, "/admin/plugins"), "event-log");
    CHECK(log["state"] == "running");
    CHECK(log["plugin"] == "notifier_log");
    CHECK(log["module_version"] == "1.0.0");
    CHECK(host.stop(SIGTERM) == 0);
    CHECK_THAT(host.log(),
               Catch::Contains("SIGTERM: shutting down") && Catch::Contains("[host] stopped"));
}

TEST_CASE("a failing instance is reported with its reason while the host keeps serving",
          "[serve]") {
    auto cases = failure_cases();
    auto index = GENERATE_COPY(range(std::size_t{0}, cases.size()));
    const auto& c = cases[index];
    INFO(c.title);
    TempDir dir;
    auto config = write_host_config(dir.path(),
                                    json::array({c.instance, log_instance(dir / "events.jsonl")}));
    HostProcess host(config);
    REQUIRE(host.wait_until_listening());

    json status = get_json(host, "/admin/plugins");
    json victim = instance_named(status, "victim");
    CHECK(victim["state"] == "failed");
    for (const auto& words : c.reason_contains)
        CHECK_THAT(victim["reason"].get<std::string>(), Catch::Contains(words));
    CHECK(instance_named(status, "event-log")["state"] == "running");
    CHECK(get_json(host, "/healthz")["status"] == "ok");
    CHECK_THAT(host.log(), Catch::Contains("[victim] failed: "));

    // `redress plugins --json` reports the same reason (it creates instances but
    // does not start them, so a failing start shows only in the running host).
    auto listed = run_redress({"plugins", "--json", "--config", config.string()});
    REQUIRE(listed.exit_code == 0);
    json listed_victim = instance_named(json::parse(listed.out), "victim");
    if (c.title == "start returns an error")
        CHECK(listed_victim["state"] == "created");
    else
        CHECK(listed_victim["reason"] == victim["reason"]);

    // The host is still fully alive: it answers, and stops cleanly.
    CHECK(get_json(host, "/healthz")["status"] == "ok");
    CHECK(host.stop(SIGTERM) == 0);
}

TEST_CASE("a failing required instance makes serve exit non-zero with the reason", "[serve]") {
    TempDir dir;
    json victim = failure_cases()[8].instance;  // the throwing factory
    victim["required"] = true;
    HostProcess host(write_host_config(dir.path(), json::array({victim})));
    CHECK_FALSE(host.wait_until_listening());
    CHECK(host.wait_exit() == 1);
    CHECK_THAT(host.log(), Catch::Contains("required instance victim failed: ") &&
                               Catch::Contains("cannot reach the ticket database at 10.0.0.9"));
}

TEST_CASE("a required instance that works does not stop the host", "[serve]") {
    TempDir dir;
    json log = log_instance(dir / "events.jsonl");
    log["required"] = true;
    HostProcess host(write_host_config(dir.path(), json::array({log})));
    REQUIRE(host.wait_until_listening());
    CHECK(host.stop(SIGINT) == 0);
}

TEST_CASE("check-config names the file, the JSON path and the problem", "[check-config]") {
    TempDir dir;
    auto bad = write_host_config(
        dir.path(),
        json::array({{{"name", "victim"},
                      {"plugin", "fixture_echo"},
                      {"kind", "notifier"},
                      {"settings", {{"path", 42}}}},
                     {{"name", "victim"}, {"plugin", "fixture_echo"}, {"kind", "classifier"}}}));
    auto r = run_redress({"check-config", "--config", bad.string()});
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::Contains(bad.string() +
                                      ": /instances/0: instance \"victim\": invalid settings: "
                                      "/instances/0/settings/path: expected string, got integer"));
    CHECK_THAT(r.err,
               Catch::Contains(bad.string() +
                               ": /instances/1: instance \"victim\": duplicate instance name"));

    write_file(dir / "broken.json", "{\"instances\": [}");
    r = run_redress({"check-config", "--config", (dir / "broken.json").string()});
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::StartsWith((dir / "broken.json").string() + ":1:16: invalid JSON"));

    auto good = write_host_config(dir.path(), json::array({log_instance(dir / "e.jsonl")}));
    r = run_redress({"check-config", "--config", good.string()});
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Contains(": OK (1 instances"));
}

TEST_CASE("serve refuses an invalid configuration with exit code 2", "[serve]") {
    TempDir dir;
    write_file(dir / "c.json", R"({"http": {"port": 70000}})");
    auto r = run_redress({"serve", "--config", (dir / "c.json").string()});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("/http/port: must be <= 65535, got 70000"));
}

TEST_CASE("the command line: help, version, unknown commands", "[cli]") {
    auto r = run_redress({"--help"});
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Contains("check-config"));
    r = run_redress({"plugins", "--help"});
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::StartsWith("Usage: redress plugins"));
    r = run_redress({"version"});
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Contains("plugin API " + api_version(0, 0)));
    // The allocator the host runs on, with the settings compiled into it.
    if (REDRESS_TEST_JEMALLOC)
        CHECK_THAT(r.out, Catch::Contains("allocator: jemalloc 5.") &&
                              Catch::Contains("(narenas 1, tcache_max 1024, dirty_decay_ms 1000)"));
    else
        CHECK_THAT(r.out, Catch::Contains("allocator: system malloc"));
    r = run_redress({"frobnicate"});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("unknown command \"frobnicate\""));
    r = run_redress({"serve", "--json"});
    CHECK(r.exit_code == 2);
}

TEST_CASE("front-ends serve under their mount and their failures become problems",
          "[serve][frontend]") {
    TempDir dir;
    json instances = json::array(
        {{{"name", "echo"}, {"plugin", "fixture_echo"}, {"kind", "frontend"}},
         {{"name", "desk"},
          {"plugin", "fixture_echo"},
          {"kind", "frontend"},
          {"mount", "/support/desk"}},
         {{"name", "sneaky"},
          {"plugin", "fixture_echo"},
          {"kind", "frontend"},
          {"mount", "/admin/x"}},
         {{"name", "open"}, {"plugin", "fixture_echo"}, {"kind", "frontend"}, {"public", true}}});
    HostProcess host(write_host_config(dir.path(), instances));
    REQUIRE(host.wait_until_listening());
    httplib::Client client("127.0.0.1", host.port());
    client.set_bearer_token_auth(host.admin_token().c_str());

    auto res = client.Post("/echo/complaints?lang=zh",
                           {{"X-Test", "yes"}, {"Authorization", "Bearer " + host.admin_token()}},
                           "body text", "text/plain");
    REQUIRE(res);
    CHECK(res->status == 200);
    json body = json::parse(res->body);
    CHECK(body["instance"] == "echo");
    CHECK(body["subpath"] == "/complaints");
    CHECK(body["query"] == "lang=zh");
    CHECK(body["body"] == "body text");
    CHECK(body["x_test"] == "yes");

    res = client.Get("/support/desk");
    REQUIRE(res);
    CHECK(json::parse(res->body)["instance"] == "desk");

    res = client.Get("/echo/teapot");
    REQUIRE(res);
    CHECK(res->status == 418);

    res = client.Get("/echo/throw");
    REQUIRE(res);
    CHECK(res->status == 500);
    CHECK(res->get_header_value("Content-Type") == "application/problem+json");
    CHECK(json::parse(res->body)["detail"] ==
          "front-end echo failed: frontend exploded on purpose");

    // Without a token a front-end that is not public answers 401; a public one answers.
    httplib::Client anonymous("127.0.0.1", host.port());
    res = anonymous.Get("/echo/x");
    REQUIRE(res);
    CHECK(res->status == 401);
    res = anonymous.Get("/open/x");
    REQUIRE(res);
    CHECK(res->status == 200);

    res = client.Get("/echoes");  // not under /echo
    REQUIRE(res);
    CHECK(res->status == 404);

    json sneaky = instance_named(get_json(host, "/admin/plugins"), "sneaky");
    CHECK(sneaky["state"] == "failed");
    CHECK(sneaky["reason"] == "mount /admin/x overlaps /admin, which the host serves");
    CHECK(host.stop(SIGTERM) == 0);
}

TEST_CASE("SIGHUP makes notifier_log reopen its file", "[serve][notifier_log]") {
    TempDir dir;
    auto file = dir / "events.jsonl";
    HostProcess host(write_host_config(dir.path(), json::array({log_instance(file)})));
    REQUIRE(host.wait_until_listening());
    REQUIRE(std::filesystem::exists(file));
    std::filesystem::rename(file, dir / "events.jsonl.1");
    host.signal(SIGHUP);
    for (int i = 0; i < 500 && !std::filesystem::exists(file); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    CHECK(std::filesystem::exists(file));
    CHECK_THAT(host.log(), Catch::Contains("SIGHUP: reopening files"));
    CHECK(get_json(host, "/healthz")["status"] == "ok");
    CHECK(host.stop(SIGTERM) == 0);
}
