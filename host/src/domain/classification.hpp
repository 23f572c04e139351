#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/catalogue.hpp"
#include "domain/complaint.hpp"

namespace redress::domain {

// What a classification sets; unset members leave the complaint as it is.
struct Classification {
    std::optional<std::string> category, priority, phase;
    std::vector<std::string> tags;
    nlohmann::json record =
        nlohmann::json::object();  // who or what classified, stored on the complaint
};

// Sets category, priority, phase and tags; re-routes the owner while the
// responsibility matrix chose it (D9) and reschedules the SLA (D7).
void apply_classification(Complaint& c, const Classification& k, const DomainConfig& config,
                          Time now);
// The same on a complaint whose SLA clock has not started yet (received_complaint).
void set_classification(Complaint& c, const Classification& k, const DomainConfig& config,
                        Time now);

// Combines the proposals of several classifiers, in their configured order: a
// later proposal fills only what the earlier ones (or the intake request) left
// unset. A proposal counts only at or above `min_confidence`, and only with a
// category the tree knows and a priority that exists. Each proposal is
// (instance name, its JSON answer).
Classification combine_proposals(
    const std::vector<std::pair<std::string, nlohmann::json>>& proposals,
    const CategoryTree& categories, double min_confidence, bool category_given,
    bool priority_given);

}  // namespace redress::domain
