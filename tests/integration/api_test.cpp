// The REST API end to end: a real host on a random loopback port with a real
// SQLite file, driven over HTTP.
#include <catch2/catch.hpp>

#include <signal.h>

#include <map>
#include <set>
#include <thread>

#include "api_client.hpp"
#include "domain/actions.hpp"
#include "host_process.hpp"
#include "temp_dir.hpp"

using namespace redress::test;
using nlohmann::json;

namespace {

json intake() {
    return {
        {"channel", "phone"},      {"customer", {{"name", "张伟"}, {"phone", "+86 138 0013 8000"}}},
        {"subject", "洗衣机漏水"}, {"description", "第一次使用就漏水"},
        {"demand", "更换新机"},    {"product", "WM-X1"}};
}

json log_instance(const TempDir& dir) {
    return {{"name", "event-log"},
            {"plugin", "notifier_log"},
            {"kind", "notifier"},
            {"settings", {{"path", (dir / "events.jsonl").string()}}}};
}

std::string create_token(const std::filesystem::path& config, const std::string& name,
                         const std::string& role) {
    auto r = run_redress(
        {"token", "create", "--config", config.string(), "--name", name, "--role", role});
    REQUIRE(r.exit_code == 0);
    std::string token = r.out.substr(0, r.out.find('\n'));
    REQUIRE(token.rfind("rdr_", 0) == 0);
    return token;
}

}  // namespace

TEST_CASE("api: a complaint's whole life over HTTP", "[api]") {
    TempDir dir;
    HostProcess host(write_host_config(dir.path(), json::array({log_instance(dir)})));
    REQUIRE(host.wait_until_listening());
    ApiClient api(host.port(), host.admin_token());
    // The first start made an admin token, readable by its owner only, and said where.
    namespace fs = std::filesystem;
    CHECK(fs::status(dir / "data" / "admin-token").permissions() ==
          (fs::perms::owner_read | fs::perms::owner_write));
    CHECK_THAT(host.log(), Catch::Contains("created token \"admin\" (role admin) and wrote it to " +
                                           (dir / "data" / "admin-token").string()));

    auto created = api.post("/api/v1/complaints", intake());
    REQUIRE(created.status == 201);
    std::string number = created.body["number"];
    CHECK(created.body["state"] == "received");
    CHECK(created.body["received_by"] == "admin");  // the token's name
    std::string base = "/api/v1/complaints/" + number + "/";
    auto act = [&](const std::string& action, json params, const std::string& expect_state) {
        auto r = api.post(base + action, params);
        INFO(action << ": " << r.raw);
        REQUIRE(r.status == 200);
        CHECK(r.body["state"] == expect_state);
        return r.body;
    };
    act("acknowledge", json::object(), "acknowledged");
    act("classify", {{"category", "product.fault"}, {"priority", "urgent"}}, "acknowledged");
    act("determine-responsibility", {{"party", "product_quality"}, {"reasoning", "hose cracked"}},
        "investigating");
    act("propose",
        {{"type", "repair"}, {"description", "new hose"}, {"deadline", days_from_now(20)}},
        "proposed");
    act("reject", {{"reason", "wants a new machine"}}, "investigating");
    act("propose",
        {{"type", "replace"}, {"description", "new machine"}, {"deadline", days_from_now(25)}},
        "proposed");
    act("accept", {{"confirmed_by", "张伟"}}, "agreed");
    act("add-work-order",
        {{"kind", "shipment"},
         {"department", "logistics"},
         {"owner", "wang.fang"},
         {"due_at", days_from_now(22)}},
        "executing");
    act("update-work-order", {{"work_order", 1}, {"status", "done"}}, "executing");
    act("resolve", {{"summary", "machine replaced"}}, "resolved");
    act("close", {{"customer_confirmed", true}}, "closed");
    auto reopened = act("survey", {{"score", 2}, {"comment", "too slow"}}, "investigating");
    CHECK(reopened["handling_round"] == 2);
    CHECK(reopened["supervisor"] == "tech.supervisor");
    act("propose",
        {{"type", "compensation"}, {"description", "coupon"}, {"deadline", days_from_now(30)}},
        "proposed");
    act("accept", {{"confirmed_by", "张伟"}}, "agreed");
    act("resolve", {{"summary", "coupon sent"}}, "resolved");
    act("close", {{"customer_confirmed", true}}, "closed");
    act("survey", {{"score", 5}}, "closed");
    act("closure-report",
        {{"summary", "s"}, {"root_cause", "hose batch"}, {"actions", "a"}, {"prevention", "p"}},
        "closed");
    act("archive", json::object(), "archived");

    auto full = api.get("/api/v1/complaints/" + number);
    REQUIRE(full.status == 200);
    CHECK(full.body["timeline"].size() == 20);
    CHECK(full.body["timeline"][0]["action"] == "created");
    CHECK(full.body["proposals"].size() == 3);
    CHECK(full.body["surveys"].size() == 2);
    CHECK(full.body["allowed_actions"].empty());

    auto history = api.get("/api/v1/customers/phone:+8613800138000/complaints");
    REQUIRE(history.status == 200);
    CHECK(history.body["total"] == 1);
    auto feed = api.get("/api/v1/events?after=0&limit=5");
    REQUIRE(feed.status == 200);
    CHECK(feed.body["events"].size() == 5);
    auto rest = api.get("/api/v1/events?after=" + feed.body["next_cursor"].get<std::string>() +
                        "&limit=1000");
    CHECK(rest.body["events"].size() == 15);
    // A reader that only wants what happens from now on starts at the newest event.
    auto latest = api.get("/api/v1/events?after=latest");
    CHECK(latest.body["events"].empty());
    CHECK(latest.body["next_cursor"] == rest.body["next_cursor"]);
    CHECK(host.stop(SIGTERM) == 0);
}

