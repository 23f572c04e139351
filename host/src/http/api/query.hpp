#pragma once

#include <httplib.h>
#include <redress/redress.hpp>

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/time.hpp"
#include "http/api/router.hpp"

namespace redress::http {

// Query parameters, strictly: an unknown or malformed one is a 400 naming it.
class Query {
  public:
    Query(const httplib::Request& req, std::set<std::string> allowed) : req_(req) {
        for (const auto& [key, value] : req.params) {
            if (!redress::is_utf8(key) || !redress::is_utf8(value) ||
                value.find('\0') != std::string::npos)
                throw HttpError{400, "query parameter \"" + printable(key) +
                                         "\": not UTF-8 text (or a NUL character)"};
            if (!allowed.count(key))
                throw HttpError{400, "unknown query parameter \"" + key + "\""};
        }
    }
    std::string text(const std::string& key) const {
        return req_.has_param(key) ? req_.get_param_value(key) : "";
    }
    std::vector<std::string> list(const std::string& key,
                                  const std::vector<std::string>& choices) const {
        std::vector<std::string> out;
        std::string value = text(key);
        for (std::size_t start = 0; !value.empty() && start <= value.size();) {
            auto end = value.find(',', start);
            std::string item =
                value.substr(start, end == std::string::npos ? std::string::npos : end - start);
            if (std::find(choices.begin(), choices.end(), item) == choices.end())
                throw HttpError{400,
                                "query parameter \"" + key + "\": unknown value \"" + item + "\""};
            out.push_back(item);
            if (end == std::string::npos) break;
            start = end + 1;
        }
        return out;
    }
    std::optional<domain::Time> time(const std::string& key) const {
        if (!req_.has_param(key)) return std::nullopt;
        auto t = domain::parse_time(text(key));
        if (!t)
            throw HttpError{400, "query parameter \"" + key +
                                     "\": expected a time like 2026-11-23T10:00:00+08:00"};
        return t;
    }
    std::optional<bool> boolean(const std::string& key) const {
        if (!req_.has_param(key)) return std::nullopt;
        if (text(key) == "true") return true;
        if (text(key) == "false") return false;
        throw HttpError{400, "query parameter \"" + key + "\": expected true or false"};
    }
    long long integer(const std::string& key, long long fallback, long long min,
                      long long max) const {
        if (!req_.has_param(key)) return fallback;
        std::string v = text(key);
        if (v.empty() || v.size() > 18 || v.find_first_not_of("0123456789") != std::string::npos ||
            std::stoll(v) < min || std::stoll(v) > max)
            throw HttpError{400, "query parameter \"" + key + "\": expected a whole number from " +
                                     std::to_string(min) + " to " + std::to_string(max)};
        return std::stoll(v);
    }

  private:
    // A parameter name fit for an error message: bytes that are not text as '?'.
    static std::string printable(const std::string& key) {
        if (redress::is_utf8(key) && key.find('\0') == std::string::npos) return key;
        std::string out;
        for (char c : key) out += (static_cast<unsigned char>(c) < 0x80 && c != '\0') ? c : '?';
        return out;
    }
    const httplib::Request& req_;
};

}  // namespace redress::http
