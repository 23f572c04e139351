// Containment of misbehaving plugins: an instance of each kind that throws,
// returns errors or stalls in its call. The host keeps answering, the instance
// is marked failed (after max_failures errors in a row) or timed out (a call
// longer than call_timeout_ms) with its reason, and the pipeline goes on without
// it; a required instance that fails stops the host cleanly instead.
#include <catch2/catch.hpp>

#include <signal.h>

#include <fstream>
#include <thread>

#include "api_client.hpp"
#include "domain_fixture.hpp"
#include "host_process.hpp"
#include "temp_dir.hpp"

using namespace redress::test;
using nlohmann::json;

namespace {

json faulty(const std::string& kind, const std::string& mode, bool required = false) {
    json i = {{"name", "faulty"},
              {"plugin", "fixture_faulty"},
              {"kind", kind},
              {"required", required},
              {"max_failures", 3},
              {"call_timeout_ms", 300},
              {"settings", {{"mode", mode}}}};
    if (kind == "frontend") i["mount"] = "/faulty";
    return i;
}

// Makes the host call the faulty instance once (or starts a call that stalls).
void provoke(ApiClient& api, const std::string& kind, int n) {
    if (kind == "classifier" || kind == "notifier" || kind == "escalation")
        api.post("/api/v1/complaints", numbered_intake(n));
    else if (kind == "report")
        api.get("/api/v1/reports/faulty?period=2026-10");
    else if (kind == "intake")
        api.call("POST", "/admin/instances/faulty/import", "line\n", "text/plain");
    else
        api.get("/faulty/page");
}

json instance_status(ApiClient& api) {
    json plugins = api.get("/admin/plugins").body;  // kept: the loop reads into it
    for (const auto& i : plugins["instances"])
        if (i["name"] == "faulty") return i;
    return nullptr;
}

std::size_t lines_in(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::size_t n = 0;
    for (std::string line; std::getline(in, line);) ++n;
    return n;
}

}  // namespace

TEST_CASE("plugin faults: each kind that throws, errs or stalls is contained", "[plugins][fault]") {
    auto kind = GENERATE(as<std::string>{}, "classifier", "notifier", "escalation", "report",
                         "intake", "frontend");
    auto mode = GENERATE(as<std::string>{}, "throw", "error", "stall");
    INFO(kind << " that " << mode << "s");
    TempDir dir;
    auto log = dir / "events.jsonl";
    json healthy = {{"name", "event-log"},
                    {"plugin", "notifier_log"},
                    {"kind", "notifier"},
                    {"subscribe", {"complaint.created"}},
                    {"settings", {{"path", log.string()}}}};
    HostProcess host(write_host_config(dir.path(), json::array({faulty(kind, mode), healthy})));
    REQUIRE(host.wait_until_listening());
    const std::string token = host.admin_token();

    // Provoke it from other threads (a stalled call holds its caller), then check the
    // host still answers everything else.
    struct Callers : std::vector<std::thread> {  // stalled callers wait for an answer forever
        ~Callers() {
            for (auto& c : *this) c.detach();
        }
    } callers;
    // Two callers: a stalled call keeps its HTTP thread (the test host has four)
    // until the host exits; the watchdog only stops new calls from entering.
    for (int n = 0; n < 2; ++n)
        // By value: a stalled caller outlives this test case (it is detached).
        callers.emplace_back([port = host.port(), token, kind, n] {
            ApiClient api(port, token);
            for (int k = 0; k < 3; ++k) provoke(api, kind, n * 3 + k);  // a stall holds the first
        });
    ApiClient api(host.port(), token);
    json status;
    for (int i = 0; i < 100; ++i) {
        status = instance_status(api);
        if (status["state"] == "failed") break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    INFO(status.dump());
    INFO(host.log());
    REQUIRE(status["state"] == "failed");
    CHECK(status["reason"].get<std::string>().find(mode == "stall" ? "timed out" : "in a row") !=
          std::string::npos);
    CHECK(api.get("/healthz").status == 200);

    // The pipeline goes on without it: new complaints are recorded and delivered.
    for (int n = 10; n < 13; ++n)
        REQUIRE(api.post("/api/v1/complaints", numbered_intake(n)).status == 201);
    std::size_t created = api.get("/api/v1/complaints?limit=1").body["total"].get<std::size_t>();
    for (int i = 0; i < 100 && lines_in(log) < created; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    CHECK(lines_in(log) == created);
    // A failed instance takes no more calls; its failure is not the caller's.
    if (kind == "report") CHECK(api.get("/api/v1/reports/faulty?period=2026-10").status != 200);

    // A stalled call is left behind; the host still stops in an orderly way.
    CHECK(host.stop(SIGTERM) == 0);
}

TEST_CASE("plugin faults: a required instance that fails stops the host cleanly",
          "[plugins][fault]") {
    auto mode = GENERATE(as<std::string>{}, "throw", "stall");
    INFO(mode);
    TempDir dir;
    HostProcess host(
        write_host_config(dir.path(), json::array({faulty("classifier", mode, true)})));
    REQUIRE(host.wait_until_listening());
    std::thread caller([port = host.port(), token = host.admin_token()] {
        ApiClient api(port, token);
        for (int n = 0; n < 3; ++n) provoke(api, "classifier", n);
    });
    CHECK(host.wait_exit(std::chrono::seconds(20)) == 1);
    CHECK(host.log().find("required instance faulty failed") != std::string::npos);
    caller.join();
}
