// intake_webform loaded from disk, driven by a real HTTP client: the public form
// in both languages, posted as a form, as multipart with a photo and as JSON;
// server-side validation, forgery protection, the rate limit and idempotency.
#include <catch2/catch.hpp>

#include <signal.h>

#include <regex>

#include "api_client.hpp"
#include "host_process.hpp"
#include "temp_dir.hpp"

using namespace redress::test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const std::string kPng = std::string("\x89PNG\r\n\x1a\n", 8) + std::string(64, 'p');

std::string token_in(const std::string& page) {
    std::smatch m;
    std::regex re("name=\"csrf\" value=\"([0-9a-f]{64})\"");
    return std::regex_search(page, m, re) ? m[1].str() : "";
}

std::string number_in(const std::string& page) {
    std::smatch m;
    std::regex re("CP-[0-9]{8}-[0-9]{6}");
    return std::regex_search(page, m, re) ? m[0].str() : "";
}

std::string urlencode(const std::string& s) {
    std::string out;
    char buf[4];
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
            out += static_cast<char>(c);
        } else {
            std::snprintf(buf, sizeof buf, "%%%02X", c);
            out += buf;
        }
    }
    return out;
}

std::string form_body(const std::vector<std::pair<std::string, std::string>>& fields) {
    std::string body;
    for (const auto& [k, v] : fields) body += (body.empty() ? "" : "&") + k + "=" + urlencode(v);
    return body;
}

struct Part {
    std::string name, filename, type, content;
};
std::string multipart(const std::vector<Part>& parts) {
    std::string body;
    for (const auto& p : parts) {
        body += "--XyZzY\r\nContent-Disposition: form-data; name=\"" + p.name + "\"";
        if (!p.filename.empty()) body += "; filename=\"" + p.filename + "\"";
        body += "\r\n";
        if (!p.type.empty()) body += "Content-Type: " + p.type + "\r\n";
        body += "\r\n" + p.content + "\r\n";
    }
    return body + "--XyZzY--\r\n";
}

}  // namespace

