#include "submission.hpp"

#include <redress/redress.hpp>

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "media_type.hpp"

namespace intake_webform {
using nlohmann::json;

namespace {

const char* const kFields[] = {"name",         "phone",       "email", "product",
                               "purchased_at", "description", "demand"};

std::string trim(const std::string& s) {
    auto begin = s.find_first_not_of(" \t\r\n");
    if (begin == std::string::npos) return "";
    return s.substr(begin, s.find_last_not_of(" \t\r\n") - begin + 1);
}

// Characters, not bytes: the limits the host counts too.
std::size_t length_utf8(const std::string& s) {
    return static_cast<std::size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

template <class... A>
std::string format(const char* pattern, A... args) {
    char buf[400];
    std::snprintf(buf, sizeof buf, pattern, args...);
    return buf;
}

bool valid_email(const std::string& e) {
    auto at = e.find('@');
    return at != std::string::npos && at > 0 && e.find('.', at) != std::string::npos &&
           e.back() != '.' && e.find_first_of(" \t<>,;\"") == std::string::npos &&
           e.find('@', at + 1) == std::string::npos;
}

bool valid_phone(const std::string& p) {
    int digits = static_cast<int>(
        std::count_if(p.begin(), p.end(), [](char c) { return c >= '0' && c <= '9'; }));
    return digits >= 5 && p.find_first_not_of("0123456789 +-()") == std::string::npos;
}

bool valid_date(const std::string& d) {
    int y, m, day;
    char tail;
    if (d.size() != 10 || std::sscanf(d.c_str(), "%4d-%2d-%2d%c", &y, &m, &day, &tail) != 3)
        return false;
    return y >= 1970 && m >= 1 && m <= 12 && day >= 1 && day <= 31;
}

}  // namespace

Values form_values(const std::map<std::string, std::string>& fields) {
    Values out;
    for (const char* name : kFields)
        if (auto it = fields.find(name); it != fields.end()) out[name] = trim(it->second);
    return out;
}

Submission check(const Values& values, const std::vector<UploadedFile>& files, const Rules& rules,
                 const Texts& t) {
    Submission s;
    auto get = [&](const char* key) {
        auto it = values.find(key);
        return it == values.end() ? std::string() : it->second;
    };
    auto limit = [&](const char* key, std::size_t max) {
        if (length_utf8(get(key)) > max)
            s.problems[key] = format(t.too_long, static_cast<int>(max));
    };
    if (get("description").empty()) s.problems["description"] = t.required;
    for (const char* key :
         {"name", "phone", "email", "product", "description", "demand", "purchased_at"})
        if (!redress::is_utf8(get(key))) s.problems[key] = t.not_text;
    for (const char* key : {"name", "phone", "email"}) limit(key, 200);
    limit("product", 500);
    limit("description", 20000);
    limit("demand", 20000);
    std::string phone = get("phone"), email = get("email");
    if (phone.empty() && email.empty()) s.problems["phone"] = t.contact_required;
    if (!phone.empty() && !valid_phone(phone)) s.problems["phone"] = t.phone_invalid;
    if (!email.empty() && !valid_email(email)) s.problems["email"] = t.email_invalid;
    if (!get("purchased_at").empty() && !valid_date(get("purchased_at")))
        s.problems["purchased_at"] = t.date_invalid;

    std::size_t total = 0;
    if (static_cast<int>(files.size()) > rules.max_files)
        s.problems["attachments"] = format(t.too_many_files, rules.max_files);
    for (const auto& f : files) {
        total += f.bytes.size();
        std::string type = sniff_media_type(f.bytes);
        s.media_types.push_back(type);
        if (!redress::is_utf8(f.filename)) s.problems["attachments"] = t.not_text;
        if (f.bytes.size() > rules.max_file_bytes)
            s.problems["attachments"] = format(t.file_too_large, f.filename.c_str(),
                                               static_cast<int>(rules.max_file_bytes >> 20));
        else if (type.empty() || std::find(rules.allowed_types.begin(), rules.allowed_types.end(),
                                           type) == rules.allowed_types.end())
            s.problems["attachments"] = format(t.file_type, f.filename.c_str());
    }
    if (total > rules.max_total_bytes)
        s.problems["attachments"] =
            format(t.total_too_large, static_cast<int>(rules.max_total_bytes >> 20));
    if (!s.problems.empty()) return s;

    json customer = json::object();
    if (!get("name").empty()) customer["name"] = get("name");
    if (!phone.empty()) customer["phone"] = phone;
    if (!email.empty()) customer["email"] = email;
    s.complaint = {
        {"channel", "web_form"}, {"customer", customer}, {"description", get("description")}};
    for (const char* key : {"product", "demand"})
        if (!get(key).empty()) s.complaint[key] = get(key);
    if (!get("purchased_at").empty())
        s.complaint["purchased_at"] = get("purchased_at") + "T00:00:00Z";
    return s;
}

Problems host_problems(const std::string& explanation) {
    Problems out;
    json doc = json::parse(explanation, nullptr, false);
    if (!doc.is_object() || !doc.contains("errors") || !doc["errors"].is_array()) return out;
    for (const auto& e : doc["errors"]) {
        std::string field = e.value("field", "");
        std::string name = field.rfind("/customer/", 0) == 0 ? field.substr(10)
                           : field.empty()                   ? ""
                                                             : field.substr(1);
        if (name.rfind("attachments", 0) == 0) name = "attachments";
        if (std::find(std::begin(kFields), std::end(kFields), name) != std::end(kFields) ||
            name == "attachments")
            out[name] = e.value("message", "");
    }
    return out;
}

}  // namespace intake_webform