TEST_CASE("api: filters, text search and cursor pagination", "[api]") {
    TempDir dir;
    HostProcess host(write_host_config(dir.path(), json::array()));
    REQUIRE(host.wait_until_listening());
    ApiClient api(host.port(), host.admin_token());
    std::vector<std::string> numbers;
    for (int i = 0; i < 7; ++i) {
        json in = intake();
        in["priority"] = i % 2 == 0 ? "urgent" : "low";
        in["channel"] = i < 3 ? "email" : "walk_in";
        in["description"] = i == 5 ? "The DRYER makes a noise" : "漏水 " + std::to_string(i);
        if (i == 6) in["category"] = "logistics.delay";
        numbers.push_back(api.post("/api/v1/complaints", in).body["number"]);
    }
    CHECK(api.get("/api/v1/complaints").body["total"] == 7);
    CHECK(api.get("/api/v1/complaints?priority=urgent").body["total"] == 4);
    CHECK(api.get("/api/v1/complaints?priority=urgent&channel=email").body["total"] == 2);
    CHECK(api.get("/api/v1/complaints?q=dryer").body["items"][0]["number"] == numbers[5]);
    CHECK(api.get("/api/v1/complaints?q=%E6%BC%8F%E6%B0%B4%203").body["items"][0]["number"] ==
          numbers[3]);  // "漏水 3"
    CHECK(api.get("/api/v1/complaints?q=WM-X1").body["total"] == 7);
    CHECK(api.get("/api/v1/complaints?category=logistics").body["total"] == 1);
    CHECK(api.get("/api/v1/complaints?team=logistics").body["total"] == 1);
    CHECK(api.get("/api/v1/complaints?status=received,acknowledged").body["total"] == 7);
    CHECK(api.get("/api/v1/complaints?breached=true").body["total"] == 0);
    CHECK(api.get("/api/v1/complaints?due_before=2099-01-01T00:00:00Z").body["total"] == 7);
    CHECK(api.get("/api/v1/complaints?created_after=2099-01-01T00:00:00Z").body["total"] == 0);

    std::vector<std::string> seen;
    std::string cursor;
    for (int page = 0; page < 5; ++page) {
        auto r =
            api.get("/api/v1/complaints?limit=3" + (cursor.empty() ? "" : "&cursor=" + cursor));
        REQUIRE(r.status == 200);
        CHECK(r.body["total"] == 7);
        for (const auto& item : r.body["items"]) seen.push_back(item["number"]);
        if (r.body["next_cursor"].is_null()) break;
        cursor = r.body["next_cursor"];
    }
    std::vector<std::string> newest_first(numbers.rbegin(), numbers.rend());
    CHECK(seen == newest_first);

    // A text query with a category, and its pages (the text index leads).
    const std::string leak = "q=%E6%BC%8F%E6%B0%B4";  // 漏水
    auto in_logistics = api.get("/api/v1/complaints?" + leak + "&category=logistics");
    CHECK(in_logistics.body["total"] == 1);
    CHECK(in_logistics.body["total_exact"] == true);
    CHECK(in_logistics.body["items"][0]["number"] == numbers[6]);
    std::vector<std::string> leaks;
    cursor.clear();
    for (int page = 0; page < 5; ++page) {
        auto r = api.get("/api/v1/complaints?" + leak + "&limit=2" +
                         (cursor.empty() ? "" : "&cursor=" + cursor));
        REQUIRE(r.status == 200);
        CHECK(r.body["total"] == 7);  // every subject says 洗衣机漏水
        for (const auto& item : r.body["items"]) leaks.push_back(item["number"]);
        if (r.body["next_cursor"].is_null()) break;
        cursor = r.body["next_cursor"];
    }
    CHECK(leaks == newest_first);

    auto bad = api.get("/api/v1/complaints?priority=soon");
    CHECK(bad.status == 400);
    CHECK(bad.body["detail"] == "query parameter \"priority\": unknown value \"soon\"");
    CHECK(api.get("/api/v1/complaints?sort=asc").body["detail"] ==
          "unknown query parameter \"sort\"");
    CHECK(api.get("/api/v1/complaints?limit=0").status == 400);
}

