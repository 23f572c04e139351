#include "naive_bayes.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace classifier_bayes {

void NaiveBayes::train(const std::vector<Example>& examples) {
    std::map<std::string, Label> by_name;
    vocabulary_.clear();
    for (const auto& e : examples) {
        Label& l = by_name[e.label];
        l.name = e.label;
        l.documents += 1;
        for (const auto& f : e.features) {
            l.counts[f] += 1;
            l.tokens += 1;
            vocabulary_.emplace(f, 0);
        }
    }
    labels_.clear();
    for (auto& [name, label] : by_name) labels_.push_back(std::move(label));
    documents_ = static_cast<double>(examples.size());
}

std::vector<std::pair<std::string, double>> NaiveBayes::predict(
    const std::vector<std::string>& features) const {
    std::vector<std::pair<std::string, double>> scores;
    if (labels_.empty()) return scores;
    double v = static_cast<double>(vocabulary_.size()) + 1;  // +1: words never seen
    for (const auto& l : labels_) {
        double log_p = std::log(l.documents / documents_);
        double denominator = std::log(l.tokens + alpha_ * v);
        for (const auto& f : features) {
            if (!vocabulary_.count(f)) continue;  // unknown everywhere: no evidence
            auto it = l.counts.find(f);
            log_p += std::log((it == l.counts.end() ? 0.0 : it->second) + alpha_) - denominator;
        }
        scores.emplace_back(l.name, log_p);
    }
    // Log scores to probabilities, without overflow.
    double best = std::max_element(scores.begin(), scores.end(), [](auto& a, auto& b) {
                      return a.second < b.second;
                  })->second;
    double sum = 0;
    for (auto& [name, s] : scores) sum += (s = std::exp(s - best));
    for (auto& [name, s] : scores) s /= sum;
    std::sort(scores.begin(), scores.end(), [](auto& a, auto& b) { return a.second > b.second; });
    return scores;
}

nlohmann::json NaiveBayes::to_json() const {
    nlohmann::json labels = nlohmann::json::array();
    for (const auto& l : labels_)
        labels.push_back({{"name", l.name},
                          {"documents", l.documents},
                          {"tokens", l.tokens},
                          {"counts", l.counts}});
    return {{"alpha", alpha_}, {"documents", documents_}, {"labels", labels}};
}

NaiveBayes NaiveBayes::from_json(const nlohmann::json& doc) {
    NaiveBayes m(doc.at("alpha").get<double>());
    m.documents_ = doc.at("documents").get<double>();
    for (const auto& l : doc.at("labels")) {
        Label label{l.at("name").get<std::string>(), l.at("documents").get<double>(),
                    l.at("tokens").get<double>(),
                    l.at("counts").get<std::unordered_map<std::string, double>>()};
        for (const auto& [f, n] : label.counts) m.vocabulary_.emplace(f, 0);
        m.labels_.push_back(std::move(label));
    }
    return m;
}

}  // namespace classifier_bayes
