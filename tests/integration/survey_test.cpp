// frontend_survey loaded from disk behind a real host: the single-use link
// issued at closure (D17), the page in both languages, a good score that leaves
// the complaint closed, and a poor one that reopens it for second handling
// under a supervisor (D18).
#include <catch2/catch.hpp>

#include <signal.h>

#include "api_client.hpp"
#include "host_process.hpp"
#include "temp_dir.hpp"

using namespace redress::test;
using nlohmann::json;

namespace {

// Takes a new complaint through to closure; returns it closed.
json closed_complaint(ApiClient& api) {
    std::string n =
        api.post("/api/v1/complaints", {{"channel", "phone"},
                                        {"customer", {{"name", "张伟"}, {"phone", "13800138000"}}},
                                        {"description", "洗衣机漏水"}})
            .body["number"];
    auto act = [&](const std::string& action, json params) {
        auto r = api.act(n, action, params);
        INFO(action << " " << r.raw);
        REQUIRE(r.status == 200);
        return r.body;
    };
    act("acknowledge", json::object());
    act("propose",
        {{"type", "replace"}, {"description", "a new machine"}, {"deadline", days_from_now(20)}});
    act("accept", {{"confirmed_by", "张伟"}});
    act("resolve", {{"summary", "machine replaced"}});
    return act("close", {{"customer_confirmed", true}});
}

std::string form_post(int score, const std::string& resolved, const std::string& comment) {
    return "score=" + std::to_string(score) + "&resolved=" + resolved + "&comment=" + comment;
}

}  // namespace

TEST_CASE("survey: the link from closure records one answer; a poor score reopens (D17, D18)",
          "[survey]") {
    TempDir dir;
    json instances = json::array({{{"name", "survey"},
                                   {"plugin", "frontend_survey"},
                                   {"kind", "frontend"},
                                   {"mount", "/survey"},
                                   {"public", true}}});
    HostProcess host(write_host_config(dir.path(), instances));
    REQUIRE(host.wait_until_listening());
    ApiClient api(host.port(), host.admin_token());
    httplib::Client customer("127.0.0.1", host.port());  // no token

    json happy = closed_complaint(api);
    REQUIRE(happy["state"] == "closed");
    std::string token = happy["survey_invitation"]["token"];
    CHECK(token.rfind(happy["number"].get<std::string>() + ".", 0) == 0);

    auto zh = customer.Get(("/survey/" + token).c_str(), {{"Accept-Language", "zh-CN"}});
    REQUIRE(zh);
    CHECK(zh->status == 200);
    CHECK_THAT(zh->body, Catch::Contains("满意度调查") && Catch::Contains("name=\"score\""));
    auto en = customer.Get(("/survey/" + token + "?lang=en").c_str());
    CHECK_THAT(en->body, Catch::Contains("How did we do?"));

    auto missing = customer.Post(("/survey/" + token).c_str(), "resolved=yes",
                                 "application/x-www-form-urlencoded");
    CHECK(missing->status == 422);
    auto good = customer.Post(("/survey/" + token + "?lang=en").c_str(),
                              form_post(5, "yes", "quick%20and%20kind"),
                              "application/x-www-form-urlencoded");
    REQUIRE(good);
    CHECK(good->status == 201);
    CHECK_THAT(good->body, Catch::Contains("Thank you for your feedback!"));
    json after = api.get("/api/v1/complaints/" + happy["number"].get<std::string>()).body;
    CHECK(after["state"] == "closed");
    CHECK(after["surveys"][0]["score"] == 5);
    CHECK(after["surveys"][0]["comment"] == "quick and kind");
    CHECK(!after["survey_invitation"]["used_at"].is_null());

    // The link works once.
    auto again = customer.Post(("/survey/" + token + "?lang=en").c_str(), form_post(1, "no", ""),
                               "application/x-www-form-urlencoded");
    CHECK(again->status == 409);
    CHECK_THAT(again->body, Catch::Contains("answered already"));
    CHECK(api.get("/api/v1/complaints/" + happy["number"].get<std::string>())
              .body["surveys"]
              .size() == 1);
    // A guessed link is refused.
    std::string forged = happy["number"].get<std::string>() + ".0123456789abcdef";
    CHECK(customer
              .Post(("/survey/" + forged).c_str(), form_post(1, "no", ""),
                    "application/x-www-form-urlencoded")
              ->status == 404);
    CHECK(customer.Get("/survey/not-a-token")->status == 404);

    // A poor score reopens the complaint as second handling under a supervisor.
    json unhappy = closed_complaint(api);
    std::string token2 = unhappy["survey_invitation"]["token"];
    auto poor =
        customer.Post(("/survey/" + token2).c_str(), form_post(2, "no", "%E8%BF%98%E6%BC%8F"),
                      "application/x-www-form-urlencoded");
    REQUIRE(poor);
    CHECK(poor->status == 201);
    CHECK_THAT(poor->body, Catch::Contains("主管将重新处理"));
    json reopened = api.get("/api/v1/complaints/" + unhappy["number"].get<std::string>()).body;
    CHECK(reopened["state"] == "investigating");
    CHECK(reopened["handling_round"] == 2);
    CHECK(reopened["supervisor"] == "cs.supervisor");
    CHECK(reopened["surveys"][0]["comment"] == "还漏");
    CHECK(host.stop(SIGTERM) == 0);
}
