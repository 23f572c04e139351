// Committed events reach subscribed notifiers through the durable outbox:
// delivered in order, retried with backoff, dead-lettered, and never lost
// across a restart.
#include <catch2/catch.hpp>

#include <signal.h>

#include <sstream>
#include <thread>

#include "api_client.hpp"
#include "host_process.hpp"
#include "temp_dir.hpp"

using namespace redress::test;
using nlohmann::json;

namespace {

json intake() {
    return {{"channel", "email"},
            {"customer", {{"name", "Li Na"}, {"email", "li.na@example.com"}}},
            {"description", "the parcel never arrived"}};
}

// Waits until `file` has at least `n` lines (or 10 s pass).
std::vector<json> wait_for_lines(const std::filesystem::path& file, std::size_t n) {
    for (int i = 0; i < 1000; ++i) {
        auto lines = read_json_lines(file);
        if (lines.size() >= n) return lines;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return read_json_lines(file);
}

json echo_notifier(const std::filesystem::path& file, const std::string& fail_with) {
    return {{"name", "receiver"},
            {"plugin", "fixture_echo"},
            {"kind", "notifier"},
            {"settings", {{"path", file.string()}, {"fail_with", fail_with}}}};
}

std::filesystem::path config_with(const TempDir& dir, const json& instances, json outbox) {
    auto file = write_host_config(dir.path(), instances);
    json cfg = json::parse(read_file(file));
    cfg["outbox"] = std::move(outbox);
    write_file(file, cfg.dump());
    return file;
}

}  // namespace

TEST_CASE("outbox: notifier_log receives each committed event of a running host, in order",
          "[outbox]") {
    TempDir dir;
    auto log = dir / "events.jsonl";
    json instances = json::array({{{"name", "event-log"},
                                   {"plugin", "notifier_log"},
                                   {"kind", "notifier"},
                                   {"subscribe", {"complaint.created", "complaint.acknowledge"}},
                                   {"settings", {{"path", log.string()}}}}});
    HostProcess host(write_host_config(dir.path(), instances));
    REQUIRE(host.wait_until_listening());
    ApiClient api(host.port(), host.admin_token());
    std::string number = api.post("/api/v1/complaints", intake()).body["number"];
    api.post("/api/v1/complaints/" + number + "/note", {{"text", "not subscribed"}});
    api.post("/api/v1/complaints/" + number + "/acknowledge", json::object());
    auto lines = wait_for_lines(log, 2);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0]["type"] == "complaint.created");
    CHECK(lines[0]["number"] == number);
    CHECK(lines[0]["actor"] == "admin");
    CHECK(lines[1]["type"] == "complaint.acknowledge");
    CHECK(lines[1]["changes"]["state"]["after"] == "acknowledged");
    CHECK(lines[1]["complaint"]["customer"]["email"] == "li.na@example.com");
    CHECK(lines[0]["id"].get<long long>() < lines[1]["id"].get<long long>());
    CHECK(host.stop(SIGTERM) == 0);
}

TEST_CASE("outbox: a subscription's conditions choose the complaints whose events it is handed",
          "[outbox][subscriptions]") {
    TempDir dir;
    auto log = dir / "events.jsonl";
    json subscribe = json::array(
        {{{"event", "complaint.created"}, {"where", {{"priority", {"urgent"}}}}},
         {{"event", "*"}, {"where", {{"category", {"logistics"}}, {"state", {"received"}}}}}});
    json instances = json::array({{{"name", "event-log"},
                                   {"plugin", "notifier_log"},
                                   {"kind", "notifier"},
                                   {"subscribe", subscribe},
                                   {"settings", {{"path", log.string()}}}}});
    HostProcess host(write_host_config(dir.path(), instances));
    REQUIRE(host.wait_until_listening());
    ApiClient api(host.port(), host.admin_token());
    auto create = [&](json fields) {
        json body = intake();
        body.update(fields);
        auto r = api.post("/api/v1/complaints", body);
        REQUIRE(r.status == 201);
        return r.body["number"].get<std::string>();
    };
    std::string normal = create({{"priority", "normal"}, {"category", "product.fault"}});
    std::string urgent = create({{"priority", "urgent"}, {"category", "product.fault"}});
    std::string parcel = create({{"priority", "low"}, {"category", "logistics.delay"}});
    api.post("/api/v1/complaints/" + normal + "/note", {{"text", "neither"}});
    api.post("/api/v1/complaints/" + parcel + "/note", {{"text", "logistics, received"}});
    api.post("/api/v1/complaints/" + parcel + "/acknowledge",
             json::object());  // no longer received
    api.post("/api/v1/complaints/" + urgent + "/note", {{"text", "not created"}});
    // Deliveries keep each subscriber's order: once a later event is in, an
    // earlier one it was handed would be too. The last line is a marker.
    std::string marker = create({{"priority", "urgent"}, {"category", "other"}});
    auto lines = wait_for_lines(log, 4);
    std::vector<std::string> got;
    for (const auto& line : lines)
        got.push_back(line["number"].get<std::string>() + " " + line["type"].get<std::string>());
    CHECK(got == std::vector<std::string>{urgent + " complaint.created",
                                          parcel + " complaint.created", parcel + " complaint.note",
                                          marker + " complaint.created"});
    CHECK(host.stop(SIGTERM) == 0);
}

