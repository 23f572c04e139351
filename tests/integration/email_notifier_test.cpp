// notifier_email loaded from disk, sending through a real SMTP server on
// loopback (Debian's python3-aiosmtpd, writing a Maildir): the Chinese
// acknowledgement with the response deadline (D5), the delay notice (D13), the
// closure with the survey link (D17) and an escalation to the department head.
#include <catch2/catch.hpp>

#include <signal.h>

#include "api_client.hpp"
#include "core/complaint_service.hpp"
#include "core/escalation.hpp"
#include "core/outbox_dispatcher.hpp"
#include "core/runtime.hpp"
#include "domain_fixture.hpp"
#include "host_process.hpp"
#include "plugin_rig.hpp"
#include "smtp_sink.hpp"
#include "temp_dir.hpp"
#include "test_database.hpp"

using namespace redress::test;
using nlohmann::json;

TEST_CASE("notifier_email: templated mail in Chinese through a real SMTP server",
          "[notifier][email]") {
    TempDir dir;
    SmtpSink smtp(dir.path());

    json instances = json::array({{{"name", "mail"},
                                   {"plugin", "notifier_email"},
                                   {"kind", "notifier"},
                                   {"settings",
                                    {{"smtp_url", smtp.url()},
                                     {"from", "service@example.com"},
                                     {"staff_domain", "example.com"},
                                     {"public_url", "https://complaints.example.com"}}}}});
    HostProcess host(write_host_config(dir.path(), instances));
    REQUIRE(host.wait_until_listening());
    ApiClient api(host.port(), host.admin_token());
    std::string n = api.post("/api/v1/complaints",
                             {{"channel", "email"},
                              {"customer", {{"name", "王芳"}, {"email", "wang@example.cn"}}},
                              {"description", "冰箱不制冷"},
                              {"priority", "normal"}})
                        .body["number"];
    auto act = [&](const std::string& action, json params) {
        auto r = api.act(n, action, params);
        INFO(action << " " << r.raw);
        REQUIRE(r.status == 200);
        return r.body;
    };
    act("acknowledge", json::object());
    act("escalate", {{"to", "cs.head"}, {"reason", "beyond_authority"}, {"detail", "需要换新机"}});
    act("propose", {{"type", "repair"},
                    {"description", "上门维修"},
                    {"deadline", "2026-12-30T18:00:00+08:00"}});
    act("accept", {{"confirmed_by", "王芳"}});
    act("add-work-order", {{"kind", "repair"},
                           {"department", "service"},
                           {"owner", "tech.wu"},
                           {"due_at", "2026-12-10T18:00:00+08:00"}});
    act("update-work-order",
        {{"work_order", 1}, {"due_at", "2026-12-14T18:00:00+08:00"}, {"delay_reason", "配件缺货"}});
    act("update-work-order", {{"work_order", 1}, {"status", "done"}});
    act("resolve", {{"summary", "已修好"}});
    json closed = act("close", {{"customer_confirmed", true}});

    auto mails = smtp.wait_for(6);
    INFO(host.log());
    const ReceivedMail* ack = find_mail(mails, "wang@example.cn", "您的投诉已受理");
    REQUIRE(ack != nullptr);
    CHECK_THAT(ack->subject, Catch::Contains("[" + n + "]"));  // a reply finds its complaint
    CHECK_THAT(ack->body,
               Catch::Contains("王芳，您好") && Catch::Contains("(UTC+08:00) 之前答复您"));
    const ReceivedMail* delay = find_mail(mails, "wang@example.cn", "处理时间调整");
    REQUIRE(delay != nullptr);
    CHECK_THAT(delay->body, Catch::Contains("原因：配件缺货") &&
                                Catch::Contains("新的完成时间：2026-12-14 18:00 (UTC+08:00)"));
    CHECK(find_mail(mails, "wang@example.cn", "处理进度更新") != nullptr);  // done: progress
    const ReceivedMail* closure = find_mail(mails, "wang@example.cn", "投诉已办结");
    REQUIRE(closure != nullptr);
    CHECK_THAT(closure->body,
               Catch::Contains("https://complaints.example.com/survey/" +
                               closed["survey_invitation"]["token"].get<std::string>()));
    const ReceivedMail* up = find_mail(mails, "cs.head@example.com", "投诉已升级给您");
    REQUIRE(up != nullptr);
    CHECK_THAT(up->body, Catch::Contains("需要换新机"));
    CHECK(host.stop(SIGTERM) == 0);
}

TEST_CASE("notifier_email: the customer hears how it stands every 3 working days (D15)",
          "[notifier][email][sla]") {
    using namespace redress;
    TestDatabase t("sqlite");
    SmtpSink smtp(t.dir().path());
    domain::ManualClock clock(shanghai("2026-11-23 10:00"));  // a Monday
    json instances = json::array({{{"name", "mail"},
                                   {"plugin", "notifier_email"},
                                   {"kind", "notifier"},
                                   {"subscribe", {"complaint.sla-progress"}},
                                   {"settings",
                                    {{"smtp_url", smtp.url()},
                                     {"from", "service@example.com"},
                                     {"utc_offset", "+08:00"}}}}});
    auto manager = start_plugins(t.dir().path(), instances);
    plugins::PluginManager& plugins = *manager;
    core::ComplaintService service(t.db(), shipped_domain(), clock,
                                   core::notifier_subscribers(plugins));
    core::OutboxDispatcher outbox(t.db(), plugins, clock, core::OutboxPolicy{});
    core::SlaSweep sweep(service, nullptr, std::chrono::seconds(30));
    json intake = sample_intake("normal");
    intake["customer"]["email"] = "li@example.cn";
    intake["description"] = "洗衣机漏水";
    std::string n = service.create(intake, "agent").number();
    service.act(n, "acknowledge", json::object(), "agent");
    auto progress_events = [&] {
        int count = 0;
        auto record = service.find(n);
        for (const auto& e : record->events) count += e.action == "sla-progress";
        return count;
    };
    // Acknowledged on Monday: the next word is owed on Thursday at 10:00.
    clock.set(shanghai("2026-11-26 09:59"));
    sweep.sweep_once();
    CHECK(progress_events() == 0);
    clock.set(shanghai("2026-11-26 10:00"));
    sweep.sweep_once();
    CHECK(progress_events() == 1);
    sweep.sweep_once();
    CHECK(progress_events() == 1);  // once, then three working days on
    outbox.deliver_due();
    auto mails = smtp.wait_for(1);
    const ReceivedMail* status = find_mail(mails, "li@example.cn", "投诉处理进展");
    REQUIRE(status != nullptr);
    CHECK_THAT(status->body,
               Catch::Contains("您的投诉 " + n + " 仍在处理中，目前已受理，正在调查") &&
                   Catch::Contains("之前向您提出处理方案"));
    clock.set(shanghai("2026-12-01 10:00"));  // Thursday + 3 working days = Tuesday
    sweep.sweep_once();
    CHECK(progress_events() == 2);
    plugins.shutdown();
}
