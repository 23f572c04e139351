#pragma once

#include <nlohmann/json.hpp>

namespace redress::domain {

// What an action changed, for the audit trail: for each top-level member that
// differs, {"before": old, "after": new}; for a list that only grew (the log,
// proposals...), {"added": [new items]}; for a list whose items changed in
// place, {"changed": {"<index>": {"before", "after"}}, "added": [...]}.
// "updated_at" and "version" are left out: every event has them.
nlohmann::json diff_documents(const nlohmann::json& before, const nlohmann::json& after);

}  // namespace redress::domain
