// An email as intake_email reads it from a Maildir: MIME structure, encodings,
// charsets, attachments, and HTML bodies turned into text.
#include <cstdint>
#include <string_view>

#include "html_text.hpp"
#include "mail_message.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view raw(reinterpret_cast<const char*>(data), size);
    try {
        auto mail = intake_email::parse_mail(raw);
        (void)mail;
    } catch (const intake_email::MailError&) {
    }
    (void)intake_email::html_to_text(raw);
    return 0;
}
