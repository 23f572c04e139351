#include "smtp_send.hpp"

#include <curl/curl.h>

#include <cstring>
#include <memory>
#include <mutex>

namespace notifier_email {
namespace {

struct Upload {
    const std::string* text;
    std::size_t at = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
    auto* u = static_cast<Upload*>(user);
    std::size_t n = std::min(size * count, u->text->size() - u->at);
    std::memcpy(buffer, u->text->data() + u->at, n);
    u->at += n;
    return n;
}

}  // namespace

SendResult smtp_send(const Relay& relay, const std::string& from_address,
                     const std::vector<std::string>& recipients, const std::string& message) {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    SendResult r;
    std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_easy_init(), &curl_easy_cleanup);
    if (!curl) {
        r.transient = true;
        r.error = "curl_easy_init failed";
        return r;
    }
    curl_slist* list = nullptr;
    for (const auto& to : recipients) list = curl_slist_append(list, ("<" + to + ">").c_str());
    std::unique_ptr<curl_slist, void (*)(curl_slist*)> rcpt(list, &curl_slist_free_all);
    Upload upload{&message};
    char error[CURL_ERROR_SIZE] = {0};
    CURL* c = curl.get();
    std::string from = "<" + from_address + ">";
    curl_easy_setopt(c, CURLOPT_URL, relay.url.c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, list);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, &read_upload);
    curl_easy_setopt(c, CURLOPT_READDATA, &upload);
    curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(relay.timeout.count()));
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
    if (relay.starttls) curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
    if (!relay.username.empty()) {
        curl_easy_setopt(c, CURLOPT_USERNAME, relay.username.c_str());
        curl_easy_setopt(c, CURLOPT_PASSWORD, relay.password.c_str());
    }
    CURLcode code = curl_easy_perform(c);
    if (code == CURLE_OK) {
        r.ok = true;
        return r;
    }
    long reply = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply);
    r.error = (error[0] != '\0' ? std::string(error) : curl_easy_strerror(code)) +
              (reply > 0 ? " (SMTP " + std::to_string(reply) + ")" : "");
    // A 5xx reply is the relay's final word (no such mailbox, refused); the rest may pass.
    r.transient = !(reply >= 500 && reply < 600) && code != CURLE_LOGIN_DENIED;
    return r;
}

}  // namespace notifier_email
