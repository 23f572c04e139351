#pragma once

#include <optional>
#include <regex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace classifier_keywords {

// One weighted rule: it fires when any keyword occurs in the text, or the
// regular expression matches; it votes for a category and/or a priority.
struct Rule {
    std::string name;
    std::vector<std::string> keywords;  // lower-cased
    std::optional<std::regex> pattern;
    std::string category;
    std::string priority;
    double weight = 1;
    std::vector<std::string> tags;
};

struct Verdict {
    std::string category;
    std::string priority;
    double confidence = 0;
    std::vector<std::string> tags;
    std::vector<std::string> fired;
};

// The rules from the instance's settings ("rules": [...]). Throws
// std::invalid_argument naming the rule whose pattern does not compile.
std::vector<Rule> read_rules(const nlohmann::json& settings);

// Scores the text: the category with the largest sum of weights wins, the most
// severe priority among the fired rules is proposed, and the confidence grows
// with the winner's weight (reaching 1 at `scale`) and its lead over the others.
Verdict classify_text(const std::vector<Rule>& rules, const std::string& text, double scale);

// ASCII letters to lower case; other bytes (Chinese) unchanged.
std::string fold_case(std::string text);

}  // namespace classifier_keywords