TEST_CASE("outbox: retries with backoff, then dead-letters", "[outbox]") {
    TempDir dir;
    auto config = config_with(dir, json::array({echo_notifier(dir / "received.txt", "retry")}),
                              {{"max_attempts", 3}, {"first_retry_ms", 20}, {"poll_ms", 10}});
    HostProcess host(config);
    REQUIRE(host.wait_until_listening());
    ApiClient api(host.port(), host.admin_token());
    api.post("/api/v1/complaints", intake());
    std::string metrics;
    for (int i = 0; i < 500; ++i) {
        metrics = api.get("/metrics").raw;
        if (metrics.find("redress_outbox_dead 1") != std::string::npos) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    CHECK_THAT(metrics, Catch::Contains("redress_outbox_dead 1") &&
                            Catch::Contains("redress_outbox_backlog 0"));
    CHECK_THAT(host.log(), Catch::Contains("failed (attempt 1), retrying: receiver busy") &&
                               Catch::Contains("failed (attempt 2), retrying: receiver busy") &&
                               Catch::Contains("dead-lettered after 3 attempt(s): receiver busy"));
    // Visible and retryable through the admin API.
    auto dead = api.get("/admin/outbox?state=dead");
    REQUIRE(dead.body["deliveries"].size() == 1);
    const json& row = dead.body["deliveries"][0];
    CHECK(row["subscriber"] == "receiver");
    CHECK(row["attempts"] == 3);
    CHECK(row["last_error"] == "receiver busy");
    std::string id = std::to_string(row["id"].get<long long>());
    CHECK(api.post("/admin/outbox/" + id + "/retry", json::object()).body["state"] == "pending");
    CHECK(api.post("/admin/outbox/999999/retry", json::object()).status == 404);
    for (int i = 0; i < 500 && api.get("/admin/outbox?state=dead").body["deliveries"].empty(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    CHECK(api.get("/admin/outbox?state=dead").body["deliveries"][0]["attempts"] ==
          3);  // tried afresh
}

TEST_CASE("outbox: what was pending at shutdown is delivered after a restart, once, in order",
          "[outbox]") {
    TempDir dir;
    auto received = dir / "received.txt";
    // The first host's receiver is down: the first row fails and waits 1.5 s; the others wait
    // behind it.
    auto config = config_with(dir, json::array({echo_notifier(received, "retry")}),
                              {{"max_attempts", 50}, {"first_retry_ms", 1500}, {"poll_ms", 10}});
    std::vector<std::string> numbers;
    std::string token;
    {
        HostProcess host(config);
        REQUIRE(host.wait_until_listening());
        token = host.admin_token();
        ApiClient api(host.port(), token);
        for (int i = 0; i < 3; ++i)
            numbers.push_back(api.post("/api/v1/complaints", intake()).body["number"]);
        CHECK(host.stop(SIGTERM) == 0);
    }
    CHECK(read_json_lines(received).empty());
    // The receiver is back; a new host delivers everything that was pending, once each, in order.
    config_with(dir, json::array({echo_notifier(received, "none")}), {{"poll_ms", 10}});
    HostProcess host(config);
    REQUIRE(host.wait_until_listening());
    auto lines = wait_for_lines(received, 3);
    REQUIRE(lines.size() == 3);
    for (int i = 0; i < 3; ++i)
        CHECK(lines[static_cast<std::size_t>(i)]["number"] == numbers[static_cast<std::size_t>(i)]);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    CHECK(read_json_lines(received).size() == 3);  // nothing sent twice
    CHECK(host.stop(SIGTERM) == 0);
}
