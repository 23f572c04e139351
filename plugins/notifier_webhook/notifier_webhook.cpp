// notifier_webhook: each subscribed event as a JSON POST to a configured URL,
// signed with HMAC-SHA256 over a timestamp and the body. The host's outbox
// retries what fails for a while (exponential backoff, then the dead-letter
// list); the delivery id header lets the receiver drop a repeat.
#include <redress/redress.hpp>

#include <ctime>

#include <nlohmann/json.hpp>

#include "http_post.hpp"
#include "signature.hpp"

namespace notifier_webhook {
namespace {
using nlohmann::json;

constexpr const char* kSettingsSchema = R"({
  "type": "object",
  "additionalProperties": false,
  "required": ["url"],
  "properties": {
    "url": {"type": "string", "pattern": "^https?://",
      "description": "Where events are POSTed."},
    "secret": {"type": "string", "default": "",
      "description": "Shared secret of the X-Redress-Signature header; empty: unsigned."},
    "timeout_ms": {"type": "integer", "minimum": 100, "maximum": 120000, "default": 10000},
    "verify_tls": {"type": "boolean", "default": true},
    "headers": {"type": "object", "additionalProperties": {"type": "string"}, "default": {},
      "description": "Extra request headers, e.g. an Authorization the receiver expects."}
  }
})";

}  // namespace

class WebhookNotifier : public redress::Notifier {
  public:
    explicit WebhookNotifier(redress::Host host) : Notifier(host) {
        json s = json::parse(host.settings());
        url_ = s.at("url").get<std::string>();
        secret_ = s.at("secret").get<std::string>();
        timeout_ = std::chrono::milliseconds(s.at("timeout_ms").get<long long>());
        verify_tls_ = s.at("verify_tls").get<bool>();
        for (const auto& [name, value] : s.at("headers").items()) {
            if (name.find_first_of(":\r\n") != std::string::npos)
                throw redress::Invalid("settings/headers: bad header name \"" + name + "\"");
            extra_headers_.push_back(name + ": " + value.get<std::string>());
        }
        if (secret_.empty()) host.warning("no secret: deliveries to " + url_ + " are not signed");
    }

    void deliver(std::string_view event_json) override {
        json event = json::parse(event_json);
        std::string body(event_json);
        std::string timestamp = std::to_string(static_cast<long long>(std::time(nullptr)));
        std::vector<std::string> headers = {
            "Content-Type: application/json", "User-Agent: Redress-Webhook/1.0",
            "X-Redress-Event: " + event.value("type", ""),
            // The same event id on every attempt: the receiver's idempotency key.
            "X-Redress-Delivery: " + (event["id"].is_string()
                                          ? event["id"].get<std::string>()
                                          : std::to_string(event.value("id", 0LL))),
            "X-Redress-Timestamp: " + timestamp};
        if (!secret_.empty())
            headers.push_back("X-Redress-Signature: " + sign(secret_, timestamp, body));
        headers.insert(headers.end(), extra_headers_.begin(), extra_headers_.end());

        PostResult r = http_post(url_, headers, body, timeout_, verify_tls_);
        if (r.status >= 200 && r.status < 300) return;
        std::string what =
            r.status == 0 ? r.error : "HTTP " + std::to_string(r.status) + " " + r.body;
        // No answer, a timeout, throttling or a server error may pass; other refusals will not.
        if (r.status == 0 || r.status == 408 || r.status == 429 || r.status >= 500)
            throw redress::RetryLater(url_ + ": " + what);
        throw redress::Error(url_ + " refused the event: " + what);
    }

  private:
    std::string url_, secret_;
    std::chrono::milliseconds timeout_{10000};
    bool verify_tls_ = true;
    std::vector<std::string> extra_headers_;
};

}  // namespace notifier_webhook

REDRESS_MODULE(
    "notifier_webhook", "1.0.0", "Signed JSON POSTs of committed events",
    redress::provide<notifier_webhook::WebhookNotifier>(notifier_webhook::kSettingsSchema))
