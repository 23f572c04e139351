// evaluation: how well a model trained on part of the labelled examples
// predicts the rest (precision, recall, F1 per label; accuracy overall).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "naive_bayes.hpp"

namespace classifier_bayes {

// Splits examples by a stable hash of their key (the complaint number), so the
// same complaint always lands on the same side: about `held_out` of them test.
void split(const std::vector<Example>& examples, const std::vector<std::string>& keys,
           double held_out, std::vector<Example>& train, std::vector<Example>& test);

// {"accuracy": a, "labels": {name: {"precision", "recall", "f1", "support"}}}
nlohmann::json evaluate(const NaiveBayes& model, const std::vector<Example>& test);

}  // namespace classifier_bayes
