// Classifiers on intake: classifier_keywords loaded from disk proposes category,
// priority and tags; the host applies them when confident, records every
// proposal, re-routes the owner and links repeat complaints.
#include <catch2/catch.hpp>

#include <signal.h>

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

    json parcel =
        post({{"channel", "email"},
              {"customer", {{"name", "Tom"}, {"email", "tom@example.com"}}},
              {"description", "My parcel never arrived and the courier does not answer"}});
    CHECK(parcel["category"] == "logistics.delay");
    CHECK(parcel["priority"] == "normal");
    CHECK(parcel["team"] == "logistics");

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
