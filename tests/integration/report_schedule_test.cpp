// Scheduled reports (D21: the monthly and quarterly analysis sent to the
// departments): report_analysis and notifier_email loaded from disk, a clock the
// test controls, a real SMTP server on loopback. A report is made once per
// period however many hosts look, kept, and mailed as an attachment.
#include <catch2/catch.hpp>

#include <soci/soci.h>

#include "config/host_config.hpp"
#include "core/complaint_service.hpp"
#include "core/outbox_dispatcher.hpp"
#include "core/report_schedule.hpp"
#include "core/runtime.hpp"
#include "core/service_gateway.hpp"
#include "domain_fixture.hpp"
#include "host_process.hpp"
#include "plugin_rig.hpp"
#include "smtp_sink.hpp"
#include "test_database.hpp"

using namespace redress;
using namespace redress::test;
using nlohmann::json;

namespace {

json schedule_entry(const std::string& every, int day, const std::string& at) {
    return {{"name", "x"}, {"every", every}, {"day", day}, {"at", at}};
}

}  // namespace

TEST_CASE("the period a schedule has a report due for", "[report]") {
    const auto& calendar = shipped_domain().sla.calendar();
    auto period = [&](const json& entry, const std::string& local) {
        return core::due_period(entry, shanghai(local), calendar).value_or("none");
    };
    json monthly = schedule_entry("month", 1, "08:00");
    CHECK(period(monthly, "2026-11-01 07:59") == "none");
    CHECK(period(monthly, "2026-11-01 08:00") == "2026-10");
    CHECK(period(monthly, "2026-11-30 23:59") == "2026-10");
    CHECK(period(monthly, "2027-01-01 08:00") == "2026-12");  // across the year
    json quarterly = schedule_entry("quarter", 3, "09:30");
    CHECK(period(quarterly, "2026-10-03 09:29") == "none");
    CHECK(period(quarterly, "2026-10-03 09:30") == "2026-Q3");
    CHECK(period(quarterly, "2026-12-31 12:00") == "2026-Q3");
    CHECK(period(quarterly, "2027-01-05 12:00") == "2026-Q4");
}

TEST_CASE("a schedule naming no notifier, or on the wrong kind, is refused", "[report][config]") {
    TempDir dir;
    json instances = json::array(
        {{{"name", "analysis"},
          {"plugin", "report_analysis"},
          {"kind", "report"},
          {"schedule", {{{"name", "monthly"}, {"every", "month"}, {"deliver_to", {"nobody"}}}}}},
         {{"name", "log"},
          {"plugin", "notifier_log"},
          {"kind", "notifier"},
          {"schedule", {{{"name", "monthly"}, {"every", "month"}, {"deliver_to", {"log"}}}}}}});
    try {
        config::load_host_config(write_host_config(dir.path(), instances));
        FAIL("accepted");
    } catch (const config::ConfigError& e) {
        std::string what = e.what();
        CHECK_THAT(what, Catch::Contains("/instances/0/schedule/0/deliver_to/0") &&
                             Catch::Contains("no notifier instance \"nobody\"") &&
                             Catch::Contains("/instances/1/schedule") &&
                             Catch::Contains("only report instances have one"));
    }
}

TEST_CASE("a monthly report is made once, kept and mailed to its recipients", "[report][email]") {
    TestDatabase t("sqlite");
    SmtpSink smtp(t.dir().path());
    domain::ManualClock clock(shanghai("2026-10-20 10:00"));
    json instances = json::array(
        {{{"name", "analysis"},
          {"plugin", "report_analysis"},
          {"kind", "report"},
          {"schedule",
           {{{"name", "monthly"},
             {"every", "month"},
             {"day", 1},
             {"at", "08:00"},
             {"deliver_to", {"mail"}},
             {"recipients", {"quality@example.com", "service.head"}}}}}},
         {{"name", "mail"},
          {"plugin", "notifier_email"},
          {"kind", "notifier"},
          {"subscribe", {"complaint.escalate"}},  // so complaints' own mail stays out of the way
          {"settings",
           {{"smtp_url", smtp.url()},
            {"from", "service@example.com"},
            {"staff_domain", "example.com"}}}}});
    auto manager = start_plugins(t.dir().path(), instances);
    plugins::PluginManager& plugins = *manager;
    core::ComplaintService service(t.db(), shipped_domain(), clock,
                                   core::notifier_subscribers(plugins));
    core::ServiceGateway gateway(service);  // the report's query_statistics
    plugins.set_gateway(&gateway);
    core::OutboxDispatcher outbox(t.db(), plugins, clock, core::OutboxPolicy{});
    const auto& calendar = shipped_domain().sla.calendar();
    core::ReportSchedule reports(t.db(), plugins, clock, calendar);
    core::ReportSchedule other_host(t.db(), plugins, clock, calendar);

    for (const char* phone : {"139001", "139002", "139003"}) {
        json intake = sample_intake("normal");
        intake["customer"]["phone"] = phone;
        service.create(intake, "agent");
    }
    clock.set(shanghai("2026-11-01 07:59"));
    CHECK(reports.run_due() == 0);  // not yet
    clock.set(shanghai("2026-11-01 08:00"));
    CHECK(reports.run_due() == 1);
    CHECK(reports.run_due() == 0);     // made: not again
    CHECK(other_host.run_due() == 0);  // nor by another host on the same database
    clock.set(shanghai("2026-11-15 12:00"));
    CHECK(reports.run_due() == 0);  // still October's, already made

    soci::session s(t.db().pool());
    std::string period, body;
    s << "SELECT period, body FROM report_runs", soci::into(period), soci::into(body);
    CHECK(period == "2026-10");
    CHECK_THAT(body, Catch::Contains("<td id=\"volume\">3</td>"));  // kept as sent

    CHECK(outbox.deliver_due() == 1);
    auto mails = smtp.wait_for(1);
    REQUIRE(mails.size() == 1);
    const auto& mail = mails[0];
    CHECK(mail.to == "quality@example.com, service.head@example.com");
    CHECK(mail.subject == "[Redress] 投诉分析报告 2026-10");
    CHECK_THAT(mail.body, Catch::Contains("附件是 2026-10 的投诉分析报告"));
    CHECK(mail.attachment("analysis-2026-10.html") == body);
    CHECK(outbox.deliver_due() == 0);  // delivered: not sent again

    // December brings November's.
    clock.set(shanghai("2026-12-01 08:00"));
    CHECK(reports.run_due() == 1);
    plugins.shutdown();
}
