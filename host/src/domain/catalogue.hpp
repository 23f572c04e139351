#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/sla.hpp"

namespace redress::domain {

// The configurable category tree (D6). Ids are dotted paths: a child's id
// starts with its parent's id and a dot ("policy.returns" under "policy").
class CategoryTree {
  public:
    static CategoryTree from_json(const nlohmann::json& doc);
    bool contains(const std::string& id) const;
    const nlohmann::json& document() const noexcept { return doc_; }
    std::vector<std::string> ids() const { return ids_; }

  private:
    void add(const nlohmann::json& node, const std::string& parent, const std::string& pointer);
    nlohmann::json doc_;
    std::vector<std::string> ids_;
};

// Who answers for what (D9): rules from category (and optionally product and
// region) to a team and an owner, with a fallback so every complaint has
// exactly one accountable owner.
class ResponsibilityMatrix {
  public:
    struct Team {
        std::string id;
        std::string lead;        // owner when a rule names none
        std::string supervisor;  // takes second handling (D18)
        std::string head;        // escalation target (D14)
    };
    struct Assignment {
        std::string team;
        std::string owner;
        std::string rule;  // "rules/3" or "fallback"
    };

    static ResponsibilityMatrix from_json(const nlohmann::json& doc);
    Assignment assign(const std::string& category, const std::string& product,
                      const std::string& region) const;
    const Team* team(const std::string& id) const;

  private:
    struct Rule {
        std::string category, product, region, team, owner;
    };
    std::vector<Team> teams_;
    std::vector<Rule> rules_;
    Rule fallback_;
};

// Everything the domain core is configured with.
struct DomainConfig {
    CategoryTree categories;
    ResponsibilityMatrix responsibility;
    SlaPolicy sla;
    // D4: facts a complaint should have; missing ones are flagged, not refused.
    // "customer.contact" means a phone number or an e-mail address.
    std::vector<std::string> required_fields;
    // Classifier proposals count at or above this confidence (0-1).
    double min_confidence = 0.5;
    // A complaint from the same customer in the same category within this many
    // days of an earlier one is a repeat (D14 input for escalation).
    int repeat_window_days = 30;

    // Reads the files named in the host configuration's "domain" section.
    // Throws std::invalid_argument naming the file, the pointer and the problem.
    static DomainConfig load(const std::filesystem::path& categories,
                             const std::filesystem::path& responsibility,
                             const std::filesystem::path& sla,
                             const std::filesystem::path& calendar,
                             std::vector<std::string> required_fields);
};

}  // namespace redress::domain
