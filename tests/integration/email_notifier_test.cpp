// notifier_email loaded from disk, sending through a real SMTP server on
// loopback (Debian's python3-aiosmtpd, writing a Maildir): the Chinese
// acknowledgement with the response deadline (D5), the delay notice (D13), the
// closure with the survey link (D17) and an escalation to the department head.
#include <catch2/catch.hpp>

#include <signal.h>

#include "api_client.hpp"
#include "host_process.hpp"
#include "smtp_sink.hpp"
#include "temp_dir.hpp"

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
