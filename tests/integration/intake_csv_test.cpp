// intake_csv loaded from disk: phone-call and walk-in records from a spreadsheet,
// through `redress import` and the admin upload route of a running host.
#include <catch2/catch.hpp>

#include "api_client.hpp"
#include "host_process.hpp"
#include "temp_dir.hpp"

using namespace redress::test;
using nlohmann::json;

namespace {

// A call-centre export: Chinese headers, a quoted cell with a line break and a
// comma, a full-width tag separator, local times.
const char* kGoodRows =
    "\xEF\xBB\xBF记录编号,渠道,客户姓名,电话,邮箱,投诉内容,诉求,产品,受理时间,标签\r\n"
    "T-1001,电话,王芳,13900000001,,\"冰箱冒烟,\n有焦味\",退货,BCD-215,2026-11-20 09:30,"
    "冰箱；紧急\r\n"
    "T-1002,来访,李雷,13900000002,lilei@example.com,洗衣机漏水,上门维修,XQB80,2026/11/20 "
    "14:05,\r\n";

std::filesystem::path csv_config(const TempDir& dir, bool atomic) {
    json instances = json::array({{{"name", "calls"},
                                   {"plugin", "intake_csv"},
                                   {"kind", "intake"},
                                   {"settings", {{"atomic", atomic}}}}});
    return write_host_config(dir.path(), instances);
}

json import(const std::filesystem::path& config, const std::filesystem::path& file) {
    auto r =
        run_redress({"import", "--config", config.string(), "--instance", "calls", file.string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return json::parse(r.out);
}

// Whether the report lists a problem at this row and column mentioning `text`.
bool has_problem(const json& report, int row, const std::string& column, const std::string& text) {
    for (const auto& e : report["errors"])
        if (e["row"] == row && e["column"] == column &&
            e["problem"].get<std::string>().find(text) != std::string::npos)
            return true;
    return false;
}

}  // namespace

TEST_CASE("intake_csv: header-mapped rows become complaints; a re-import records nothing twice",
          "[intake][csv]") {
    TempDir dir;
    auto config = csv_config(dir, true);
    write_file(dir / "calls.csv", kGoodRows);
    json report = import(config, dir / "calls.csv");
    INFO(report.dump(2));
    CHECK(report["rows"] == 2);
    CHECK(report["recorded"] == 2);
    CHECK(report["errors"].empty());
    CHECK(report["committed"] == true);
    REQUIRE(report["complaints"].size() == 2);
    CHECK(report["complaints"][0]["source_id"] == "T-1001");

    json again = import(config, dir / "calls.csv");
    CHECK(again["recorded"] == 0);
    CHECK(again["replayed"] == 2);
    CHECK(again["complaints"][1]["number"] == report["complaints"][1]["number"]);

    HostProcess host(config);
    REQUIRE(host.wait_until_listening());
    ApiClient api(host.port(), host.admin_token());
    CHECK(api.get("/api/v1/complaints").body["total"] == 2);
    json fridge =
        api.get("/api/v1/complaints/" + report["complaints"][0]["number"].get<std::string>()).body;
    CHECK(fridge["channel"] == "phone");
    CHECK(fridge["description"] == "冰箱冒烟,\n有焦味");
    CHECK(fridge["customer"]["phone"] == "13900000001");
    CHECK(fridge["received_at"] == "2026-11-20T01:30:00.000Z");  // 09:30 in +08:00
    CHECK(fridge["tags"] == json({"冰箱", "紧急"}));
    CHECK(fridge["source"] == json({{"instance", "calls"}, {"id", "T-1001"}}));
    CHECK(fridge["received_by"] == "calls");
    json washer =
        api.get("/api/v1/complaints/" + report["complaints"][1]["number"].get<std::string>()).body;
    CHECK(washer["channel"] == "walk_in");
    CHECK(washer["customer"]["email"] == "lilei@example.com");

    // The admin upload route runs the same import in the serving host.
    auto uploaded = api.call("POST", "/admin/instances/calls/import", kGoodRows, "text/csv");
    REQUIRE(uploaded.status == 200);
    CHECK(uploaded.body["replayed"] == 2);
    CHECK(api.get("/api/v1/complaints").body["total"] == 2);
}

TEST_CASE(
    "intake_csv: bad rows are reported by row, column and problem; atomic batches record "
    "nothing",
    "[intake][csv]") {
    TempDir dir;
    std::string rows = std::string(kGoodRows) +
                       "T-1003,电话,张三,13900000003,not-an-address,空调不制冷,维修,KFR-35,"
                       "2026-11-21 10:00,\r\n"
                       "T-1004,电话,赵六,13900000004,,,退款,KFR-35,yesterday,\r\n"
                       ",电话,孙七,13900000005,,电视黑屏,换货,TV-55,2026-11-21 11:00,\r\n"
                       "T-1006,电话,周八\r\n"
                       // A name saved in GBK, not UTF-8: 王 is D5 CD there.
                       "T-1007,电话,\xD5\xCD,13900000007,,冰箱不制冷,维修,BCD-215,"
                       "2026-11-21 12:00,\r\n";
    write_file(dir / "mixed.csv", rows);

    SECTION("atomic: nothing is recorded, every problem is listed") {
        auto config = csv_config(dir, true);
        json report = import(config, dir / "mixed.csv");
        INFO(report.dump(2));
        CHECK(report["recorded"] == 0);
        CHECK(report["refused"] == 7);
        CHECK(report["committed"] == false);
        CHECK(has_problem(report, 8, "客户姓名", "is not UTF-8 text"));
        CHECK(has_problem(report, 5, "受理时间", "is not a time"));
        CHECK(has_problem(report, 6, "记录编号", "every row needs a source id"));
        CHECK(has_problem(report, 7, "", "has 3 cells, the header 10"));
        // Rows the plugin found wrong never reach the host; fix them and the host
        // checks the rest, naming the column of each field it refuses.
        write_file(dir / "fixed.csv", std::string(kGoodRows) +
                                          "T-1003,电话,张三,13900000003,not-an-address,空调不制冷,"
                                          "维修,KFR-35,2026-11-21 10:00,\r\n");
        json second = import(config, dir / "fixed.csv");
        INFO(second.dump(2));
        CHECK(second["recorded"] == 0);
        CHECK(second["refused"] == 3);
        CHECK(has_problem(second, 4, "邮箱", "not an e-mail address"));
        REQUIRE(second["errors"].size() == 1);  // the good rows are not blamed
        auto exported = run_redress({"export", "--config", config.string()});
        CHECK(exported.out.empty());  // the store holds nothing
    }
    SECTION("not atomic: the good rows are recorded, the bad reported") {
        auto config = csv_config(dir, false);
        json report = import(config, dir / "mixed.csv");
        INFO(report.dump(2));
        CHECK(report["recorded"] == 2);
        CHECK(report["refused"] == 5);
        CHECK(report["committed"] == true);
        CHECK(has_problem(report, 4, "邮箱", "not an e-mail address"));
        CHECK(has_problem(report, 5, "受理时间", "is not a time"));
        CHECK(report["complaints"].size() == 2);
    }
}

TEST_CASE("intake_csv: a file that is not CSV, or lacks the key columns, is refused as a whole",
          "[intake][csv]") {
    TempDir dir;
    auto config = csv_config(dir, true);
    write_file(dir / "broken.csv", "source_id,description\nA-1,\"never closed\n");
    json broken = import(config, dir / "broken.csv");
    CHECK(broken["recorded"] == 0);
    CHECK(broken["errors"][0]["problem"] == "line 2: a quoted cell is never closed");
    write_file(dir / "no-id.csv", "name,description\nTom,late parcel\n");
    json no_id = import(config, dir / "no-id.csv");
    CHECK(no_id["recorded"] == 0);
    CHECK(no_id["errors"][0]["problem"].get<std::string>().find("no source-id column") == 0);
    write_file(dir / "empty.csv", "");
    CHECK(import(config, dir / "empty.csv")["errors"][0]["problem"] ==
          "the file has no header row");
}
