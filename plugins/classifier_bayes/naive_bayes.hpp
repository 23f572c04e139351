// naive_bayes: a multinomial naive Bayes text model with additive smoothing,
// trained from (features, label) pairs and saved as JSON.
#pragma once

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace classifier_bayes {

struct Example {
    std::vector<std::string> features;
    std::string label;
};

class NaiveBayes {
  public:
    explicit NaiveBayes(double alpha = 0.5) : alpha_(alpha) {}

    void train(const std::vector<Example>& examples);
    bool empty() const noexcept { return labels_.empty(); }

    // Every label with its posterior probability, the most likely first.
    std::vector<std::pair<std::string, double>> predict(
        const std::vector<std::string>& features) const;

    nlohmann::json to_json() const;
    static NaiveBayes from_json(const nlohmann::json& doc);

  private:
    struct Label {
        std::string name;
        double documents = 0;
        double tokens = 0;
        std::unordered_map<std::string, double> counts;
    };
    double alpha_;
    std::vector<Label> labels_;
    std::unordered_map<std::string, char> vocabulary_;
    double documents_ = 0;
};

}  // namespace classifier_bayes