TEST_CASE("api: idempotent create, also across a restart", "[api]") {
    TempDir dir;
    auto config = write_host_config(dir.path(), json::array());
    std::string number, token;
    {
        HostProcess host(config);
        REQUIRE(host.wait_until_listening());
        token = host.admin_token();
        ApiClient api(host.port(), token);
        auto first = api.post("/api/v1/complaints", intake(), {{"Idempotency-Key", "call-7781"}});
        REQUIRE(first.status == 201);
        number = first.body["number"];
        auto retry = api.post("/api/v1/complaints", intake(), {{"Idempotency-Key", "call-7781"}});
        CHECK(retry.status == 201);
        CHECK(retry.body["number"] == number);
        CHECK(retry.headers.find("Idempotency-Replayed") != retry.headers.end());
        CHECK(host.stop(SIGTERM) == 0);
    }
    HostProcess again(config);
    REQUIRE(again.wait_until_listening());
    ApiClient api(again.port(), token);
    auto after_restart =
        api.post("/api/v1/complaints", intake(), {{"Idempotency-Key", "call-7781"}});
    CHECK(after_restart.status == 201);
    CHECK(after_restart.body["number"] == number);
    CHECK(api.get("/api/v1/complaints").body["total"] == 1);
    json other = intake();
    other["subject"] = "another problem";
    auto reused = api.post("/api/v1/complaints", other, {{"Idempotency-Key", "call-7781"}});
    CHECK(reused.status == 422);
    CHECK(reused.body["errors"][0]["field"] == "Idempotency-Key");
    CHECK(api.post("/api/v1/complaints", intake(), {{"Idempotency-Key", "call-7782"}})
              .body["number"] != number);
}

