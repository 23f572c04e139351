#include "json_paths.hpp"

#include <utility>

namespace redress_plugins {
using nlohmann::json;

namespace {

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

// A SAX handler that builds only the kept members. Below a member kept whole
// it builds as nlohmann's own parser does; below a dropped one it only counts
// how deep it is, which is where the time goes back.
class Builder {
  public:
    Builder(json& root, const JsonPaths& paths) : root_(root), paths_(paths) {}

    bool null() { return value(nullptr); }
    bool boolean(bool v) { return value(v); }
    bool number_integer(json::number_integer_t v) { return value(v); }
    bool number_unsigned(json::number_unsigned_t v) { return value(v); }
    bool number_float(json::number_float_t v, const std::string&) { return value(v); }
    bool string(std::string& v) { return value(std::move(v)); }
    bool binary(json::binary_t& v) { return value(std::move(v)); }
    bool start_object(std::size_t) { return open(json::value_t::object); }
    bool start_array(std::size_t) { return open(json::value_t::array); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }

    bool key(std::string& name) {
        Frame& top = frames_.back();
        if (top.keep == JsonPaths::Keep::all) {
            key_ = std::move(name);
        } else if (top.keep == JsonPaths::Keep::some) {
            std::size_t length = pointer_.size();
            append_token(pointer_, name);
            next_ = paths_.keep(pointer_);
            child_pointer_.assign(pointer_);
            pointer_.resize(length);
            key_ = std::move(name);
        }
        return true;
    }

    template <class Exception>
    bool parse_error(std::size_t, const std::string&, const Exception& e) {
        throw e;
    }

  private:
    struct Frame {
        json* node;  // null below a dropped member
        JsonPaths::Keep keep;
        std::size_t pointer_length;  // of pointer_ when this frame was opened
    };

    // What the value now arriving is: at the root, in an array or after a key.
    JsonPaths::Keep arriving() const {
        if (frames_.empty()) return JsonPaths::Keep::some;
        const Frame& top = frames_.back();
        if (top.keep != JsonPaths::Keep::some) return top.keep;
        return top.node->is_array() ? JsonPaths::Keep::none : next_;
    }

    json* place(json v) {
        if (frames_.empty()) {
            root_ = std::move(v);
            return &root_;
        }
        json& parent = *frames_.back().node;
        if (parent.is_array()) {
            parent.push_back(std::move(v));
            return &parent.back();
        }
        return &(parent[key_] = std::move(v));
    }

    template <class T>
    bool value(T&& v) {
        JsonPaths::Keep keep = arriving();
        if (keep == JsonPaths::Keep::all || (frames_.empty() && keep == JsonPaths::Keep::some))
            place(json(std::forward<T>(v)));
        return true;
    }

    bool open(json::value_t type) {
        JsonPaths::Keep keep = arriving();
        std::size_t length = pointer_.size();
        if (keep == JsonPaths::Keep::some && type == json::value_t::array)
            keep = JsonPaths::Keep::none;  // elements cannot be named: nothing below is kept
        if (keep == JsonPaths::Keep::none) {
            frames_.push_back({nullptr, keep, length});
            return true;
        }
        json* node = place(json(type));
        if (keep == JsonPaths::Keep::some && !frames_.empty()) pointer_.assign(child_pointer_);
        frames_.push_back({node, keep, length});
        return true;
    }

    bool close() {
        pointer_.resize(frames_.back().pointer_length);
        frames_.pop_back();
        return true;
    }

    json& root_;
    const JsonPaths& paths_;
    std::vector<Frame> frames_;
    std::string key_, pointer_, child_pointer_;
    JsonPaths::Keep next_ = JsonPaths::Keep::none;
};

}  // namespace

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
    json root;
    Builder builder(root, *this);
    json::sax_parse(text.begin(), text.end(), &builder);
    return root;
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
