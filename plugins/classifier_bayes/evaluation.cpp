#include "evaluation.hpp"

#include <map>

namespace classifier_bayes {

void split(const std::vector<Example>& examples, const std::vector<std::string>& keys,
           double held_out, std::vector<Example>& train, std::vector<Example>& test) {
    for (std::size_t i = 0; i < examples.size(); ++i) {
        std::uint64_t h = 14695981039346656037ull;  // FNV-1a: stable across runs and builds
        for (unsigned char c : keys[i]) h = (h ^ c) * 1099511628211ull;
        bool is_test = static_cast<double>(h % 10000) < held_out * 10000;
        (is_test ? test : train).push_back(examples[i]);
    }
}

nlohmann::json evaluate(const NaiveBayes& model, const std::vector<Example>& test) {
    struct Counts {
        double true_positive = 0, predicted = 0, actual = 0;
    };
    std::map<std::string, Counts> counts;
    double correct = 0;
    for (const auto& e : test) {
        auto ranked = model.predict(e.features);
        std::string guess = ranked.empty() ? "" : ranked.front().first;
        counts[e.label].actual += 1;
        if (!guess.empty()) counts[guess].predicted += 1;
        if (guess == e.label) {
            counts[e.label].true_positive += 1;
            correct += 1;
        }
    }
    nlohmann::json labels = nlohmann::json::object();
    for (const auto& [name, c] : counts) {
        double precision = c.predicted > 0 ? c.true_positive / c.predicted : 0;
        double recall = c.actual > 0 ? c.true_positive / c.actual : 0;
        double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
        labels[name] = {{"precision", precision},
                        {"recall", recall},
                        {"f1", f1},
                        {"support", static_cast<long long>(c.actual)}};
    }
    return {{"accuracy", test.empty() ? 0.0 : correct / static_cast<double>(test.size())},
            {"labels", labels}};
}

}  // namespace classifier_bayes
