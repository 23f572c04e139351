#include "form_data.hpp"

#include <cctype>

namespace intake_webform {
namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

}  // namespace

std::string header_parameter(std::string_view header, std::string_view name, char separator) {
    while (!header.empty()) {
        auto end = header.find(separator);
        std::string_view item = trim(header.substr(0, end));
        auto eq = item.find('=');
        if (eq != std::string_view::npos && lower(trim(item.substr(0, eq))) == lower(name)) {
            std::string_view value = trim(item.substr(eq + 1));
            if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
                value = value.substr(1, value.size() - 2);
            return std::string(value);
        }
        if (end == std::string_view::npos) break;
        header.remove_prefix(end + 1);
    }
    return "";
}

FormData parse_multipart(std::string_view body, std::string_view content_type) {
    std::string boundary = header_parameter(content_type, "boundary");
    if (boundary.empty() || boundary.size() > 200)
        throw FormError("multipart/form-data without a boundary");
    std::string delimiter = "--" + boundary;
    FormData form;
    auto pos = body.find(delimiter);
    if (pos == std::string_view::npos) throw FormError("the multipart body has no part");
    for (;;) {
        pos += delimiter.size();
        if (body.substr(pos, 2) == "--") return form;  // the closing delimiter
        if (body.substr(pos, 2) != "\r\n") throw FormError("a malformed multipart delimiter");
        pos += 2;
        auto headers_end = body.find("\r\n\r\n", pos);
        if (headers_end == std::string_view::npos)
            throw FormError("a multipart part without headers");
        std::string_view headers = body.substr(pos, headers_end - pos);
        auto next = body.find("\r\n" + delimiter, headers_end + 4);
        if (next == std::string_view::npos) throw FormError("the multipart body is cut short");
        std::string_view content = body.substr(headers_end + 4, next - headers_end - 4);

        std::string disposition, type;
        while (!headers.empty()) {
            auto eol = headers.find("\r\n");
            std::string_view line = headers.substr(0, eol);
            auto colon = line.find(':');
            if (colon != std::string_view::npos) {
                std::string key = lower(trim(line.substr(0, colon)));
                if (key == "content-disposition") disposition = trim(line.substr(colon + 1));
                if (key == "content-type") type = trim(line.substr(colon + 1));
            }
            if (eol == std::string_view::npos) break;
            headers.remove_prefix(eol + 2);
        }
        std::string name = header_parameter(disposition, "name");
        bool is_file = disposition.find("filename=") != std::string::npos;
        if (is_file) {
            std::string filename = header_parameter(disposition, "filename");
            if (!filename.empty() || !content.empty())  // an empty file input sends neither
                form.files.push_back({name, filename, type, std::string(content)});
        } else if (!name.empty()) {
            form.fields[name] = std::string(content);
        }
        pos = next + 2;
    }
}

}  // namespace intake_webform
