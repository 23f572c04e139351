// intake_email loaded from disk, reading a real Maildir: plain, alternative,
// HTML-only and attachment messages, GBK and Big5 subjects, a duplicate
// Message-ID, replies to existing complaints and a malformed message.
#include <catch2/catch.hpp>

#include <signal.h>

#include <chrono>
#include <thread>

#include "api_client.hpp"
#include "host_process.hpp"
#include "temp_dir.hpp"

using namespace redress::test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// Delivers a message as an MTA does: written to tmp/, then renamed into new/.
void deliver(const fs::path& maildir, const std::string& name, const std::string& message) {
    write_file(maildir / "tmp" / name, message);
    fs::rename(maildir / "tmp" / name, maildir / "new" / name);
}

std::size_t count_files(const fs::path& dir) {
    std::size_t n = 0;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.is_regular_file()) ++n;
    return n;
}

// Waits until the intake has taken every delivered message out of new/.
bool drained(const fs::path& maildir) {
    for (int i = 0; i < 300; ++i) {
        if (fs::exists(maildir / "new") && count_files(maildir / "new") == 0) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

std::string headers(const std::string& id, const std::string& from, const std::string& subject) {
    return "From: " + from + "\r\nTo: service@example.com\r\nSubject: " + subject +
           "\r\nMessage-ID: <" + id + ">\r\nDate: Fri, 20 Nov 2026 09:30:00 +0800\r\n" +
           "MIME-Version: 1.0\r\n";
}

const std::string kPlain =
    headers("plain-1@example.com", "=?UTF-8?B?546L6Iqz?= <wangfang@example.com>",
            "=?UTF-8?B?5Yaw566x5YaS54Of?=") +
    "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
    "冰箱后面冒烟了，有焦味。\r\n请尽快处理。\r\n";

const std::string kAlternative =
    headers("alt-1@example.com", "Tom Baker <tom@example.com>", "Parcel never arrived") +
    "Content-Type: multipart/alternative; boundary=\"b1\"\r\n\r\n"
    "--b1\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
    "My parcel never arrived.\r\n"
    "--b1\r\nContent-Type: text/html; charset=us-ascii\r\n\r\n"
    "<p>My <b>parcel</b> never arrived.</p>\r\n"
    "--b1--\r\n";

const std::string kHtmlOnly =
    headers("html-1@example.com", "ann@example.com", "Rude agent") +
    "Content-Type: text/html; charset=UTF-8\r\n\r\n"
    "<html><head><style>p{color:red}</style></head><body><p>The agent was rude &amp; hung "
    "up.</p><p>Order&nbsp;#42</p></body></html>\r\n";

const std::string kPhoto =
    headers("photo-1@example.com", "Li Lei <lilei@example.com>", "Cracked screen, photo attached") +
    "Content-Type: multipart/mixed; boundary=\"m1\"\r\n\r\n"
    "--m1\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nThe screen arrived cracked.\r\n"
    "--m1\r\nContent-Type: image/png; name=\"photo.png\"\r\n"
    "Content-Disposition: attachment; filename=\"photo.png\"\r\n"
    "Content-Transfer-Encoding: base64\r\n\r\n"
    "iVBORw0KGgoAAQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyAhIiMkJSYnKCkqKywtLi8wMTIzNDU2Nzg5Ojs8"
    "PT4/\r\n"
    "--m1--\r\n";
const char* kPhotoSha256 = "8650fa3ad33b680c77fdf3067057857d38ade7f3ce31806131530d3a4d027052";

const std::string kGbk =
    headers("gbk-1@example.cn", "zhang@example.cn", "=?GBK?B?udjT2rH5z+TCqbXntcTNtsvf?=") +
    "Content-Type: text/plain; charset=GBK\r\n"
    "Content-Transfer-Encoding: base64\r\n\r\n"
    "sfnP5Lrzw+bCqbXno6zK1sX2tb3DxbDRyta74cLpoaM=\r\n";

const std::string kBig5 =
    headers("big5-1@example.tw", "chen@example.tw", "=?Big5?B?w/ap86x+pue+97p8pPSquqfrtkQ=?=") +
    "Content-Type: text/plain; charset=Big5\r\n"
    "Content-Transfer-Encoding: base64\r\n\r\n"
    "rH6m5773unyk9KFBpmGqT7OjwOOkRqFD\r\n";

const std::string kNoSender =
    "To: service@example.com\r\nSubject: who am I\r\nMessage-ID: <anon-1@example.com>\r\n\r\n"
    "This message has no From header.\r\n";

json find_by_subject(const json& items, const std::string& subject) {
    for (const auto& c : items)
        if (c.value("subject", "") == subject) return c;
    return nullptr;
}

}  // namespace

TEST_CASE("intake_email: a Maildir's messages become complaints, replies become contacts",
          "[intake][email]") {
    TempDir dir;
    fs::path maildir = dir / "maildir";
    for (const char* sub : {"new", "cur", "tmp"}) fs::create_directories(maildir / sub);
    deliver(maildir, "1700000001.M1.host", kPlain);
    deliver(maildir, "1700000002.M2.host", kAlternative);
    deliver(maildir, "1700000003.M3.host", kHtmlOnly);
    deliver(maildir, "1700000004.M4.host", kPhoto);
    deliver(maildir, "1700000005.M5.host", kGbk);
    deliver(maildir, "1700000006.M6.host", kBig5);
    deliver(maildir, "1700000007.M7.host", kPlain);  // the same message delivered twice
    deliver(maildir, "1700000008.M8.host", kNoSender);
    deliver(maildir, "1700000009.M9.host", "");

    json instances =
        json::array({{{"name", "mail"},
                      {"plugin", "intake_email"},
                      {"kind", "intake"},
                      {"settings", {{"maildir", maildir.string()}, {"poll_seconds", 1}}}}});
    HostProcess host(write_host_config(dir.path(), instances));
    REQUIRE(host.wait_until_listening());
    ApiClient api(host.port(), host.admin_token());
    REQUIRE(drained(maildir));
    INFO(host.log());

    json list = api.get("/api/v1/complaints?limit=50").body;
    CHECK(list["total"] == 6);  // the duplicate Message-ID recorded nothing
    CHECK(count_files(maildir / "cur") == 7);
    CHECK(fs::exists(maildir / "cur" / "1700000007.M7.host:2,S"));

    json fridge = find_by_subject(list["items"], "冰箱冒烟");
    REQUIRE(fridge.is_object());
    json full = api.get("/api/v1/complaints/" + fridge["number"].get<std::string>()).body;
    CHECK(full["channel"] == "email");
    CHECK(full["customer"]["name"] == "王芳");
    CHECK(full["customer"]["email"] == "wangfang@example.com");
    CHECK(full["description"] == "冰箱后面冒烟了，有焦味。\n请尽快处理。");
    CHECK(full["received_at"] == "2026-11-20T01:30:00.000Z");
    CHECK(full["source"] == json({{"instance", "mail"}, {"id", "plain-1@example.com"}}));

    json parcel = find_by_subject(list["items"], "Parcel never arrived");
    REQUIRE(parcel.is_object());
    CHECK(
        api.get("/api/v1/complaints/" + parcel["number"].get<std::string>()).body["description"] ==
        "My parcel never arrived.");  // text/plain preferred

    json rude = find_by_subject(list["items"], "Rude agent");
    REQUIRE(rude.is_object());
    CHECK(api.get("/api/v1/complaints/" + rude["number"].get<std::string>()).body["description"] ==
          "The agent was rude & hung up.\n\nOrder #42");

    json photo = find_by_subject(list["items"], "Cracked screen, photo attached");
    REQUIRE(photo.is_object());
    json attachments =
        api.get("/api/v1/complaints/" + photo["number"].get<std::string>()).body["attachments"];
    REQUIRE(attachments.size() == 1);
    CHECK(attachments[0]["name"] == "photo.png");
    CHECK(attachments[0]["media_type"] == "image/png");
    CHECK(attachments[0]["size"] == 72);
    CHECK(attachments[0]["sha256"] == kPhotoSha256);
    CHECK(fs::file_size(dir / "data" / "plugins" / "mail" / "attachments" / "86" / kPhotoSha256) ==
          72);

    json gbk = find_by_subject(list["items"], "关于冰箱漏电的投诉");
    REQUIRE(gbk.is_object());
    CHECK(api.get("/api/v1/complaints/" + gbk["number"].get<std::string>()).body["description"] ==
          "冰箱后面漏电，手碰到门把手会麻。");
    json big5 = find_by_subject(list["items"], "關於洗衣機漏水的投訴");
    REQUIRE(big5.is_object());
    CHECK(api.get("/api/v1/complaints/" + big5["number"].get<std::string>()).body["description"] ==
          "洗衣機漏水，地板都濕了。");

    // Nothing is lost: what could not be recorded waits in quarantine with its reason.
    CHECK(fs::exists(maildir / "quarantine" / "1700000008.M8.host"));
    json why = json::parse(read_file(maildir / "quarantine" / "1700000008.M8.host.why.json"));
    CHECK_THAT(why["reason"].get<std::string>(), Catch::Contains("no sender address"));
    CHECK(fs::exists(maildir / "quarantine" / "1700000009.M9.host"));
    CHECK_THAT(read_file(maildir / "quarantine" / "1700000009.M9.host.why.json"),
               Catch::Contains("the file is empty"));

    // A reply carrying the complaint number is a contact on it, recorded once
    // however often it is delivered.
    std::string number = fridge["number"];
    std::string reply =
        headers("reply-1@example.com", "wangfang@example.com", "Re: [" + number + "] 冰箱冒烟") +
        "Content-Type: text/plain; charset=UTF-8\r\n\r\n已经拍了照片。\r\n";
    deliver(maildir, "1700000010.M10.host", reply);
    deliver(maildir, "1700000011.M11.host", reply);
    // A number that does not exist: the message is a new complaint.
    deliver(maildir, "1700000012.M12.host",
            headers("stray-1@example.com", "x@example.com", "Re: [CP-20200101-000001] hello") +
                "Content-Type: text/plain\r\n\r\nStill waiting.\r\n");
    REQUIRE(drained(maildir));
    json updated = api.get("/api/v1/complaints/" + number).body;
    int contacts = 0;
    for (const auto& entry : updated["log"])
        if (entry["kind"] == "contact") {
            ++contacts;
            CHECK(entry["direction"] == "inbound");
            CHECK(entry["channel"] == "email");
            CHECK(entry["source_id"] == "reply-1@example.com");
            CHECK_THAT(entry["summary"].get<std::string>(), Catch::Contains("已经拍了照片。"));
        }
    CHECK(contacts == 1);
    CHECK(api.get("/api/v1/complaints").body["total"] == 7);
    CHECK(host.stop(SIGTERM) == 0);
}
