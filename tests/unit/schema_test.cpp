// The settings-schema validator: what plugin authors and admins rely on to get
// errors that name the JSON path and the problem.
#include <catch2/catch.hpp>

#include "config/schema.hpp"

using nlohmann::json;
using redress::config::apply_defaults;
using redress::config::check_schema;
using redress::config::validate;

namespace {

const json kSchema = json::parse(R"({
  "type": "object",
  "additionalProperties": false,
  "required": ["path"],
  "properties": {
    "path": {"type": "string", "minLength": 1},
    "retries": {"type": "integer", "minimum": 0, "maximum": 10, "default": 3},
    "mode": {"enum": ["fast", "safe"], "default": "safe"},
    "tags": {"type": "array", "items": {"type": "string", "pattern": "^[a-z]+$"}, "uniqueItems": true},
    "smtp": {"type": "object", "properties": {"port": {"type": "integer", "default": 25}}, "default": {}}
  }
})");

std::string first_problem(const json& value) {
    auto v = validate(kSchema, value, "/settings");
    return v.empty() ? std::string() : v.front().pointer + ": " + v.front().message;
}

}  // namespace

TEST_CASE("a valid settings object has no violations", "[schema]") {
    CHECK(validate(kSchema, json::parse(R"({"path": "a", "retries": 2, "tags": ["x", "y"]})"))
              .empty());
}

TEST_CASE("violations name the JSON path and the problem", "[schema]") {
    CHECK(first_problem(json::parse(R"({"path": 42})")) ==
          "/settings/path: expected string, got integer");
    CHECK(first_problem(json::parse(R"({})")) == "/settings: missing required property \"path\"");
    CHECK(first_problem(json::parse(R"({"path": "a", "retries": 11})")) ==
          "/settings/retries: must be <= 10, got 11");
    CHECK(first_problem(json::parse(R"({"path": "a", "retries": 1.5})")) ==
          "/settings/retries: expected integer, got number");
    CHECK(first_problem(json::parse(R"({"path": "a", "mode": "slow"})")) ==
          "/settings/mode: must be one of \"fast\", \"safe\", got \"slow\"");
    CHECK(first_problem(json::parse(R"({"path": "a", "tags": ["ok", "Not"]})")) ==
          "/settings/tags/1: \"Not\" does not match the pattern ^[a-z]+$");
    CHECK(first_problem(json::parse(R"({"path": "a", "tags": ["x", "x"]})")) ==
          "/settings/tags/1: duplicates item 0");
    CHECK(first_problem(json::parse(R"({"path": ""})")) ==
          "/settings/path: must be at least 1 characters long");
    CHECK(first_problem(json::parse(R"({"path": "a", "pth": 1})")) ==
          "/settings/pth: unknown property \"pth\" (allowed: mode, path, retries, smtp, tags)");
}

TEST_CASE("every violation is reported, not only the first", "[schema]") {
    auto v = validate(kSchema, json::parse(R"({"retries": -1, "mode": 3})"));
    CHECK(v.size() == 3);
}

TEST_CASE("lengths count characters, not bytes", "[schema]") {
    json schema = {{"type", "string"}, {"maxLength", 2}};
    CHECK(validate(schema, "投诉").empty());
    CHECK_FALSE(validate(schema, "投诉单").empty());
}

TEST_CASE("combinators", "[schema]") {
    json schema =
        json::parse(R"({"oneOf": [{"type": "string"}, {"type": "integer", "minimum": 0}]})");
    CHECK(validate(schema, "x").empty());
    CHECK(validate(schema, 3).empty());
    CHECK(validate(schema, -3).front().message == "matches none of the allowed forms (oneOf)");
    json any = json::parse(R"({"anyOf": [{"type": "number"}, {"type": "integer"}]})");
    CHECK(validate(any, 2).empty());
    json one = json::parse(R"({"oneOf": [{"type": "number"}, {"type": "integer"}]})");
    CHECK(validate(one, 2).front().message ==
          "matches 2 forms where exactly one is allowed (oneOf)");
    CHECK(validate(json::parse(R"({"not": {"const": 0}})"), 0).size() == 1);
}

TEST_CASE("defaults fill missing members recursively", "[schema]") {
    json value = json::parse(R"({"path": "a", "mode": "fast"})");
    apply_defaults(kSchema, value);
    CHECK(value ==
          json::parse(R"({"path": "a", "mode": "fast", "retries": 3, "smtp": {"port": 25}})"));
}

TEST_CASE("schemas with unsupported or malformed keywords are refused", "[schema]") {
    CHECK_FALSE(check_schema(kSchema).has_value());
    CHECK(check_schema(json::parse(R"({"patternProperties": {}})")).value() ==
          "/patternProperties: unsupported keyword \"patternProperties\"");
    CHECK(check_schema(json::parse(R"({"properties": {"a": {"type": "text"}}})")).value() ==
          "/properties/a/type: must be a type name (null, boolean, object, array, number, integer, "
          "string)");
    CHECK(check_schema(json::parse(R"({"pattern": "(unclosed"})"))
              .value()
              .rfind("/pattern: invalid regular expression", 0) == 0);
    CHECK(check_schema(json::parse(R"({"minLength": -1})")).value() ==
          "/minLength: must be a non-negative integer");
    CHECK(check_schema(json::parse(R"([1])")).value() ==
          "/: a schema must be an object or a boolean");
}
