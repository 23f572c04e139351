// http_post: one HTTP(S) POST with libcurl, with connect and total timeouts.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace notifier_webhook {

struct PostResult {
    long status = 0;    // 0 when no answer came (connection refused, timeout...)
    std::string error;  // curl's explanation when status is 0
    std::string body;   // the first KiB of the answer, for the log
};

PostResult http_post(const std::string& url, const std::vector<std::string>& headers,
                     const std::string& body, std::chrono::milliseconds timeout, bool verify_tls);

}  // namespace notifier_webhook
