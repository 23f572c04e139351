// report_analysis loaded from disk: the period's figures (aggregated by the
// database) as JSON, CSV and HTML with inline SVG charts, through
// GET /api/v1/reports/<instance> and `redress report`.
#include <catch2/catch.hpp>

#include <signal.h>

#include "api_client.hpp"
#include "host_process.hpp"
#include "temp_dir.hpp"

using namespace redress::test;
using nlohmann::json;

TEST_CASE("report_analysis: a month's analysis as JSON, CSV and HTML", "[report]") {
    TempDir dir;
    json instances =
        json::array({{{"name", "analysis"}, {"plugin", "report_analysis"}, {"kind", "report"}}});
    auto config = write_host_config(dir.path(), instances);
    HostProcess host(config);
    REQUIRE(host.wait_until_listening());
    ApiClient api(host.port(), host.admin_token());
    auto add = [&](const std::string& category, const std::string& received_at,
                   const std::string& channel) {
        auto r = api.post("/api/v1/complaints", {{"channel", channel},
                                                 {"description", "x"},
                                                 {"product", "WM-X1"},
                                                 {"category", category},
                                                 {"received_at", received_at}});
        REQUIRE(r.status == 201);
        return r.body["number"].get<std::string>();
    };
    auto first = add("product.fault", "2026-10-12T10:00:00+08:00", "phone");
    add("product.fault", "2026-10-20T10:00:00+08:00", "email");
    add("logistics.delay", "2026-10-31T23:30:00+08:00", "phone");   // still October in Shanghai
    add("logistics.delay", "2026-11-01T00:30:00+08:00", "phone");   // November
    add("service.attitude", "2026-09-15T10:00:00+08:00", "phone");  // September: the trend

    REQUIRE(api.act(first, "escalate", {{"to", "cs.head"}, {"reason", "repeat"}}).status == 200);

    auto as_json = api.get("/api/v1/reports/analysis?period=2026-10&format=json");
    REQUIRE(as_json.status == 200);
    const json& f = as_json.body["figures"];
    CHECK(as_json.body["from"] == "2026-09-30T16:00:00.000Z");
    CHECK(f["volume"] == 3);
    CHECK(f["by_category"][0] == json({{"key", "product.fault"}, {"count", 2}}));
    CHECK(f["top_problems"][0]["count"] == 2);
    json trend = as_json.body["trend"];
    REQUIRE(trend.size() == 6);
    CHECK(trend[4] == json({{"period", "2026-09"},
                            {"volume", 1},
                            {"first_response_on_time", nullptr},
                            {"satisfaction", nullptr}}));
    CHECK(trend[5]["volume"] == 3);

    // The same figures straight from the statistics route, and the report listed.
    auto stats = api.get(
        "/api/v1/statistics?from=2026-10-01T00:00:00%2B08:00&to=2026-11-01T00:00:00%2B08:00");
    REQUIRE(stats.status == 200);
    CHECK(stats.body["volume"] == 3);
    CHECK(stats.body["escalated"]["by_reason"][0]["key"] == "repeat");
    auto bad_stats = api.get("/api/v1/statistics?from=yesterday&to=2026-11-01T00:00:00Z");
    CHECK(bad_stats.status == 400);
    CHECK_THAT(bad_stats.body["detail"].get<std::string>(),
               Catch::Contains("query parameter from: expected an RFC 3339 time"));
    auto listed = api.get("/api/v1/reports");
    REQUIRE(listed.body["reports"].size() == 1);
    CHECK(listed.body["reports"][0]["instance"] == "analysis");
    CHECK(listed.body["reports"][0]["plugin"] == "report_analysis");

    auto filtered = api.get("/api/v1/reports/analysis?period=2026-10&format=json&channel=phone");
    CHECK(filtered.body["figures"]["volume"] == 2);
    auto quarter = api.get("/api/v1/reports/analysis?period=2026-Q4&format=json");
    CHECK(quarter.body["figures"]["volume"] == 4);

    auto csv = api.get("/api/v1/reports/analysis?period=2026-10&format=csv");
    CHECK(csv.status == 200);
    CHECK(csv.headers.find("Content-Type")->second == "text/csv; charset=utf-8");
    CHECK_THAT(csv.raw, Catch::Contains("volume,total,3\r\n") &&
                            Catch::Contains("by_category,product.fault,2\r\n") &&
                            Catch::Contains("escalated_by_reason,repeat,1\r\n"));

    auto html = api.get("/api/v1/reports/analysis?period=2026-10");
    CHECK(html.status == 200);
    CHECK_THAT(html.raw, Catch::Contains("<html lang=\"zh\"") && Catch::Contains("投诉分析报告") &&
                             Catch::Contains("<td id=\"volume\">3</td>") &&
                             Catch::Contains("<td>重复投诉</td><td class=\"n\">1</td>"));
    auto count = [&](const std::string& needle) {
        std::size_t n = 0;
        for (auto at = html.raw.find(needle); at != std::string::npos;
             at = html.raw.find(needle, at + 1))
            ++n;
        return n;
    };
    CHECK(count("<svg") == 4);                             // trend, Pareto, on time, satisfaction
    CHECK(count("class=\"cumulative\"") == 1);             // the Pareto line
    CHECK(html.raw.find("<script") == std::string::npos);  // self-contained

    CHECK(api.get("/api/v1/reports/analysis?period=2026-13").status == 400);
    CHECK(api.get("/api/v1/reports/analysis?period=2026-10&format=pdf").status == 400);
    CHECK(api.get("/api/v1/reports/nothing?period=2026-10").status == 404);
    CHECK(ApiClient(host.port(), "").get("/api/v1/reports/analysis?period=2026-10").status == 401);
    CHECK(host.stop(SIGTERM) == 0);

    auto cli =
        run_redress({"report", "--config", config.string(), "--instance", "analysis", "--period",
                     "2026-10", "--format", "csv", "--output", (dir / "october.csv").string()});
    INFO(cli.err);
    CHECK(cli.exit_code == 0);
    CHECK_THAT(read_file(dir / "october.csv"), Catch::Contains("volume,total,3"));
    auto bad = run_redress(
        {"report", "--config", config.string(), "--instance", "analysis", "--period", "October"});
    CHECK(bad.exit_code == 2);
    CHECK_THAT(bad.err, Catch::Contains("expected a month (2026-10) or a quarter (2026-Q4)"));
}