TEST_CASE("intake_webform: the public form records complaints and says when to expect an answer",
          "[intake][webform]") {
    TempDir dir;
    json instances =
        json::array({{{"name", "web"}, {"plugin", "intake_webform"}, {"kind", "intake"}},
                     {{"name", "tight"},
                      {"plugin", "intake_webform"},
                      {"kind", "intake"},
                      {"settings", {{"rate_limit_burst", 2}, {"rate_limit_per_minute", 1}}}}});
    HostProcess host(write_host_config(dir.path(), instances));
    REQUIRE(host.wait_until_listening());
    ApiClient admin(host.port(), host.admin_token());
    httplib::Client client("127.0.0.1", host.port());  // a customer: no token

    // The form, in the language the browser prefers or the one chosen.
    auto zh = client.Get("/intake/web/", {{"Accept-Language", "zh-CN,zh;q=0.9,en;q=0.8"}});
    REQUIRE(zh);
    CHECK(zh->status == 200);
    CHECK_THAT(zh->body, Catch::Contains("<html lang=\"zh\"") && Catch::Contains("问题描述"));
    auto en = client.Get("/intake/web/", {{"Accept-Language", "en-GB,en;q=0.9"}});
    CHECK_THAT(en->body, Catch::Contains("<html lang=\"en\"") && Catch::Contains("What happened"));
    auto switched = client.Get("/intake/web/?lang=en", {{"Accept-Language", "zh-CN"}});
    CHECK_THAT(switched->body, Catch::Contains("<html lang=\"en\""));
    CHECK(client.Get("/intake/web/nothing-here")->status == 404);

    std::string token = token_in(zh->body);
    REQUIRE(token.size() == 64);
    CHECK(zh->get_header_value("Set-Cookie").find("redress_form=" + token) == 0);
    httplib::Headers browser = {{"Cookie", "redress_form=" + token}, {"Accept-Language", "zh-CN"}};

    SECTION("a form post: validated on the server, recorded once, acknowledged (D5)") {
        auto bad = client.Post("/intake/web/", browser,
                               form_body({{"csrf", token},
                                          {"name", "<script>alert(1)</script>"},
                                          {"email", "not an address"},
                                          {"description", ""}}),
                               "application/x-www-form-urlencoded");
        REQUIRE(bad);
        CHECK(bad->status == 422);
        CHECK_THAT(bad->body, Catch::Contains("id=\"description-error\">此项必填。"));
        CHECK_THAT(bad->body, Catch::Contains("id=\"email-error\">电子邮箱格式不正确。"));
        CHECK_THAT(bad->body, Catch::Contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\""));
        CHECK(bad->body.find("<script>") == std::string::npos);
        CHECK(admin.get("/api/v1/complaints").body["total"] == 0);

        std::string good = form_body({{"csrf", token},
                                      {"name", "王芳"},
                                      {"phone", "139 0000 0001"},
                                      {"product", "BCD-215"},
                                      {"purchased_at", "2026-10-01"},
                                      {"description", "冰箱不制冷"},
                                      {"demand", "上门维修"}});
        auto ok = client.Post("/intake/web/", browser, good, "application/x-www-form-urlencoded");
        REQUIRE(ok);
        CHECK(ok->status == 201);
        std::string number = number_in(ok->body);
        REQUIRE(!number.empty());
        CHECK_THAT(ok->body, Catch::Contains("您的投诉已受理") && Catch::Contains("(UTC+08:00)"));
        json c = admin.get("/api/v1/complaints/" + number).body;
        CHECK(c["channel"] == "web_form");
        CHECK(c["customer"]["name"] == "王芳");
        CHECK(c["demand"] == "上门维修");
        CHECK(c["received_by"] == "web");
        CHECK(c["source"]["instance"] == "web");
        // The page shows the first-response deadline the complaint carries.
        std::string due = c["sla"]["milestones"]["first_response"]["due_at"];
        CHECK(!due.empty());

        // A reload of the answer posts the same form again: the same complaint.
        auto again =
            client.Post("/intake/web/", browser, good, "application/x-www-form-urlencoded");
        CHECK(again->status == 201);
        CHECK(number_in(again->body) == number);
        CHECK(admin.get("/api/v1/complaints").body["total"] == 1);
    }

    SECTION("cross-site posts are refused") {
        std::string body =
            form_body({{"csrf", token}, {"phone", "13900000001"}, {"description", "x"}});
        auto no_cookie = client.Post("/intake/web/", {{"Accept-Language", "en"}}, body,
                                     "application/x-www-form-urlencoded");
        CHECK(no_cookie->status == 403);
        CHECK_THAT(no_cookie->body, Catch::Contains("This form has expired"));
        httplib::Headers foreign = browser;
        foreign.emplace("Origin", "https://evil.example");
        CHECK(client.Post("/intake/web/", foreign, body, "application/x-www-form-urlencoded")
                  ->status == 403);
        CHECK(admin.get("/api/v1/complaints").body["total"] == 0);
    }

    SECTION("multipart with a photo: stored by content; a disguised file is refused") {
        auto disguised = client.Post("/intake/web/", browser,
                                     multipart({{"csrf", "", "", token},
                                                {"email", "", "", "tom@example.com"},
                                                {"description", "", "", "screen cracked"},
                                                {"attachments", "photo.jpg", "image/jpeg",
                                                 "#!/bin/sh\necho not a photo\n"}}),
                                     "multipart/form-data; boundary=XyZzY");
        REQUIRE(disguised);
        CHECK(disguised->status == 422);
        CHECK_THAT(disguised->body, Catch::Contains("id=\"attachments-error\""));

        auto ok = client.Post("/intake/web/", browser,
                              multipart({{"csrf", "", "", token},
                                         {"email", "", "", "tom@example.com"},
                                         {"description", "", "", "screen cracked"},
                                         {"attachments", "crack.png", "image/png", kPng},
                                         {"attachments", "", "application/octet-stream", ""}}),
                              "multipart/form-data; boundary=XyZzY");
        REQUIRE(ok);
        CHECK(ok->status == 201);
        json c = admin.get("/api/v1/complaints/" + number_in(ok->body)).body;
        REQUIRE(c["attachments"].size() == 1);
        CHECK(c["attachments"][0]["name"] == "crack.png");
        CHECK(c["attachments"][0]["media_type"] == "image/png");
        CHECK(c["attachments"][0]["size"] == kPng.size());
        std::string sha = c["attachments"][0]["sha256"];
        CHECK(fs::file_size(dir / "data" / "plugins" / "web" / "attachments" / sha.substr(0, 2) /
                            sha) == kPng.size());
    }

    SECTION("JSON posts, for kiosks and apps") {
        httplib::Headers app = {{"Accept-Language", "en"}, {"Idempotency-Key", "kiosk-7-0001"}};
        auto bad = client.Post("/intake/web/", app, json{{"description", "late parcel"}}.dump(),
                               "application/json");
        CHECK(bad->status == 422);
        CHECK(json::parse(bad->body)["errors"]["phone"] ==
              "Give a phone number or an e-mail address.");
        json good = {{"name", "Tom"}, {"email", "tom@example.com"}, {"description", "late parcel"}};
        auto ok = client.Post("/intake/web/", app, good.dump(), "application/json");
        REQUIRE(ok);
        CHECK(ok->status == 201);
        json answer = json::parse(ok->body);
        CHECK_THAT(answer["number"].get<std::string>(), Catch::Matches("CP-[0-9]{8}-[0-9]{6}"));
        CHECK(answer["first_response_due"].is_string());
        CHECK(json::parse(client.Post("/intake/web/", app, good.dump(), "application/json")
                              ->body)["number"] == answer["number"]);
    }

    SECTION("one address cannot flood the form") {
        std::string body = form_body({{"csrf", token}, {"description", ""}});
        for (int i = 0; i < 2; ++i)
            CHECK(client.Post("/intake/tight/", browser, body, "application/x-www-form-urlencoded")
                      ->status == 422);  // refused (no description), but counted
        auto limited =
            client.Post("/intake/tight/", browser, body, "application/x-www-form-urlencoded");
        CHECK(limited->status == 429);
        CHECK(std::stoi(limited->get_header_value("Retry-After")) > 0);
        CHECK(client.Get("/intake/tight/")->status == 200);  // reading the form is not limited
    }
    CHECK(host.stop(SIGTERM) == 0);
}
