#include "config/schema.hpp"

#include <cmath>
#include <map>
#include <regex>
#include <set>

namespace redress::config {
namespace {

using nlohmann::json;

const std::set<std::string> kAnnotations = {"title",   "description", "default",  "examples",
                                            "format",  "deprecated",  "readOnly", "writeOnly",
                                            "$schema", "$id",         "$comment"};
const std::set<std::string> kTypes = {"null",   "boolean", "object", "array",
                                      "number", "integer", "string"};

std::string escape_pointer_token(const std::string& token) {
    std::string out;
    for (char c : token) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

std::string type_name(const json& v) {
    switch (v.type()) {
        case json::value_t::null:
            return "null";
        case json::value_t::boolean:
            return "boolean";
        case json::value_t::object:
            return "object";
        case json::value_t::array:
            return "array";
        case json::value_t::string:
            return "string";
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
            return "integer";
        case json::value_t::number_float:
            return "number";
        default:
            return "unknown";
    }
}

bool is_integral(const json& v) {
    if (v.is_number_integer()) return true;
    if (!v.is_number_float()) return false;
    double d = v.get<double>();
    return std::isfinite(d) && std::floor(d) == d;
}

bool has_type(const json& v, const std::string& type) {
    if (type == "integer") return is_integral(v);
    if (type == "number") return v.is_number();
    return type_name(v) == type;
}

std::size_t utf8_length(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

std::string list_of(const json& values) {
    std::string out;
    for (const auto& v : values) out += (out.empty() ? "" : ", ") + v.dump();
    return out;
}

// Schemas are validated once (check_schema) before use, so regexes compile here.
const std::regex& compiled(const std::string& pattern) {
    thread_local std::map<std::string, std::regex> cache;
    auto it = cache.find(pattern);
    if (it == cache.end())
        it = cache.emplace(pattern, std::regex(pattern, std::regex::ECMAScript)).first;
    return it->second;
}

class Validator {
  public:
    std::vector<SchemaViolation> out;

    void run(const json& schema, const json& v, const std::string& at) {
        if (schema.is_boolean()) {
            if (!schema.get<bool>()) fail(at, "no value is allowed here");
            return;
        }
        if (!check_type(schema, v, at)) return;  // other rules are meaningless on the wrong type
        check_enum(schema, v, at);
        if (v.is_number()) check_number(schema, v, at);
        if (v.is_string()) check_string(schema, v.get_ref<const std::string&>(), at);
        if (v.is_array()) check_array(schema, v, at);
        if (v.is_object()) check_object(schema, v, at);
        check_combinators(schema, v, at);
    }

  private:
    void fail(const std::string& at, std::string message) {
        out.push_back({at, std::move(message)});
    }

    bool check_type(const json& schema, const json& v, const std::string& at) {
        auto it = schema.find("type");
        if (it == schema.end()) return true;
        if (it->is_string()) {
            if (has_type(v, it->get<std::string>())) return true;
            fail(at, "expected " + it->get<std::string>() + ", got " + type_name(v));
            return false;
        }
        std::string names;
        for (const auto& t : *it) {
            if (has_type(v, t.get<std::string>())) return true;
            names += (names.empty() ? "" : " or ") + t.get<std::string>();
        }
        fail(at, "expected " + names + ", got " + type_name(v));
        return false;
    }

    void check_enum(const json& schema, const json& v, const std::string& at) {
        if (auto it = schema.find("enum"); it != schema.end()) {
            bool found = false;
            for (const auto& option : *it) found = found || option == v;
            if (!found) fail(at, "must be one of " + list_of(*it) + ", got " + v.dump());
        }
        if (auto it = schema.find("const"); it != schema.end() && *it != v)
            fail(at, "must be " + it->dump() + ", got " + v.dump());
    }

    void check_number(const json& schema, const json& v, const std::string& at) {
        double d = v.get<double>();
        auto bound = [&](const char* key, auto violates, const char* op) {
            auto it = schema.find(key);
            if (it != schema.end() && violates(d, it->template get<double>()))
                fail(at, std::string("must be ") + op + " " + it->dump() + ", got " + v.dump());
        };
        bound(
            "minimum", [](double x, double b) { return x < b; }, ">=");
        bound(
            "maximum", [](double x, double b) { return x > b; }, "<=");
        bound(
            "exclusiveMinimum", [](double x, double b) { return x <= b; }, ">");
        bound(
            "exclusiveMaximum", [](double x, double b) { return x >= b; }, "<");
        if (auto it = schema.find("multipleOf"); it != schema.end()) {
            double q = d / it->get<double>();
            if (std::fabs(q - std::round(q)) > 1e-9)
                fail(at, "must be a multiple of " + it->dump() + ", got " + v.dump());
        }
    }

    void check_string(const json& schema, const std::string& s, const std::string& at) {
        std::size_t length = utf8_length(s);
        if (auto it = schema.find("minLength");
            it != schema.end() && length < it->get<std::size_t>())
            fail(at, "must be at least " + it->dump() + " characters long");
        if (auto it = schema.find("maxLength");
            it != schema.end() && length > it->get<std::size_t>())
            fail(at, "must be at most " + it->dump() + " characters long");
        if (auto it = schema.find("pattern"); it != schema.end()) {
            const auto& pattern = it->get_ref<const std::string&>();
            if (!std::regex_search(s, compiled(pattern)))
                fail(at, "\"" + s + "\" does not match the pattern " + pattern);
        }
    }

    void check_array(const json& schema, const json& v, const std::string& at) {
        if (auto it = schema.find("minItems");
            it != schema.end() && v.size() < it->get<std::size_t>())
            fail(at, "must have at least " + it->dump() + " items");
        if (auto it = schema.find("maxItems");
            it != schema.end() && v.size() > it->get<std::size_t>())
            fail(at, "must have at most " + it->dump() + " items");
        if (auto it = schema.find("uniqueItems"); it != schema.end() && it->get<bool>()) {
            for (std::size_t i = 0; i < v.size(); ++i)
                for (std::size_t j = i + 1; j < v.size(); ++j)
                    if (v[i] == v[j])
                        fail(at + "/" + std::to_string(j), "duplicates item " + std::to_string(i));
        }
        if (auto it = schema.find("items"); it != schema.end())
            for (std::size_t i = 0; i < v.size(); ++i) run(*it, v[i], at + "/" + std::to_string(i));
    }

    void check_object(const json& schema, const json& v, const std::string& at) {
        static const json kEmpty = json::object();
        auto props_it = schema.find("properties");
        const json& props = props_it == schema.end() ? kEmpty : *props_it;
        if (auto it = schema.find("required"); it != schema.end())
            for (const auto& name : *it)
                if (!v.contains(name.get<std::string>()))
                    fail(at, "missing required property \"" + name.get<std::string>() + "\"");
        auto extra = schema.find("additionalProperties");
        for (const auto& [key, member] : v.items()) {
            std::string where = at + "/" + escape_pointer_token(key);
            if (auto p = props.find(key); p != props.end()) {
                run(*p, member, where);
            } else if (extra != schema.end()) {
                if (extra->is_boolean() && !extra->get<bool>()) {
                    std::string allowed;
                    for (const auto& [name, _] : props.items())
                        allowed += (allowed.empty() ? "" : ", ") + name;
                    fail(where, "unknown property \"" + key + "\"" +
                                    (allowed.empty() ? "" : " (allowed: " + allowed + ")"));
                } else {
                    run(*extra, member, where);
                }
            }
        }
    }

    void check_combinators(const json& schema, const json& v, const std::string& at) {
        auto count_valid = [&](const json& list) {
            std::size_t n = 0;
            for (const auto& sub : list) {
                Validator inner;
                inner.run(sub, v, at);
                if (inner.out.empty()) ++n;
            }
            return n;
        };
        if (auto it = schema.find("allOf"); it != schema.end())
            for (const auto& sub : *it) run(sub, v, at);
        if (auto it = schema.find("anyOf"); it != schema.end() && count_valid(*it) == 0)
            fail(at, "matches none of the allowed forms (anyOf)");
        if (auto it = schema.find("oneOf"); it != schema.end()) {
            std::size_t n = count_valid(*it);
            if (n != 1)
                fail(at, n == 0 ? "matches none of the allowed forms (oneOf)"
                                : "matches " + std::to_string(n) +
                                      " forms where exactly one is allowed (oneOf)");
        }
        if (auto it = schema.find("not");
            it != schema.end() && count_valid(json::array({*it})) == 1)
            fail(at, "matches a form that is not allowed (not)");
    }
};

std::optional<std::string> check_schema_at(const json& schema, const std::string& at);

std::optional<std::string> check_subschemas(const json& list, const std::string& at) {
    if (!list.is_array() || list.empty()) return at + ": must be a non-empty array of schemas";
    for (std::size_t i = 0; i < list.size(); ++i)
        if (auto e = check_schema_at(list[i], at + "/" + std::to_string(i))) return e;
    return std::nullopt;
}

std::optional<std::string> check_keyword(const std::string& key, const json& value,
                                         const std::string& at) {
    std::string where = at + "/" + escape_pointer_token(key);
    auto need = [&](bool ok, const char* what) -> std::optional<std::string> {
        if (ok) return std::nullopt;
        return where + ": must be " + what;
    };
    if (kAnnotations.count(key)) return std::nullopt;
    if (key == "type") {
        auto known = [](const json& t) {
            return t.is_string() && kTypes.count(t.get<std::string>());
        };
        if (value.is_array()) {
            for (const auto& t : value)
                if (!known(t)) return where + ": unknown type " + t.dump();
            return need(!value.empty(), "a type name or a non-empty list of type names");
        }
        return need(known(value),
                    "a type name (null, boolean, object, array, number, integer, string)");
    }
    if (key == "enum") return need(value.is_array() && !value.empty(), "a non-empty array");
    if (key == "const") return std::nullopt;
    if (key == "properties") {
        if (!value.is_object()) return where + ": must be an object";
        for (const auto& [name, sub] : value.items())
            if (auto e = check_schema_at(sub, where + "/" + escape_pointer_token(name))) return e;
        return std::nullopt;
    }
    if (key == "required") {
        bool ok = value.is_array();
        for (const auto& n : value) ok = ok && n.is_string();
        return need(ok, "an array of property names");
    }
    if (key == "additionalProperties" || key == "items" || key == "not")
        return check_schema_at(value, where);
    if (key == "anyOf" || key == "oneOf" || key == "allOf") return check_subschemas(value, where);
    if (key == "minItems" || key == "maxItems" || key == "minLength" || key == "maxLength")
        return need(value.is_number_unsigned() ||
                        (value.is_number_integer() && value.get<long long>() >= 0),
                    "a non-negative integer");
    if (key == "minimum" || key == "maximum" || key == "exclusiveMinimum" ||
        key == "exclusiveMaximum")
        return need(value.is_number(), "a number");
    if (key == "multipleOf")
        return need(value.is_number() && value.get<double>() > 0, "a positive number");
    if (key == "uniqueItems") return need(value.is_boolean(), "a boolean");
    if (key == "pattern") {
        if (!value.is_string()) return where + ": must be a string";
        try {
            std::regex re(value.get<std::string>(), std::regex::ECMAScript);
        } catch (const std::regex_error& e) {
            return where + ": invalid regular expression: " + e.what();
        }
        return std::nullopt;
    }
    return where + ": unsupported keyword \"" + key + "\"";
}

std::optional<std::string> check_schema_at(const json& schema, const std::string& at) {
    if (schema.is_boolean()) return std::nullopt;
    if (!schema.is_object())
        return (at.empty() ? "/" : at) + ": a schema must be an object or a boolean";
    for (const auto& [key, value] : schema.items())
        if (auto e = check_keyword(key, value, at)) return e;
    return std::nullopt;
}

}  // namespace

std::optional<std::string> check_schema(const json& schema) {
    return check_schema_at(schema, "");
}

std::vector<SchemaViolation> validate(const json& schema, const json& value,
                                      const std::string& base) {
    Validator v;
    v.run(schema, value, base);
    return std::move(v.out);
}

void apply_defaults(const json& schema, json& value) {
    if (!schema.is_object()) return;
    if (value.is_object()) {
        if (auto props = schema.find("properties"); props != schema.end()) {
            for (const auto& [name, sub] : props->items()) {
                if (!value.contains(name) && sub.is_object() && sub.contains("default"))
                    value[name] = sub["default"];
                if (value.contains(name)) apply_defaults(sub, value[name]);
            }
        }
    } else if (value.is_array()) {
        if (auto items = schema.find("items"); items != schema.end())
            for (auto& item : value) apply_defaults(*items, item);
    }
}

}  // namespace redress::config
