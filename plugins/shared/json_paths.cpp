#include "json_paths.hpp"

#include "json_check.hpp"

namespace redress_plugins {
using nlohmann::json;

namespace {

constexpr auto npos = std::string_view::npos;

// "~" and "/" in a member's name, written as a JSON pointer writes them.
void append_token(std::string& pointer, const std::string& name) {
    pointer += '/';
    for (char c : name) {
        if (c == '~')
            pointer += "~0";
        else if (c == '/')
            pointer += "~1";
        else
            pointer += c;
    }
}

// Walks the objects on the way to the kept members. Every value it passes is
// measured by the fast check (json_value_length), which also judges it; only
// kept values are handed to nlohmann's parser, and nlohmann's parser, slow at
// about 120 MB/s, was where the time went. Any fault ends the walk: the
// caller then lets nlohmann's parser judge the text, so its error is the one
// thrown.
class Walker {
  public:
    Walker(std::string_view text, const JsonPaths& paths) : text_(text), paths_(paths) {}

    // False when the text is not one JSON value.
    bool document(json& out) {
        std::size_t at = 0;
        // A UTF-8 byte order mark is skipped, as nlohmann's reader does.
        if (text_.substr(0, 3) == "\xEF\xBB\xBF") at = 3;
        at = skip_space(at);
        if (at == text_.size()) return false;
        std::size_t end = npos;
        if (text_[at] == '{') {
            out = json::object();
            end = object(at, "", out);
        } else {
            std::size_t length = json_value_length(text_.substr(at));
            if (length == npos) return false;
            end = at + length;
            if (text_[at] != '[') out = json::parse(text_.substr(at, length));  // a scalar
        }
        return end != npos && skip_space(end) == text_.size();
    }

  private:
    // The object at `at` ('{'), its kept members put into `out`; returns the
    // position after it, or npos.
    std::size_t object(std::size_t at, const std::string& pointer, json& out) {
        at = skip_space(at + 1);
        if (at < text_.size() && text_[at] == '}') return at + 1;
        for (;;) {
            if (at >= text_.size() || text_[at] != '"') return npos;
            std::size_t length = json_value_length(text_.substr(at));
            if (length == npos) return npos;
            std::string name = member_name(text_.substr(at, length));
            at = skip_space(at + length);
            if (at >= text_.size() || text_[at] != ':') return npos;
            at = skip_space(at + 1);
            if (at >= text_.size()) return npos;
            std::string child = pointer;
            append_token(child, name);
            JsonPaths::Keep keep = paths_.keep(child);
            if (keep == JsonPaths::Keep::some && text_[at] == '{') {
                json& member = out[name] = json::object();
                at = object(at, child, member);
                if (at == npos) return npos;
            } else {
                length = json_value_length(text_.substr(at));
                if (length == npos) return npos;
                if (keep == JsonPaths::Keep::all)
                    out[name] = json::parse(text_.substr(at, length));
                else if (keep == JsonPaths::Keep::some)
                    out.erase(name);  // a later duplicate that is no object: the last one counts
                at += length;
            }
            at = skip_space(at);
            if (at >= text_.size()) return npos;
            if (text_[at] == '}') return at + 1;
            if (text_[at] != ',') return npos;
            at = skip_space(at + 1);
        }
    }

    // A member's name from its JSON string (already checked): escapes decoded.
    static std::string member_name(std::string_view quoted) {
        std::string_view inner = quoted.substr(1, quoted.size() - 2);
        if (inner.find('\\') == npos) return std::string(inner);
        return json::parse(quoted).get<std::string>();
    }

    std::size_t skip_space(std::size_t at) const {
        while (at < text_.size() &&
               (text_[at] == ' ' || text_[at] == '\t' || text_[at] == '\n' || text_[at] == '\r'))
            ++at;
        return at;
    }

    std::string_view text_;
    const JsonPaths& paths_;
};

json pruned(const json& doc, const JsonPaths& paths, const std::string& pointer) {
    json out = json::object();
    for (const auto& [name, value] : doc.items()) {
        std::string child = pointer;
        append_token(child, name);
        auto keep = paths.keep(child);
        if (keep == JsonPaths::Keep::all)
            out[name] = value;
        else if (keep == JsonPaths::Keep::some && value.is_object())
            out[name] = pruned(value, paths, child);
    }
    return out;
}

}  // namespace

json JsonPaths::prune(const json& doc) const {
    if (doc.is_object()) return pruned(doc, *this, "");
    return doc.is_array() ? json() : doc;
}

JsonPaths::JsonPaths(const std::vector<std::string>& pointers) {
    for (const auto& pointer : pointers) {
        whole_.insert(pointer);
        for (std::size_t slash = pointer.find('/', 1); slash != std::string::npos;
             slash = pointer.find('/', slash + 1))
            parents_.insert(pointer.substr(0, slash));
    }
}

JsonPaths::Keep JsonPaths::keep(const std::string& pointer) const {
    if (whole_.count(pointer)) return Keep::all;
    if (parents_.count(pointer)) return Keep::some;
    return Keep::none;
}

json JsonPaths::parse(std::string_view text) const {
    json out;
    if (Walker(text, *this).document(out)) return out;
    // Not JSON by the fast check: nlohmann's parser throws its own error. Were
    // the two ever to disagree, its document pruned is the answer all the same.
    return prune(json::parse(text));
}

std::optional<json> JsonPaths::parse_object(std::string_view text) const {
    try {
        json doc = parse(text);
        if (doc.is_object()) return doc;
    } catch (const json::exception&) {
    }
    return std::nullopt;
}

}  // namespace redress_plugins
