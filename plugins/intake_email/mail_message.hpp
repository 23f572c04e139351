// mail_message: one e-mail, parsed with GMime 3 into what a complaint needs:
// sender, subject (RFC 2047 encoded words in any charset iconv knows: UTF-8,
// GB2312, GBK, Big5...), the body as UTF-8 text (text/plain preferred, else
// HTML turned into text) and the attachments.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace intake_email {

struct MailAttachment {
    std::string name;
    std::string media_type;
    std::string bytes;
};

struct MailMessage {
    std::string message_id;  // without angle brackets; "" when the message has none
    std::string from_name;
    std::string from_address;
    std::string subject;
    std::string text;
    std::optional<std::int64_t> date;  // the Date header, Unix seconds
    std::vector<MailAttachment> attachments;
};

// A message that cannot become a complaint; what() says why, for the quarantine.
class MailError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Parses a whole message (headers and body). Throws MailError.
MailMessage parse_mail(std::string_view raw);

}  // namespace intake_email
