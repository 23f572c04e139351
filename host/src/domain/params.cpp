#include "domain/params.hpp"

#include <algorithm>

namespace redress::domain {
using nlohmann::json;

namespace {

std::string type_of(const json& v) {
    if (v.is_string()) return "string";
    if (v.is_boolean()) return "boolean";
    if (v.is_number_integer() || v.is_number_unsigned()) return "integer";
    if (v.is_number()) return "number";
    if (v.is_array()) return "array";
    if (v.is_object()) return "object";
    return "null";
}

bool valid_utf8(const std::string& s) {
    try {
        (void)json(s).dump();
        return true;
    } catch (const json::type_error&) {
        return false;
    }
}

}  // namespace

Params::Params(const json& body, const std::vector<std::string_view>& allowed, std::string pointer)
    : Params(body, allowed, std::move(pointer), std::make_shared<std::vector<FieldError>>()) {}

Params::Params(const json& body, const std::vector<std::string_view>& allowed, std::string pointer,
               std::shared_ptr<std::vector<FieldError>> errors)
    : body_(body), pointer_(std::move(pointer)), errors_(std::move(errors)) {
    if (!body_.is_object()) {
        errors_->push_back(
            {pointer_.empty() ? "/" : pointer_, "expected an object, got " + type_of(body_)});
        return;
    }
    for (const auto& [key, _] : body_.items())
        if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
            error(key, "unknown field");
}

Params Params::nested(const json& body, const std::vector<std::string_view>& allowed,
                      std::string_view key) const {
    return Params(body, allowed, at(key), errors_);
}

void Params::error(std::string_view key, std::string message) {
    errors_->push_back({at(key), std::move(message)});
}

const json* Params::find(std::string_view key, bool required) {
    if (!body_.is_object()) return nullptr;
    auto it = body_.find(key);
    if (it == body_.end() || it->is_null()) {
        if (required) error(key, "required");
        return nullptr;
    }
    return &*it;
}

std::optional<std::string> Params::text(std::string_view key, bool required,
                                        std::size_t max_length) {
    const json* v = find(key, required);
    if (v == nullptr) return std::nullopt;
    if (!v->is_string()) {
        error(key, "expected a string, got " + type_of(*v));
        return std::nullopt;
    }
    std::string s = v->get<std::string>();
    if (!valid_utf8(s)) {
        error(key, "is not valid UTF-8");
        return std::nullopt;
    }
    auto first = s.find_first_not_of(" \t\r\n");
    s = first == std::string::npos ? std::string()
                                   : s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
    if (s.empty()) {
        if (required) error(key, "must not be empty");
        return std::nullopt;
    }
    if (s.size() > max_length) {
        error(key, "longer than " + std::to_string(max_length) + " bytes");
        return std::nullopt;
    }
    return s;
}

std::optional<Time> Params::time(std::string_view key, bool required) {
    const json* v = find(key, required);
    if (v == nullptr) return std::nullopt;
    auto t = v->is_string() ? parse_time(v->get<std::string>()) : std::nullopt;
    if (!t) error(key, "expected a time like 2026-11-23T10:00:00+08:00");
    return t;
}

std::optional<long long> Params::integer(std::string_view key, bool required, long long min,
                                         long long max) {
    const json* v = find(key, required);
    if (v == nullptr) return std::nullopt;
    if (!v->is_number_integer() && !v->is_number_unsigned()) {
        error(key, "expected an integer, got " + type_of(*v));
        return std::nullopt;
    }
    if (v->is_number_unsigned() &&
        v->get<unsigned long long>() > static_cast<unsigned long long>(max)) {
        error(key, "must be between " + std::to_string(min) + " and " + std::to_string(max));
        return std::nullopt;
    }
    long long n = v->get<long long>();
    if (n < min || n > max) {
        error(key, "must be between " + std::to_string(min) + " and " + std::to_string(max));
        return std::nullopt;
    }
    return n;
}

std::optional<bool> Params::boolean(std::string_view key, bool required) {
    const json* v = find(key, required);
    if (v == nullptr) return std::nullopt;
    if (!v->is_boolean()) {
        error(key, "expected true or false, got " + type_of(*v));
        return std::nullopt;
    }
    return v->get<bool>();
}

std::vector<std::string> Params::strings(std::string_view key, std::size_t max_items) {
    const json* v = find(key, false);
    std::vector<std::string> out;
    if (v == nullptr) return out;
    if (!v->is_array() || v->size() > max_items) {
        error(key, "expected a list of at most " + std::to_string(max_items) + " strings");
        return out;
    }
    for (std::size_t i = 0; i < v->size(); ++i) {
        const json& item = (*v)[i];
        if (!item.is_string() || item.get<std::string>().empty() ||
            !valid_utf8(item.get<std::string>()))
            error(std::string(key) + "/" + std::to_string(i), "expected a non-empty string");
        else
            out.push_back(item.get<std::string>());
    }
    return out;
}

std::optional<std::string> Params::choice(std::string_view key, bool required,
                                          const std::vector<std::string>& choices) {
    auto s = text(key, required);
    if (!s) return std::nullopt;
    if (std::find(choices.begin(), choices.end(), *s) == choices.end()) {
        std::string list;
        for (const auto& c : choices) list += (list.empty() ? "" : ", ") + c;
        error(key, "must be one of " + list + ", got \"" + *s + "\"");
        return std::nullopt;
    }
    return s;
}

const json* Params::object(std::string_view key, bool required) {
    const json* v = find(key, required);
    if (v != nullptr && !v->is_object()) {
        error(key, "expected an object, got " + type_of(*v));
        return nullptr;
    }
    return v;
}

void Params::finish() const {
    if (!errors_->empty()) throw DomainError::invalid(*errors_);
}

}  // namespace redress::domain