TEST_CASE("api: malformed input gets its documented error and the host keeps serving", "[api]") {
    TempDir dir;
    HostProcess host(write_host_config(dir.path(), json::array()));
    REQUIRE(host.wait_until_listening());
    ApiClient api(host.port(), host.admin_token());
    std::string number = api.post("/api/v1/complaints", intake()).body["number"];

    struct Case {
        std::string title, path, body, content_type;
        int status;
        std::string detail_contains;
    };
    std::string huge(2 * 1024 * 1024, 'x');
    std::vector<Case> cases = {
        {"broken JSON", "/api/v1/complaints", R"({"channel": "phone",)", "application/json", 400,
         "malformed JSON at byte 20"},
        {"not an object", "/api/v1/complaints", "[1, 2]", "application/json", 422, ""},
        {"wrong types", "/api/v1/complaints", R"({"channel": 7, "description": ["x"]})",
         "application/json", 422, ""},
        {"unknown fields", "/api/v1/complaints",
         R"({"channel": "phone", "description": "x", "colour": 1})", "application/json", 422, ""},
        {"invalid UTF-8", "/api/v1/complaints",
         "{\"channel\": \"phone\", \"description\": \"\xff\xfe\"}", "application/json", 400,
         "malformed JSON"},
        {"a number too large", "/api/v1/complaints/" + number + "/survey", R"({"score": 1e999})",
         "application/json", 400, "malformed JSON"},
        {"a score out of range", "/api/v1/complaints/" + number + "/note", R"({"text": 5})",
         "application/json", 422, ""},
        {"not JSON at all", "/api/v1/complaints", "channel=phone",
         "application/x-www-form-urlencoded", 415, "application/json"},
        {"a huge body", "/api/v1/complaints", "{\"description\": \"" + huge + "\"}",
         "application/json", 413, "larger than the configured limit"},
        {"an unknown action", "/api/v1/complaints/" + number + "/teleport", "{}",
         "application/json", 404, ""},
        {"an unknown complaint", "/api/v1/complaints/CP-20990101-000001/note", R"({"text": "x"})",
         "application/json", 404, "no complaint CP-20990101-000001"},
        {"an action in the wrong state", "/api/v1/complaints/" + number + "/close",
         R"({"customer_confirmed": true})", "application/json", 409, "in state received"},
    };
    for (const auto& c : cases) {
        INFO(c.title);
        auto r = api.call("POST", c.path, c.body, c.content_type);
        CHECK(r.status == c.status);
        auto type = r.headers.find("Content-Type");
        REQUIRE(type != r.headers.end());
        CHECK(type->second == "application/problem+json");
        CHECK(r.body["status"] == c.status);
        if (!c.detail_contains.empty())
            CHECK_THAT(r.body["detail"].get<std::string>(), Catch::Contains(c.detail_contains));
        if (c.status == 422) CHECK_FALSE(r.body["errors"].empty());
        CHECK(api.get("/healthz").status == 200);
    }
    // Query strings: a NUL byte or bytes that are not UTF-8 (王 in GBK) are refused.
    for (const char* query : {"q=leak%00", "q=%D5%CD", "%D5%CD=1"}) {
        INFO(query);
        auto r = api.get(std::string("/api/v1/complaints?") + query);
        CHECK(r.status == 400);
        CHECK_THAT(r.body["detail"].get<std::string>(), Catch::Contains("not UTF-8 text"));
    }
    auto wrong = api.call("POST", "/api/v1/complaints", R"({"channel": 7, "colour": 1})");
    std::set<std::string> fields;
    for (const auto& e : wrong.body["errors"]) fields.insert(e["field"]);
    CHECK(fields == std::set<std::string>{"/channel", "/colour", "/description"});
    auto conflict =
        api.post("/api/v1/complaints/" + number + "/close", {{"customer_confirmed", true}});
    CHECK(conflict.body["state"] == "received");
    CHECK(conflict.body["allowed_actions"] ==
          json(redress::domain::allowed_actions(redress::domain::State::received)));
    CHECK(api.get("/api/v1/complaints").body["total"] == 1);  // nothing half-written
}

