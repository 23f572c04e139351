// frontend_console loaded from disk: the page with its mount and settings
// filled in, its files with media types and ETags, the security headers, and
// clear answers for what it does not have.
#include <catch2/catch.hpp>

#include <signal.h>

#include "api_client.hpp"
#include "host_process.hpp"
#include "temp_dir.hpp"

using namespace redress::test;
using nlohmann::json;

TEST_CASE("frontend_console: the page, its files, caching and headers", "[console]") {
    TempDir dir;
    json instances = json::array({{{"name", "desk"},
                                   {"plugin", "frontend_console"},
                                   {"kind", "frontend"},
                                   {"mount", "/desk"},
                                   {"public", true},
                                   {"settings", {{"title", "Acme <Care>"}, {"poll_ms", 2500}}}}});
    HostProcess host(write_host_config(dir.path(), instances));
    REQUIRE(host.wait_until_listening());
    ApiClient anyone(host.port(), "");

    auto page = anyone.get("/desk/");
    REQUIRE(page.status == 200);
    CHECK(page.headers.find("Content-Type")->second == "text/html; charset=utf-8");
    CHECK_THAT(page.raw, Catch::Contains("<base href=\"/desk/\">") &&
                             Catch::Contains("<title>Acme &lt;Care&gt;</title>") &&
                             Catch::Contains("content=\"2500\""));
    CHECK_THAT(page.headers.find("Content-Security-Policy")->second,
               Catch::Contains("script-src 'self';"));
    CHECK(page.headers.find("X-Frame-Options")->second == "DENY");
    CHECK(anyone.get("/desk").status == 200);  // without the slash: the base still points right

    auto script = anyone.get("/desk/js/main.js");
    REQUIRE(script.status == 200);
    CHECK(script.headers.find("Content-Type")->second == "text/javascript; charset=utf-8");
    CHECK_THAT(script.raw, Catch::Contains("import * as api from './api.js';"));
    std::string etag = script.headers.find("ETag")->second;
    auto again = anyone.call("GET", "/desk/js/main.js", "", "", {{"If-None-Match", etag}});
    CHECK(again.status == 304);
    CHECK(again.raw.empty());
    CHECK(anyone.get("/desk/console.css").headers.find("Content-Type")->second ==
          "text/css; charset=utf-8");

    auto missing = anyone.get("/desk/js/nothing.js");
    CHECK(missing.status == 404);
    CHECK_THAT(missing.raw, Catch::Contains("no such file in the console: js/nothing.js"));
    CHECK(anyone.get("/desk/../admin/plugins").status != 200);
    CHECK(anyone.call("POST", "/desk/", "{}").status == 405);
    CHECK(host.stop(SIGTERM) == 0);
}
