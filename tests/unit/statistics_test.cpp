// The analysis figures (D21, D23) computed by SQL over complaint facts, on a
// data set built here with known answers, against SQLite and PostgreSQL.
#include <catch2/catch.hpp>

#include <soci/soci.h>

#include "core/complaint_service.hpp"
#include "domain_fixture.hpp"
#include "storage/statistics.hpp"
#include "test_database.hpp"

using namespace redress;
using nlohmann::json;
using redress::test::sample_intake;
using redress::test::shanghai;
using redress::test::shipped_domain;
using redress::test::TestDatabase;

namespace {

json intake(const std::string& category, const std::string& product, const std::string& channel,
            const std::string& phone) {
    json i = sample_intake("normal");
    i["category"] = category;
    i["channel"] = channel;
    i["customer"]["phone"] = phone;
    if (product.empty())
        i.erase("product");
    else
        i["product"] = product;
    return i;
}

}  // namespace

TEST_CASE("statistics: October's figures from a data set with known answers", "[report]") {
    auto backend = GENERATE(as<std::string>{}, "sqlite", "postgresql");
    INFO(backend);
    TestDatabase t(backend);
    domain::ManualClock clock(shanghai("2026-10-19 10:00"));  // a Monday
    core::ComplaintService service(t.db(), shipped_domain(), clock, nullptr);
    auto at = [&](const std::string& local) { clock.set(shanghai(local)); };
    auto close = [&](const std::string& n) {
        service.act(
            n, "propose",
            {{"type", "repair"}, {"description", "fix"}, {"deadline", "2026-12-30T18:00:00+08:00"}},
            "agent");
        service.act(n, "accept", {{"confirmed_by", "customer"}}, "agent");
        service.act(n, "resolve", {{"summary", "fixed"}}, "agent");
        service.act(n, "close", {{"customer_confirmed", true}}, "agent");
    };
    json contact = {{"channel", "phone"}, {"summary", "called"}, {"direction", "outbound"}};

    // 1: answered in half an hour, closed a day later, score 5.
    auto c1 = service.create(intake("product.fault", "WM-X1", "phone", "139001"), "agent").number();
    at("2026-10-19 10:30");
    service.act(c1, "acknowledge", json::object(), "agent");
    service.act(c1, "contact", contact, "agent");
    at("2026-10-20 10:00");
    close(c1);
    service.act(c1, "survey", {{"score", 5}}, "agent");
    // 2: answered days late, closed, score 2: reopened.
    at("2026-10-19 11:00");
    auto c2 = service.create(intake("product.fault", "WM-X1", "email", "139002"), "agent").number();
    at("2026-10-23 11:00");
    service.act(c2, "acknowledge", json::object(), "agent");
    service.act(c2, "contact", contact, "agent");
    close(c2);
    service.act(c2, "survey", {{"score", 2}}, "agent");
    // Second handling (D18) closes it again, and the customer is content this time.
    at("2026-10-26 11:00");
    close(c2);
    service.act(c2, "survey", {{"score", 4}}, "agent");
    // 3: escalated, open. 4: open. 5: November, outside the period.
    at("2026-10-20 09:00");
    auto c3 = service.create(intake("service.attitude", "", "phone", "139003"), "agent").number();
    service.act(c3, "escalate", {{"to", "cs.head"}, {"reason", "beyond_authority"}}, "agent");
    service.act(c3, "escalate", {{"to", "management"}, {"reason", "sla_breach"}}, "agent");
    at("2026-10-21 09:00");
    service.create(intake("logistics.delay", "", "web_form", "139004"), "agent");
    at("2026-11-02 09:00");
    service.create(intake("product.fault", "WM-X1", "phone", "139005"), "agent");

    storage::StatisticsRequest october = storage::statistics_request(
        {{"from", "2026-10-01T00:00:00+08:00"}, {"to", "2026-11-01T00:00:00+08:00"}});
    soci::session s(t.db().pool());
    json f = storage::statistics(s, october);
    INFO(f.dump(2));
    CHECK(f["volume"] == 4);
    CHECK(f["by_category"] == json::parse(R"([{"key": "product.fault", "count": 2},
        {"key": "logistics.delay", "count": 1}, {"key": "service.attitude", "count": 1}])"));
    CHECK(f["by_channel"][0] == json({{"key", "phone"}, {"count", 2}}));
    CHECK(f["by_product"][0] == json({{"key", ""}, {"count", 2}}));
    CHECK(f["top_problems"] ==
          json::parse(R"([{"category": "product.fault", "product": "WM-X1", "count": 2}])"));
    CHECK(f["on_time"]["first_response"] == json({{"on_time", 1}, {"late", 1}, {"rate", 0.5}}));
    // c1 took a day; c2, closed again after second handling, a week.
    CHECK(f["handling_ms"]["closed"] == 2);
    CHECK(f["handling_ms"]["average"] == (86400000.0 + 7 * 86400000.0) / 2);
    CHECK(f["handling_ms"]["p50"] == 7 * 86400000LL);  // nearest rank, rounding up
    CHECK(f["first_line_resolution"] == json({{"count", 1}, {"rate", 0.5}}));
    CHECK(f["reopened"]["count"] == 1);
    CHECK(f["escalated"]["count"] == 1);
    CHECK(f["escalated"]["by_reason"] == json::parse(R"([{"key": "beyond_authority", "count": 1},
        {"key": "sla_breach", "count": 1}])"));
    CHECK(f["satisfaction"]["answers"] == 2);
    CHECK(f["satisfaction"]["average"] == 3.5);
    CHECK(f["satisfaction"]["distribution"] ==
          json({{"1", 0}, {"2", 1}, {"3", 0}, {"4", 0}, {"5", 1}}));
    CHECK(f["satisfaction"]["by_round"] == json::parse(R"([{"round": 1, "answers": 2,
        "average": 3.5}, {"round": 2, "answers": 1, "average": 4.0}])"));
    CHECK(f["teams"][0]["key"] == "technical_support");
    CHECK(f["teams"][0]["volume"] == 2);
    CHECK(f["teams"][0]["closed"] == 2);

    // Filters narrow every figure.
    october.category = "product";
    october.channel = "email";
    json narrow = storage::statistics(s, october);
    CHECK(narrow["volume"] == 1);
    CHECK(narrow["satisfaction"]["average"] == 2.0);
    CHECK_THROWS_WITH(storage::statistics_request({{"from", "2026-10-01T00:00:00Z"},
                                                   {"to", "2026-11-01T00:00:00Z"},
                                                   {"filters", {{"colour", "red"}}}}),
                      Catch::Contains("/filters/colour: unknown filter"));
}
