#include "html_text.hpp"

#include <cctype>
#include <cstdint>
#include <cstdlib>

namespace intake_email {
namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// Decodes the entity starting at html[i] == '&'; returns the characters used (0: not one).
std::size_t decode_entity(std::string_view html, std::size_t i, std::string& out) {
    auto semi = html.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) return 0;
    std::string name(html.substr(i + 1, semi - i - 1));
    if (name.size() > 1 && name[0] == '#') {
        bool hex = name[1] == 'x' || name[1] == 'X';
        char* end = nullptr;
        unsigned long cp = std::strtoul(name.c_str() + (hex ? 2 : 1), &end, hex ? 16 : 10);
        if (end == nullptr || *end != '\0') return 0;
        append_utf8(out, static_cast<std::uint32_t>(cp));
        return semi - i + 1;
    }
    static const std::pair<const char*, const char*> named[] = {
        {"amp", "&"},   {"lt", "<"},    {"gt", ">"},    {"quot", "\""},
        {"apos", "'"},  {"nbsp", " "},  {"copy", "©"},  {"hellip", "…"},
        {"mdash", "—"}, {"ldquo", "“"}, {"rdquo", "”"}, {"yen", "¥"}};
    for (const auto& [entity, text] : named)
        if (name == entity) {
            out += text;
            return semi - i + 1;
        }
    return 0;
}

// Squeezes runs of spaces, keeps at most one blank line, trims.
std::string tidy(const std::string& text) {
    std::string out;
    int newlines = 0;
    bool space = false;
    for (char c : text) {
        if (c == '\n') {
            if (newlines < 2 && !out.empty()) out += '\n';
            ++newlines;
            space = false;
        } else if (c == ' ' || c == '\t' || c == '\r') {
            space = !out.empty() && newlines == 0;
        } else {
            if (space) out += ' ';
            out += c;
            newlines = 0;
            space = false;
        }
    }
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    return out;
}

}  // namespace

std::string html_to_text(std::string_view html) {
    std::string out;
    std::size_t i = 0;
    while (i < html.size()) {
        char c = html[i];
        if (c == '<') {
            auto close = html.find('>', i);
            if (close == std::string_view::npos) break;
            std::string tag = lower(html.substr(i + 1, close - i - 1));
            std::string name = tag.substr(0, tag.find_first_of(" \t\r\n/", tag[0] == '/' ? 1 : 0));
            if (name == "script" || name == "style" || name == "head") {
                auto end = lower(html.substr(close)).find("</" + name);
                i = end == std::string::npos ? html.size() : close + end;
                continue;
            }
            if (name == "br" || name == "/p" || name == "/div" || name == "/li" || name == "/tr" ||
                name == "/h1" || name == "/h2" || name == "/h3" || name == "p" || name == "li")
                out += '\n';
            if (name == "td" || name == "th") out += ' ';
            i = close + 1;
        } else if (c == '&') {
            std::size_t used = decode_entity(html, i, out);
            if (used == 0) out += '&';
            i += used == 0 ? 1 : used;
        } else {
            out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
            ++i;
        }
    }
    return tidy(out);
}

}  // namespace intake_email