TEST_CASE("api: every route against every role and no token", "[api][auth]") {
    TempDir dir;
    auto config = write_host_config(dir.path(), json::array({log_instance(dir)}));
    HostProcess host(config);
    REQUIRE(host.wait_until_listening());
    std::map<std::string, std::string> tokens = {{"admin", host.admin_token()}};
    for (std::string role : {"supervisor", "agent", "intake", "viewer"})
        tokens[role] = create_token(config, role + "-1", role);
    ApiClient admin(host.port(), tokens["admin"]);
    std::string number = admin.post("/api/v1/complaints", intake()).body["number"];

    // The documented permission table (docs/api.md).
    const std::map<std::string, std::set<std::string>> may = {
        {"read", {"admin", "supervisor", "agent", "viewer"}},
        {"create", {"admin", "supervisor", "agent", "intake"}},
        {"act", {"admin", "supervisor", "agent"}},
        {"act_supervisor", {"admin", "supervisor"}},
        {"metrics", {"admin", "supervisor", "viewer"}},
        {"admin", {"admin"}},
    };
    json doc = admin.get("/api/v1/openapi.json").body;
    REQUIRE(doc["paths"].size() > 25);
    int checked = 0;
    for (const auto& [path_template, operations] : doc["paths"].items()) {
        std::string path = path_template;
        for (auto [from, to] : std::map<std::string, std::string>{
                 {"{number}", number}, {"{id}", "phone:+8613800138000"}, {"{name}", "event-log"}}) {
            if (auto pos = path.find(from); pos != std::string::npos)
                path.replace(pos, from.size(), to);
        }
        for (const auto& [method, op] : operations.items()) {
            std::string m = method == "get" ? "GET" : "POST";
            bool open = op["security"].empty();
            std::string permission = op.value("x-permission", "");
            INFO(m << " " << path_template);
            auto anonymous = ApiClient(host.port(), "").call(m, path, "{}");
            CHECK(anonymous.status == (open ? 200 : 401));
            for (const auto& [role, token] : tokens) {
                INFO("role " << role);
                auto r = ApiClient(host.port(), token).call(m, path, "{}");
                bool allowed = open || permission.empty() || may.at(permission).count(role);
                if (allowed) {
                    CHECK(r.status != 401);
                    CHECK(r.status != 403);
                } else {
                    CHECK(r.status == 403);
                    CHECK_THAT(r.body["detail"].get<std::string>(),
                               Catch::Contains("role " + role));
                }
                ++checked;
            }
        }
    }
    CHECK(checked > 125);
    // Who each token is, and what its role may do: what a front-end offers.
    for (const auto& [role, token] : tokens) {
        INFO("role " << role);
        auto session = ApiClient(host.port(), token).get("/api/v1/session");
        REQUIRE(session.status == 200);
        CHECK(session.body["role"] == role);
        CHECK(session.body["name"] == (role == "admin" ? "admin" : role + "-1"));
        const json& actions = session.body["actions"];
        auto can = [&](const char* action) {
            return std::find(actions.begin(), actions.end(), action) != actions.end();
        };
        CHECK(can("resolve") == (role == "admin" || role == "supervisor" || role == "agent"));
        CHECK(can("reopen") == (role == "admin" || role == "supervisor"));
        const json& permissions = session.body["permissions"];
        CHECK((std::find(permissions.begin(), permissions.end(), "admin") != permissions.end()) ==
              (role == "admin"));
    }
    // A revoked token stops working (the host's cache lasts at most 5 seconds).
    REQUIRE(run_redress({"token", "revoke", "--config", config.string(), "--name", "viewer-1"})
                .exit_code == 0);
    int status = 0;
    for (int i = 0; i < 80 && status != 401; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        status = ApiClient(host.port(), tokens["viewer"]).get("/api/v1/complaints").status;
    }
    CHECK(status == 401);
    auto listed = run_redress({"token", "list", "--config", config.string()});
    CHECK_THAT(listed.out, Catch::Contains("viewer-1") && Catch::Contains("supervisor-1"));
    CHECK(listed.out.find("rdr_") == std::string::npos);  // tokens are never shown again
}

