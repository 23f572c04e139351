#include "mail_text.hpp"

#include <ctime>

namespace notifier_email {

std::string base64(const std::string& in) {
    static const char* table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < in.size(); i += 3) {
        unsigned v = (static_cast<unsigned char>(in[i]) << 16) |
                     (static_cast<unsigned char>(in[i + 1]) << 8) |
                     static_cast<unsigned char>(in[i + 2]);
        for (int k = 18; k >= 0; k -= 6) out += table[(v >> k) & 63];
    }
    if (i < in.size()) {
        unsigned v = static_cast<unsigned char>(in[i]) << 16;
        if (i + 1 < in.size()) v |= static_cast<unsigned char>(in[i + 1]) << 8;
        out += table[(v >> 18) & 63];
        out += table[(v >> 12) & 63];
        out += i + 1 < in.size() ? table[(v >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

std::string render_mail(const Mail& m, long long unix_time) {
    std::time_t t = static_cast<std::time_t>(unix_time);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char date[64];
    std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
    std::string to;
    for (const auto& r : m.to) to += (to.empty() ? "" : ", ") + r;
    std::string out = "From: " + m.from + "\r\nTo: " + to + "\r\nSubject: =?UTF-8?B?" +
                      base64(m.subject) + "?=\r\nDate: " + date + "\r\nMessage-ID: <" +
                      m.message_id + ">\r\nMIME-Version: 1.0\r\nAuto-Submitted: auto-generated\r\n";
    auto part = [](const std::string& type) {
        return "Content-Type: " + type + "\r\nContent-Transfer-Encoding: base64\r\n";
    };
    auto lines = [](const std::string& bytes) {
        std::string b = base64(bytes), text;
        for (std::size_t i = 0; i < b.size(); i += 76) text += b.substr(i, 76) + "\r\n";
        return text;
    };
    if (m.attachments.empty())
        return out + part("text/plain; charset=UTF-8") + "\r\n" + lines(m.body);
    // Base64 lines never contain "=_", so the boundary cannot occur in a part.
    const std::string boundary = "=_redress_" + m.message_id;
    out += "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n";
    out += "--" + boundary + "\r\n" + part("text/plain; charset=UTF-8") + "\r\n" + lines(m.body);
    for (const auto& a : m.attachments)
        out += "--" + boundary + "\r\n" + part(a.content_type) +
               "Content-Disposition: attachment; filename=\"" + a.filename + "\"\r\n\r\n" +
               lines(a.bytes);
    return out + "--" + boundary + "--\r\n";
}

}  // namespace notifier_email
