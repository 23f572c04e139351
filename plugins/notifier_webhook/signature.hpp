// signature: how a receiver knows a delivery came from this Redress and was not
// replayed later: HMAC-SHA256 over "<timestamp>.<body>" with the shared secret.
#pragma once

#include <string>
#include <string_view>

namespace notifier_webhook {

// "sha256=<hex>" of HMAC-SHA256(secret, timestamp + "." + body).
std::string sign(std::string_view secret, std::string_view timestamp, std::string_view body);

}  // namespace notifier_webhook
