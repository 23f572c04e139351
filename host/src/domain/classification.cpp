#include "domain/classification.hpp"

#include <algorithm>

#include "domain/sla_clock.hpp"

namespace redress::domain {
using nlohmann::json;

void apply_classification(Complaint& c, const Classification& k, const DomainConfig& config,
                          Time now) {
    set_classification(c, k, config, now);
    sla_clock::schedule(c, config.sla);
}

void set_classification(Complaint& c, const Classification& k, const DomainConfig& config,
                        Time now) {
    json& d = c.doc();
    if (k.category) d["category"] = *k.category;
    if (k.priority) d["priority"] = *k.priority;
    if (k.phase) d["phase"] = *k.phase;
    for (const auto& tag : k.tags)
        if (std::find(d["tags"].begin(), d["tags"].end(), tag) == d["tags"].end())
            d["tags"].push_back(tag);
    d["classification"] = k.record;
    if (d["assignment"].value("source", "") == "matrix") {
        auto who = config.responsibility.assign(c.category(), d.value("product", ""),
                                                d.value("region", ""));
        d["team"] = who.team;
        d["owner"] = who.owner;
        d["assignment"] = {{"source", "matrix"}, {"rule", who.rule}, {"at", format_time(now)}};
    }
}

Classification combine_proposals(const std::vector<std::pair<std::string, json>>& proposals,
                                 const CategoryTree& categories, double min_confidence,
                                 bool category_given, bool priority_given) {
    Classification k;
    json used = json::array();
    for (const auto& [instance, proposal] : proposals) {
        if (!proposal.is_object()) continue;
        double confidence = proposal.value("confidence", 0.0);
        json entry = {{"instance", instance}, {"proposal", proposal}, {"applied", json::array()}};
        if (confidence >= min_confidence) {
            std::string category = proposal.value("category", "");
            std::string priority = proposal.value("priority", "");
            if (!category_given && !k.category && categories.contains(category)) {
                k.category = category;
                entry["applied"].push_back("category");
            }
            if (!priority_given && !k.priority && parse_priority(priority)) {
                k.priority = priority;
                entry["applied"].push_back("priority");
            }
            if (proposal.contains("tags") && proposal["tags"].is_array())
                for (const auto& tag : proposal["tags"])
                    if (tag.is_string() &&
                        std::find(k.tags.begin(), k.tags.end(), tag) == k.tags.end())
                        k.tags.push_back(tag);
        }
        used.push_back(entry);
    }
    k.record = {{"source", "classifiers"}, {"min_confidence", min_confidence}, {"proposals", used}};
    return k;
}

}  // namespace redress::domain
