// mail_text: an RFC 5322 message in UTF-8 that every mail client reads: the
// subject as an RFC 2047 encoded word, the body base64 text/plain.
#pragma once

#include <string>
#include <vector>

namespace notifier_email {

struct Attachment {
    std::string filename;      // ASCII
    std::string content_type;  // "text/html; charset=utf-8"
    std::string bytes;
};

struct Mail {
    std::string from;  // "Redress <service@example.com>"
    std::vector<std::string> to;
    std::string subject;
    std::string body;
    std::string message_id;               // without angle brackets
    std::vector<Attachment> attachments;  // none: a plain text message
};

std::string base64(const std::string& bytes);
// The whole message, CRLF line ends, ready for SMTP DATA; multipart/mixed
// when it has attachments.
std::string render_mail(const Mail& mail, long long unix_time);

}  // namespace notifier_email