TEST_CASE("api: the OpenAPI document covers every route the host serves", "[api][openapi]") {
    TempDir dir;
    HostProcess host(write_host_config(dir.path(), json::array({log_instance(dir)})));
    REQUIRE(host.wait_until_listening());
    ApiClient api(host.port(), host.admin_token());
    json doc = api.get("/api/v1/openapi.json").body;
    CHECK(doc["openapi"] == "3.1.0");
    std::set<std::string> documented;
    for (const auto& [path, ops] : doc["paths"].items())
        for (const auto& [method, op] : ops.items()) {
            documented.insert(method + " " + path);
            CHECK_FALSE(op["summary"].get<std::string>().empty());
            CHECK(op["responses"].contains("422"));
            if (path.find('{') != std::string::npos) CHECK(op["parameters"].size() >= 1);
        }
    std::vector<std::string> required = {"post /api/v1/complaints",
                                         "get /api/v1/complaints",
                                         "get /api/v1/complaints/{number}",
                                         "get /api/v1/customers/{id}/complaints",
                                         "get /api/v1/events",
                                         "get /api/v1/openapi.json",
                                         "get /healthz",
                                         "get /metrics",
                                         "get /admin/plugins",
                                         "get /admin/config",
                                         "post /admin/instances/{name}/enable",
                                         "post /admin/instances/{name}/disable",
                                         "get /admin/outbox",
                                         "get /admin/cluster",
                                         "post /admin/instances/{name}/import",
                                         "post /admin/outbox/{id}/retry",
                                         "get /api/v1/reports/{instance}",
                                         "get /api/v1/reports",
                                         "get /api/v1/statistics",
                                         "get /api/v1/session"};
    for (const auto& action : redress::domain::action_names())
        required.push_back("post /api/v1/complaints/{number}/" + action);
    for (const auto& route : required) {
        INFO(route);
        CHECK(documented.count(route) == 1);
    }
    // Every documented route is really served: none answers "no route".
    for (const auto& route : documented) {
        std::string method = route.substr(0, route.find(' ')),
                    path = route.substr(route.find(' ') + 1);
        for (auto placeholder : {"{number}", "{id}", "{name}", "{instance}"})
            if (auto pos = path.find(placeholder); pos != std::string::npos)
                path.replace(pos, std::string(placeholder).size(), "x");
        auto r = api.call(method == "get" ? "GET" : "POST", path, "{}");
        INFO(route << " -> " << r.raw);
        CHECK(r.raw.find("no route for") == std::string::npos);
    }
    CHECK(documented.size() == required.size() + 1);  // + /api/v1/categories
}

TEST_CASE("api: instances switched at run time stay switched after a restart", "[api][admin]") {
    TempDir dir;
    auto config = write_host_config(dir.path(), json::array({log_instance(dir)}));
    std::string token;
    {
        HostProcess host(config);
        REQUIRE(host.wait_until_listening());
        token = host.admin_token();
        ApiClient api(host.port(), token);
        auto off = api.post("/admin/instances/event-log/disable", json::object());
        REQUIRE(off.status == 200);
        CHECK(off.body["state"] == "disabled");
        CHECK(api.post("/admin/instances/nobody/disable", json::object()).status == 404);
        CHECK(host.stop(SIGTERM) == 0);
    }
    HostProcess host(config);
    REQUIRE(host.wait_until_listening());
    ApiClient api(host.port(), token);
    json status = api.get("/admin/plugins").body;
    CHECK(status["instances"][0]["state"] == "disabled");
    auto on = api.post("/admin/instances/event-log/enable", json::object());
    REQUIRE(on.status == 200);
    CHECK(on.body["state"] == "running");
    CHECK(api.get("/admin/plugins").body["instances"][0]["state"] == "running");
}

