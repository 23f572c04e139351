// notifier_webhook loaded from disk, posting to a real HTTP receiver on
// loopback: signed deliveries, retries with backoff after failures, the
// dead-letter list and its retry, and a host killed with deliveries pending
// that delivers them after restart, each once per receiver idempotency key.
#include <catch2/catch.hpp>

#include <signal.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "api_client.hpp"
#include "host_process.hpp"
#include "temp_dir.hpp"

using namespace redress::test;
using nlohmann::json;

namespace {

std::string hmac_hex(const std::string& key, const std::string& message) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
         reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest, &length);
    std::string out;
    char buf[3];
    for (unsigned int i = 0; i < length; ++i) {
        std::snprintf(buf, sizeof buf, "%02x", digest[i]);
        out += buf;
    }
    return out;
}

// A webhook receiver: answers `fail_with` to the first `failures` requests, then 200.
// It keeps what a careful receiver keeps: the deliveries it accepted, by idempotency key.
class Receiver {
  public:
    Receiver() {
        server_.Post("/hook", [this](const httplib::Request& req, httplib::Response& res) {
            std::lock_guard lock(mutex_);
            ++requests_;
            keys_seen_.push_back(req.get_header_value("X-Redress-Delivery"));
            if (failures_ > 0) {
                --failures_;
                res.status = fail_with_;
                return;
            }
            std::string expected =
                "sha256=" +
                hmac_hex("s3cret", req.get_header_value("X-Redress-Timestamp") + "." + req.body);
            if (req.get_header_value("X-Redress-Signature") != expected) {
                res.status = 401;
                ++bad_signatures_;
                return;
            }
            std::string key = req.get_header_value("X-Redress-Delivery");
            if (!accepted_.emplace(key, json::parse(req.body)).second) ++repeats_;
            res.status = 200;
        });
        port_ = server_.bind_to_any_port("127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        // stop() before the accept loop runs would leave it running for ever.
        while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ~Receiver() {
        server_.stop();
        thread_.join();
    }
    void fail_next(int n, int status) {
        std::lock_guard lock(mutex_);
        failures_ = n;
        fail_with_ = status;
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook"; }
    std::size_t accepted() {
        std::lock_guard lock(mutex_);
        return accepted_.size();
    }
    bool wait_for(std::size_t n) {
        for (int i = 0; i < 300; ++i) {
            if (accepted() >= n) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return false;
    }
    std::mutex mutex_;
    std::map<std::string, json> accepted_;
    std::vector<std::string> keys_seen_;
    int requests_ = 0, repeats_ = 0, bad_signatures_ = 0;

  private:
    httplib::Server server_;
    int port_ = 0;
    int failures_ = 0, fail_with_ = 503;
    std::thread thread_;
};

std::filesystem::path webhook_config(const TempDir& dir, const std::string& url) {
    json instances = json::array({{{"name", "hook"},
                                   {"plugin", "notifier_webhook"},
                                   {"kind", "notifier"},
                                   {"subscribe", {"complaint.created"}},
                                   {"settings", {{"url", url}, {"secret", "s3cret"}}}}});
    return write_host_config(
        dir.path(), instances,
        {{"outbox", {{"first_retry_ms", 50}, {"max_retry_ms", 200}, {"max_attempts", 5}}}});
}

}  // namespace

TEST_CASE("notifier_webhook: signed deliveries, retried after failures, dead letters retryable",
          "[notifier][webhook]") {
    Receiver receiver;
    TempDir dir;
    HostProcess host(webhook_config(dir, receiver.url()));
    REQUIRE(host.wait_until_listening());
    ApiClient api(host.port(), host.admin_token());

    receiver.fail_next(2, 503);
    auto created = api.post("/api/v1/complaints", {{"channel", "phone"}, {"description", "late"}});
    REQUIRE(created.status == 201);
    REQUIRE(receiver.wait_for(1));
    {
        std::lock_guard lock(receiver.mutex_);
        CHECK(receiver.requests_ == 3);  // two refusals, then delivered
        CHECK(receiver.bad_signatures_ == 0);
        // Every attempt carried the same idempotency key.
        CHECK(
            std::set<std::string>(receiver.keys_seen_.begin(), receiver.keys_seen_.end()).size() ==
            1);
        const json& event = receiver.accepted_.begin()->second;
        CHECK(event["type"] == "complaint.created");
        CHECK(event["complaint"]["number"] == created.body["number"]);
    }

    // A permanent refusal is dead-lettered at once; an admin retries it.
    receiver.fail_next(1, 400);
    api.post("/api/v1/complaints", {{"channel", "phone"}, {"description", "broken"}});
    json dead;
    for (int i = 0; i < 100 && dead.empty(); ++i) {
        auto list = api.get("/admin/outbox?state=dead").body["deliveries"];
        if (!list.empty())
            dead = list[0];
        else
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    REQUIRE(!dead.empty());
    CHECK_THAT(dead["last_error"].get<std::string>(), Catch::Contains("HTTP 400"));
    CHECK(api.call("POST",
                   "/admin/outbox/" + std::to_string(dead["id"].get<long long>()) + "/retry", "")
              .status == 200);
    CHECK(receiver.wait_for(2));
    CHECK(host.stop(SIGTERM) == 0);
}

TEST_CASE("notifier_webhook: a host killed with deliveries pending delivers them after restart",
          "[notifier][webhook][crash]") {
    Receiver receiver;
    TempDir dir;
    auto config = webhook_config(dir, receiver.url());
    std::set<std::string> numbers;
    {
        HostProcess host(config);
        REQUIRE(host.wait_until_listening());
        ApiClient api(host.port(), host.admin_token());
        receiver.fail_next(1000, 503);  // the receiver is down
        for (int i = 0; i < 5; ++i)
            numbers.insert(
                api.post("/api/v1/complaints",
                         {{"channel", "phone"}, {"description", "case " + std::to_string(i)}})
                    .body["number"]
                    .get<std::string>());
        host.signal(SIGKILL);
        host.wait_exit();
    }
    // A request the dead host sent may still sit in the receiver's socket: let it be
    // refused like the others before the receiver comes back up.
    for (int before = -1;;) {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        std::lock_guard lock(receiver.mutex_);
        if (receiver.requests_ == before) break;
        before = receiver.requests_;
    }
    receiver.fail_next(0, 503);  // back up
    HostProcess restarted(config);
    REQUIRE(restarted.wait_until_listening());
    REQUIRE(receiver.wait_for(5));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // nothing more arrives
    std::lock_guard lock(receiver.mutex_);
    CHECK(receiver.accepted_.size() == 5);
    CHECK(receiver.repeats_ == 0);
    std::set<std::string> delivered;
    for (const auto& [key, event] : receiver.accepted_)
        delivered.insert(event["complaint"]["number"].get<std::string>());
    CHECK(delivered == numbers);
    CHECK(restarted.stop(SIGTERM) == 0);
}
