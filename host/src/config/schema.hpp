#pragma once

// A validator for the subset of JSON Schema (draft 2020-12) that plugin settings
// and the host configuration use. Supported keywords:
//   type (a name or a list), enum, const,
//   properties, required, additionalProperties (boolean or schema),
//   items (schema), minItems, maxItems, uniqueItems,
//   minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf,
//   minLength, maxLength (in code points), pattern (ECMAScript regex),
//   anyOf, oneOf, allOf, not,
// and the annotations title, description, default, examples, format, deprecated,
// readOnly, writeOnly, $schema, $id, $comment. Any other keyword makes the schema
// itself invalid, so a plugin author learns at once that a rule would be ignored.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace redress::config {

struct SchemaViolation {
    std::string pointer;  // where in the validated document, e.g. "/retries"
    std::string message;  // what is wrong, e.g. "expected integer, got string"
};

// Checks that `schema` only uses supported keywords with well-formed values.
// Returns a description of the first problem (with its pointer into the schema).
std::optional<std::string> check_schema(const nlohmann::json& schema);

// Validates `value` against `schema`; an empty result means valid.
// `base` is prefixed to every pointer (e.g. "/instances/0/settings").
std::vector<SchemaViolation> validate(const nlohmann::json& schema, const nlohmann::json& value,
                                      const std::string& base = "");

// Fills members missing from objects with their schema "default", recursively
// (through properties and items), so plugins see every setting they declare.
void apply_defaults(const nlohmann::json& schema, nlohmann::json& value);

}  // namespace redress::config
