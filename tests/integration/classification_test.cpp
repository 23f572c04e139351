// Classifiers on intake: classifier_keywords loaded from disk proposes category,
// priority and tags; the host applies them when confident, records every
// proposal, re-routes the owner and links repeat complaints.
#include <catch2/catch.hpp>

#include <signal.h>

#include <redress/redress.h>

#include "api_client.hpp"
#include "domain/classification.hpp"
#include "domain_fixture.hpp"
#include "host_process.hpp"
#include "temp_dir.hpp"

using namespace redress::test;
using nlohmann::json;

TEST_CASE("classification: later proposals fill only what is still unset, above the threshold",
          "[classify]") {
    const auto& tree = shipped_domain().categories;
    std::vector<std::pair<std::string, json>> proposals = {
        {"unsure", {{"category", "service.attitude"}, {"priority", "low"}, {"confidence", 0.2}}},
        {"first", {{"category", "product.fault"}, {"confidence", 0.9}, {"tags", {"hardware"}}}},
        {"second", {{"category", "logistics.delay"}, {"priority", "urgent"}, {"confidence", 0.8}}},
        {"confused",
         {{"category", "no.such.category"}, {"priority", "whenever"}, {"confidence", 1.0}}}};
    auto k = redress::domain::combine_proposals(proposals, tree, 0.5, false, false);
    CHECK(k.category == "product.fault");
    CHECK(k.priority == "urgent");
    CHECK(k.tags == std::vector<std::string>{"hardware"});
    CHECK(k.record["proposals"].size() == 4);
    CHECK(k.record["proposals"][0]["applied"].empty());
    CHECK(k.record["proposals"][2]["applied"] == json({"priority"}));
    // What the intake request gave is never overridden.
    auto given = redress::domain::combine_proposals(proposals, tree, 0.5, true, true);
    CHECK_FALSE(given.category.has_value());
    CHECK_FALSE(given.priority.has_value());
}

TEST_CASE("classification: keyword rules classify new complaints in Chinese and English",
          "[classify]") {
    TempDir dir;
    json instances = json::array(
        {{{"name", "keywords"}, {"plugin", "classifier_keywords"}, {"kind", "classifier"}}});
    HostProcess host(write_host_config(dir.path(), instances));
    REQUIRE(host.wait_until_listening());
    ApiClient api(host.port(), host.admin_token());
    auto post = [&](json body) {
        auto r = api.post("/api/v1/complaints", body);
        REQUIRE(r.status == 201);
        return r.body;
    };
    json smoke = post({{"channel", "phone"},
                       {"customer", {{"name", "王芳"}, {"phone", "13900000001"}}},
                       {"description", "冰箱后面冒烟了，还有焦味"}});
    CHECK(smoke["category"] == "product.safety");
    CHECK(smoke["priority"] == "urgent");  // D8: safety words are urgent
    CHECK(smoke["team"] == "quality");     // and the matrix routes them to quality
    CHECK(smoke["tags"] == json({"safety"}));
    CHECK(smoke["classification"]["proposals"][0]["instance"] == "keywords");
    CHECK(smoke["classification"]["proposals"][0]["proposal"]["rules"] == json({"safety"}));
    // The deadlines are those of the priority the classifier proposed (D7, D8).
    CHECK(smoke["sla"]["milestones"]["first_response"]["target"] == "2h");
    CHECK(smoke["sla"]["base"] == smoke["received_at"]);

    json parcel =
        post({{"channel", "email"},
              {"customer", {{"name", "Tom"}, {"email", "tom@example.com"}}},
              {"description", "My parcel never arrived and the courier does not answer"}});
    CHECK(parcel["category"] == "logistics.delay");
    CHECK(parcel["priority"] == "normal");
    CHECK(parcel["team"] == "logistics");
    CHECK(parcel["sla"]["milestones"]["first_response"]["target"] == "24h");

    json vague = post({{"channel", "web_form"}, {"description", "hello"}});
    CHECK(vague["category"] == "");  // nothing fired: left for staff
    CHECK(vague["classification"]["proposals"][0]["proposal"]["confidence"] == 0);

    json chosen = post({{"channel", "phone"},
                        {"description", "冒烟"},
                        {"category", "other"},
                        {"priority", "low"}});
    CHECK(chosen["category"] == "other");  // the request's choice stands
    CHECK(chosen["priority"] == "low");

    // The same customer, the same category, within the window: a repeat (D14).
    json again = post({{"channel", "phone"},
                       {"customer", {{"name", "王芳"}, {"phone", "139 0000 0001"}}},
                       {"description", "又冒烟了"}});
    CHECK(again["repeat_of"] == smoke["number"]);
    CHECK(again["tags"] == json({"safety", "repeat"}));
    CHECK(host.stop(SIGTERM) == 0);
}

