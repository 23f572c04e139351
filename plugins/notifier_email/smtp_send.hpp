// smtp_send: hands one message to the configured relay with libcurl.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace notifier_email {

struct Relay {
    std::string url;  // smtp://host:25, or smtps://host:465
    std::string username, password;
    bool starttls = false;
    std::chrono::milliseconds timeout{15000};
};

struct SendResult {
    bool ok = false;
    bool transient = false;  // worth trying again later
    std::string error;
};

SendResult smtp_send(const Relay& relay, const std::string& from_address,
                     const std::vector<std::string>& recipients, const std::string& message);

}  // namespace notifier_email
