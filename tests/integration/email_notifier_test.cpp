// notifier_email loaded from disk, sending through a real SMTP server on
// loopback (Debian's python3-aiosmtpd, writing a Maildir): the Chinese
// acknowledgement with the response deadline (D5), the delay notice (D13), the
// closure with the survey link (D17) and an escalation to the department head.
#include <catch2/catch.hpp>

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/evp.h>

#include <thread>

#include "api_client.hpp"
#include "host_process.hpp"
#include "temp_dir.hpp"

using namespace redress::test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

int free_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    ::close(fd);
    return ntohs(a.sin_port);
}

bool accepts(int port) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(static_cast<uint16_t>(port));
    bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    ::close(fd);
    return ok;
}

std::string unbase64(std::string in) {
    std::erase_if(in, [](char c) { return c == '\r' || c == '\n'; });
    std::string out(in.size(), '\0');
    int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                            reinterpret_cast<const unsigned char*>(in.data()),
                            static_cast<int>(in.size()));
    out.resize(n < 0 ? 0 : static_cast<std::size_t>(n));
    while (!in.empty() && in.back() == '=') {
        in.pop_back();
        out.pop_back();
    }
    return out;
}

struct Received {
    std::string to, subject, body;
};

// Every message the SMTP sink stored, decoded.
std::vector<Received> mailbox(const fs::path& dir) {
    std::vector<Received> out;
    if (!fs::exists(dir / "new")) return out;
    for (const auto& e : fs::directory_iterator(dir / "new")) {
        std::string raw = read_file(e.path());
        Received r;
        auto header = [&](const std::string& name) {
            auto at = raw.find("\n" + name + ": ");
            if (at == std::string::npos) return std::string();
            at += name.size() + 3;
            return raw.substr(at, raw.find_first_of("\r\n", at) - at);
        };
        r.to = header("To");
        std::string subject = header("Subject");
        if (subject.rfind("=?UTF-8?B?", 0) == 0)
            subject = unbase64(subject.substr(10, subject.size() - 12));
        r.subject = subject;
        auto body_at = raw.find("\n\n");
        if (body_at == std::string::npos) body_at = raw.find("\r\n\r\n");
        r.body = unbase64(raw.substr(body_at));
        out.push_back(r);
    }
    return out;
}

const Received* find_mail(const std::vector<Received>& mails, const std::string& to,
                          const std::string& subject_part) {
    for (const auto& m : mails)
        if (m.to == to && m.subject.find(subject_part) != std::string::npos) return &m;
    return nullptr;
}

}  // namespace

TEST_CASE("notifier_email: templated mail in Chinese through a real SMTP server",
          "[notifier][email]") {
    TempDir dir;
    int port = free_port();
    pid_t smtp = start_process("/usr/bin/python3",
                               {"-m", "aiosmtpd", "-n", "-l", "127.0.0.1:" + std::to_string(port),
                                "-c", "aiosmtpd.handlers.Mailbox", (dir / "sink").string()},
                               dir / "smtp.out", dir / "smtp.err");
    for (int i = 0; i < 100 && !accepts(port); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    REQUIRE(accepts(port));

    json instances = json::array({{{"name", "mail"},
                                   {"plugin", "notifier_email"},
                                   {"kind", "notifier"},
                                   {"settings",
                                    {{"smtp_url", "smtp://127.0.0.1:" + std::to_string(port)},
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

    std::vector<Received> mails;
    for (int i = 0; i < 200 && mails.size() < 6; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        mails = mailbox(dir / "sink");
    }
    INFO(host.log());
    const Received* ack = find_mail(mails, "wang@example.cn", "您的投诉已受理");
    REQUIRE(ack != nullptr);
    CHECK_THAT(ack->subject, Catch::Contains("[" + n + "]"));  // a reply finds its complaint
    CHECK_THAT(ack->body,
               Catch::Contains("王芳，您好") && Catch::Contains("(UTC+08:00) 之前答复您"));
    const Received* delay = find_mail(mails, "wang@example.cn", "处理时间调整");
    REQUIRE(delay != nullptr);
    CHECK_THAT(delay->body, Catch::Contains("原因：配件缺货") &&
                                Catch::Contains("新的完成时间：2026-12-14 18:00 (UTC+08:00)"));
    CHECK(find_mail(mails, "wang@example.cn", "处理进度更新") != nullptr);  // done: progress
    const Received* closure = find_mail(mails, "wang@example.cn", "投诉已办结");
    REQUIRE(closure != nullptr);
    CHECK_THAT(closure->body,
               Catch::Contains("https://complaints.example.com/survey/" +
                               closed["survey_invitation"]["token"].get<std::string>()));
    const Received* up = find_mail(mails, "cs.head@example.com", "投诉已升级给您");
    REQUIRE(up != nullptr);
    CHECK_THAT(up->body, Catch::Contains("需要换新机"));
    CHECK(host.stop(SIGTERM) == 0);
    ::kill(smtp, SIGTERM);
    wait_process(smtp, std::chrono::seconds(5));
}