TEST_CASE("classification: a failing classifier is skipped, the complaint is still recorded",
          "[classify]") {
    TempDir dir;
    json instances = json::array({{{"name", "echo"},
                                   {"plugin", "fixture_echo"},
                                   {"kind", "classifier"},
                                   {"settings", {{"category", "service.attitude"}}}}});
    HostProcess host(write_host_config(dir.path(), instances));
    REQUIRE(host.wait_until_listening());
    ApiClient api(host.port(), host.admin_token());
    auto boom = api.post("/api/v1/complaints", {{"channel", "phone"}, {"description", "boom"}});
    CHECK(boom.status == 201);
    CHECK(boom.body["category"] == "");
    CHECK_THAT(host.log(),
               Catch::Contains("[echo] classification failed: classifier exploded on purpose"));
    auto fine = api.post("/api/v1/complaints",
                         {{"channel", "phone"}, {"description", "the agent was rude"}});
    CHECK(fine.body["category"] ==
          "service.attitude");  // confidence 0.5 reaches the default threshold
}

TEST_CASE("intake plugins record complaints through the host: redress import, idempotent by source",
          "[intake]") {
    TempDir dir;
    json instances = json::array(
        {{{"name", "batch"}, {"plugin", "fixture_echo"}, {"kind", "intake"}},
         {{"name", "keywords"}, {"plugin", "classifier_keywords"}, {"kind", "classifier"}}});
    auto config = write_host_config(dir.path(), instances);
    write_file(dir / "calls.jsonl",
               "{\"channel\": \"phone\", \"description\": \"快递还没到\", \"customer\": {\"name\": "
               "\"李雷\"}}\n"
               "{\"channel\": \"fax\"}\n"
               "\n"
               "{\"channel\": \"walk_in\", \"description\": \"the heater gives off smoke\"}\n");
    auto first = run_redress({"import", "--config", config.string(), "--instance", "batch",
                              (dir / "calls.jsonl").string()});
    REQUIRE(first.exit_code == 0);
    json report = json::parse(first.out);
    REQUIRE(report["created"].size() == 2);
    REQUIRE(report["errors"].size() == 1);
    CHECK(report["errors"][0]["line"] == 2);
    CHECK(report["errors"][0]["status"] == REDRESS_INVALID);
    json explained = json::parse(report["errors"][0]["error"].get<std::string>());
    CHECK(explained["errors"][0]["field"] == "/channel");

    // The same file again: the same complaints, none twice.
    auto second = run_redress({"import", "--config", config.string(), "--instance", "batch",
                               (dir / "calls.jsonl").string()});
    REQUIRE(second.exit_code == 0);
    CHECK(json::parse(second.out)["created"] == report["created"]);

    HostProcess host(config);
    REQUIRE(host.wait_until_listening());
    ApiClient api(host.port(), host.admin_token());
    auto list = api.get("/api/v1/complaints");
    CHECK(list.body["total"] == 2);
    auto smoke = api.get("/api/v1/complaints/" + report["created"][1].get<std::string>());
    CHECK(smoke.body["received_by"] == "batch");  // the instance is the actor
    CHECK(smoke.body["category"] ==
          "product.safety");  // classifiers ran on imported complaints too
    CHECK(smoke.body["timeline"][0]["actor"] == "batch");

    // The same batch through the admin upload route of the running host: nothing new.
    auto uploaded = api.call("POST", "/admin/instances/batch/import",
                             read_file(dir / "calls.jsonl"), "text/plain");
    REQUIRE(uploaded.status == 200);
    CHECK(uploaded.body["created"] == report["created"]);
    CHECK(api.call("POST", "/admin/instances/keywords/import", "x", "text/plain").status == 409);
    CHECK(api.get("/api/v1/complaints").body["total"] == 2);

    auto wrong = run_redress({"import", "--config", config.string(), "--instance", "keywords",
                              (dir / "calls.jsonl").string()});
    CHECK(wrong.exit_code == 1);
    CHECK_THAT(wrong.err, Catch::Contains("no intake instance named \"keywords\""));
}
