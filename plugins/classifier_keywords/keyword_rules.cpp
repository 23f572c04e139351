#include "keyword_rules.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

namespace classifier_keywords {

std::string fold_case(std::string text) {
    for (char& c : text)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return text;
}

std::vector<Rule> read_rules(const nlohmann::json& settings) {
    std::vector<Rule> rules;
    for (const auto& r : settings.at("rules")) {
        Rule rule;
        rule.name = r.at("name").get<std::string>();
        for (const auto& k : r.value("keywords", nlohmann::json::array()))
            rule.keywords.push_back(fold_case(k));
        if (r.contains("pattern")) {
            try {
                rule.pattern.emplace(r["pattern"].get<std::string>(),
                                     std::regex::ECMAScript | std::regex::icase);
            } catch (const std::regex_error& e) {
                throw std::invalid_argument("rule \"" + rule.name +
                                            "\": the pattern does not compile: " + e.what());
            }
        }
        if (rule.keywords.empty() && !rule.pattern)
            throw std::invalid_argument("rule \"" + rule.name + "\": give keywords or a pattern");
        rule.category = r.value("category", "");
        rule.priority = r.value("priority", "");
        rule.weight = r.value("weight", 1.0);
        rule.tags = r.value("tags", std::vector<std::string>{});
        rules.push_back(std::move(rule));
    }
    return rules;
}

Verdict classify_text(const std::vector<Rule>& rules, const std::string& text, double scale) {
    const std::string folded = fold_case(text);
    static const std::map<std::string, int> severity = {{"low", 1}, {"normal", 2}, {"urgent", 3}};
    std::map<std::string, double> scores;
    Verdict v;
    double total = 0;
    for (const auto& rule : rules) {
        bool fired =
            std::any_of(rule.keywords.begin(), rule.keywords.end(),
                        [&](const std::string& k) { return folded.find(k) != std::string::npos; });
        if (!fired && rule.pattern) fired = std::regex_search(text, *rule.pattern);
        if (!fired) continue;
        v.fired.push_back(rule.name);
        if (!rule.category.empty()) {
            scores[rule.category] += rule.weight;
            total += rule.weight;
        }
        if (!rule.priority.empty() &&
            (v.priority.empty() || severity.at(rule.priority) > severity.at(v.priority)))
            v.priority = rule.priority;
        for (const auto& tag : rule.tags)
            if (std::find(v.tags.begin(), v.tags.end(), tag) == v.tags.end()) v.tags.push_back(tag);
    }
    double best = 0;
    for (const auto& [category, score] : scores)
        if (score > best) {
            best = score;
            v.category = category;
        }
    if (best > 0)
        v.confidence = std::min(1.0, best / scale) * (best / total);
    else if (!v.priority.empty())
        v.confidence = std::min(1.0, 1.0 / scale);  // a priority signal alone
    return v;
}

}  // namespace classifier_keywords