TEST_CASE("api: /admin/config redacts secrets; /metrics counts", "[api][admin]") {
    TempDir dir;
    auto file = write_host_config(dir.path(), json::array({log_instance(dir)}));
    json cfg = json::parse(read_file(file));
    cfg["storage"] = {{"url", "sqlite:redress.db"}};
    cfg["instances"].push_back(
        {{"name", "vault-log"},
         {"plugin", "notifier_log"},
         {"kind", "notifier"},
         {"enabled", false},
         {"settings", {{"path", "postgresql://auditor:hunter2@db.internal/audit"}}}});
    write_file(file, cfg.dump());
    HostProcess host(file);
    REQUIRE(host.wait_until_listening());
    ApiClient api(host.port(), host.admin_token());
    auto shown = api.get("/admin/config");
    REQUIRE(shown.status == 200);
    CHECK(shown.raw.find("hunter2") == std::string::npos);
    CHECK(shown.body["instances"][1]["settings"]["path"] ==
          "postgresql://auditor:***@db.internal/audit");

    api.post("/api/v1/complaints", intake());
    api.post("/api/v1/complaints", json::object());
    auto metrics = api.call("GET", "/metrics", "");
    REQUIRE(metrics.status == 200);
    CHECK_THAT(
        metrics.raw,
        Catch::Contains("redress_http_requests_total{method=\"POST\",route=\"/api/v1/"
                        "complaints\",status=\"201\"} 1") &&
            Catch::Contains("redress_http_requests_total{method=\"POST\",route=\"/api/v1/"
                            "complaints\",status=\"422\"} 1") &&
            Catch::Contains("redress_http_request_duration_seconds_bucket{method=\"POST\",route=\"/"
                            "api/v1/complaints\",le=\"+Inf\"} 2") &&
            Catch::Contains("redress_complaints{state=\"received\",priority=\"normal\"} 1") &&
            Catch::Contains("# TYPE redress_outbox_backlog gauge") &&
            Catch::Contains("redress_outbox_dead 0") &&
            Catch::Contains("redress_sla_breached_complaints 0") &&
            Catch::Contains("redress_plugin_instance_up{instance=\"event-log\",kind=\"notifier\","
                            "state=\"running\"} 1"));
}

TEST_CASE("api: HTTPS when a certificate and key are configured", "[api][tls]") {
    TempDir dir;
    auto cert = dir / "cert.pem", key = dir / "key.pem";
    std::string command =
        "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 -keyout " +
        key.string() + " -out " + cert.string() + " >/dev/null 2>&1";
    REQUIRE(std::system(command.c_str()) == 0);
    auto file = write_host_config(dir.path(), json::array());
    json cfg = json::parse(read_file(file));
    cfg["http"]["tls"] = {{"certificate", cert.string()}, {"private_key", key.string()}};
    write_file(file, cfg.dump());
    HostProcess host(file);
    REQUIRE(host.wait_until_listening());
    CHECK_THAT(host.log(), Catch::Contains("listening on https://127.0.0.1:"));
    httplib::SSLClient tls("127.0.0.1", host.port());
    tls.enable_server_certificate_verification(false);
    tls.set_bearer_token_auth(host.admin_token().c_str());
    auto res = tls.Get("/api/v1/complaints");
    REQUIRE(res);
    CHECK(res->status == 200);
    httplib::Client plain("127.0.0.1", host.port());
    auto refused = plain.Get("/healthz");
    CHECK((!refused || refused->status != 200));

    cfg["http"]["tls"]["private_key"] = cert.string();  // not a key
    write_file(file, cfg.dump());
    auto broken = run_redress({"serve", "--config", file.string()});
    CHECK(broken.exit_code == 1);
    CHECK_THAT(broken.err, Catch::Contains("cannot use the TLS certificate"));
}

TEST_CASE("api: with every admin token revoked, the next start makes a new one", "[api][auth]") {
    TempDir dir;
    auto config = write_host_config(dir.path(), json::array());
    std::string first;
    {
        HostProcess host(config);
        REQUIRE(host.wait_until_listening());
        first = host.admin_token();
        CHECK(host.stop(SIGTERM) == 0);
    }
    REQUIRE(run_redress({"token", "revoke", "--config", config.string(), "--name", "admin"})
                .exit_code == 0);
    HostProcess host(config);
    REQUIRE(host.wait_until_listening());
    CHECK_THAT(host.log(), Catch::Contains("created token \"admin-2\" (role admin)"));
    CHECK(host.admin_token() != first);
    CHECK(ApiClient(host.port(), first).get("/admin/plugins").status == 401);
    CHECK(ApiClient(host.port(), host.admin_token()).get("/admin/plugins").status == 200);
}
