#include "mail_message.hpp"

#include <gmime/gmime.h>

#include <memory>
#include <mutex>

#include "html_text.hpp"

namespace intake_email {
namespace {

// GObject references and g_malloc'd strings, released on every path.
struct Unref {
    void operator()(gpointer p) const noexcept {
        if (p != nullptr) g_object_unref(p);
    }
};
template <class T>
using Ref = std::unique_ptr<T, Unref>;

struct GFree {
    void operator()(gpointer p) const noexcept { g_free(p); }
};
using GString_ = std::unique_ptr<char, GFree>;

// Raw 8-bit text in a header or a part without a charset is tried as these.
const char* kFallbackCharsets[] = {"UTF-8", "GB18030", "Big5", nullptr};

void init_gmime() {
    static std::once_flag once;
    std::call_once(once, [] { g_mime_init(); });
}

// Text that is not UTF-8 (a part that did not say its charset) is read as the
// Chinese charsets mail actually uses, else repaired.
std::string as_utf8(std::string text) {
    if (g_utf8_validate(text.data(), static_cast<gssize>(text.size()), nullptr)) return text;
    for (const char* charset : {"GB18030", "Big5"}) {
        gsize written = 0;
        GString_ converted(g_convert(text.data(), static_cast<gssize>(text.size()), "UTF-8",
                                     charset, nullptr, &written, nullptr));
        if (converted) return std::string(converted.get(), written);
    }
    GString_ repaired(g_utf8_make_valid(text.data(), static_cast<gssize>(text.size())));
    return repaired ? std::string(repaired.get()) : std::string();
}

std::string bytes_of(GMimeObject* object, bool decoded) {
    Ref<GMimeStream> stream(g_mime_stream_mem_new());
    if (decoded && GMIME_IS_PART(object)) {
        GMimeDataWrapper* content = g_mime_part_get_content(GMIME_PART(object));
        if (content != nullptr) g_mime_data_wrapper_write_to_stream(content, stream.get());
    } else {
        g_mime_object_write_to_stream(object, nullptr, stream.get());
    }
    GByteArray* array = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(stream.get()));
    return std::string(reinterpret_cast<const char*>(array->data), array->len);
}

std::string media_type_of(GMimeObject* object) {
    GMimeContentType* type = g_mime_object_get_content_type(object);
    if (type == nullptr) return "application/octet-stream";
    GString_ name(g_mime_content_type_get_mime_type(type));
    return name ? std::string(name.get()) : "application/octet-stream";
}

struct Walk {
    std::optional<std::string> plain, html;
    std::vector<MailAttachment> attachments;
};

void walk(GMimeObject* object, Walk& w) {
    if (GMIME_IS_MULTIPART(object)) {
        GMimeMultipart* multipart = GMIME_MULTIPART(object);
        int count = g_mime_multipart_get_count(multipart);
        for (int i = 0; i < count; ++i) walk(g_mime_multipart_get_part(multipart, i), w);
        return;
    }
    if (GMIME_IS_MESSAGE_PART(object)) {  // a forwarded message: kept whole
        GMimeMessage* inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object));
        if (inner != nullptr)
            w.attachments.push_back(
                {"forwarded.eml", "message/rfc822", bytes_of(GMIME_OBJECT(inner), false)});
        return;
    }
    if (!GMIME_IS_PART(object)) return;
    GMimePart* part = GMIME_PART(object);
    bool attachment = g_mime_part_is_attachment(part);
    if (GMIME_IS_TEXT_PART(object) && !attachment) {
        GString_ text(g_mime_text_part_get_text(GMIME_TEXT_PART(object)));
        std::string body = as_utf8(text ? std::string(text.get()) : std::string());
        GMimeContentType* type = g_mime_object_get_content_type(object);
        bool is_html = type != nullptr && g_mime_content_type_is_type(type, "text", "html");
        auto& slot = is_html ? w.html : w.plain;
        if (!slot)
            slot = body;
        else
            *slot += "\n\n" + body;  // several inline text parts: keep them all
        return;
    }
    const char* filename = g_mime_part_get_filename(part);
    w.attachments.push_back({filename != nullptr ? as_utf8(filename) : "attachment",
                             media_type_of(object), bytes_of(object, true)});
}

// Mail travels with CRLF line ends; a complaint's text has LF.
std::string unix_lines(std::string s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i)
        if (!(s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n')) out += s[i];
    return out;
}

std::string trim(std::string s) {
    auto begin = s.find_first_not_of(" \t\r\n");
    if (begin == std::string::npos) return "";
    return s.substr(begin, s.find_last_not_of(" \t\r\n") - begin + 1);
}

}  // namespace

MailMessage parse_mail(std::string_view raw) {
    init_gmime();
    if (raw.empty()) throw MailError("the file is empty");
    Ref<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(raw.data(), raw.size()));
    Ref<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
    std::unique_ptr<GMimeParserOptions, void (*)(GMimeParserOptions*)> options(
        g_mime_parser_options_new(), &g_mime_parser_options_free);
    g_mime_parser_options_set_fallback_charsets(options.get(), kFallbackCharsets);
    Ref<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), options.get()));
    if (!message) throw MailError("not an e-mail message: GMime found no headers and body");

    MailMessage m;
    if (const char* id = g_mime_message_get_message_id(message.get())) m.message_id = trim(id);
    InternetAddressList* from = g_mime_message_get_from(message.get());
    for (int i = 0; from != nullptr && i < internet_address_list_length(from); ++i) {
        InternetAddress* address = internet_address_list_get_address(from, i);
        if (!INTERNET_ADDRESS_IS_MAILBOX(address)) continue;
        const char* addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address));
        if (addr == nullptr || std::string_view(addr).find('@') == std::string_view::npos) continue;
        m.from_address = addr;
        if (const char* name = internet_address_get_name(address)) m.from_name = as_utf8(name);
        break;
    }
    if (m.from_address.empty())
        throw MailError("no sender address: the From header is missing or has no mailbox");
    if (const char* subject = g_mime_message_get_subject(message.get()))
        m.subject = trim(as_utf8(subject));
    if (GDateTime* date = g_mime_message_get_date(message.get()))
        m.date = g_date_time_to_unix(date);

    Walk w;
    if (GMimeObject* body = g_mime_message_get_mime_part(message.get())) walk(body, w);
    m.text = trim(unix_lines(w.plain ? *w.plain : w.html ? html_to_text(*w.html) : std::string()));
    m.attachments = std::move(w.attachments);
    if (m.subject.empty() && m.text.empty() && m.attachments.empty())
        throw MailError("nothing to record: no subject, no text and no attachment");
    return m;
}

}  // namespace intake_email
