// classifier_bayes: a multinomial naive Bayes classifier that learns category
// and priority from the complaints staff have classified. Trained by the host
// (`redress train`, or on the instance's schedule), evaluated on a held-out
// split, saved in the instance's data directory; a running host picks up a
// model trained by another process. Proposes only above its confidence.
#include <redress/redress.hpp>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <shared_mutex>
#include <sstream>

#include <nlohmann/json.hpp>

#include "evaluation.hpp"
#include "features.hpp"
#include "json_paths.hpp"
#include "naive_bayes.hpp"

namespace classifier_bayes {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kSettingsSchema = R"({
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "alpha": {"type": "number", "exclusiveMinimum": 0, "default": 0.5,
      "description": "Additive smoothing of token counts."},
    "min_confidence": {"type": "number", "minimum": 0, "maximum": 1, "default": 0.6,
      "description": "A category or priority is proposed only when its probability reaches this."},
    "held_out": {"type": "number", "minimum": 0.05, "maximum": 0.5, "default": 0.2,
      "description": "The share of examples kept out of training to measure the model."},
    "min_examples": {"type": "integer", "minimum": 2, "default": 20},
    "model_file": {"type": "string", "minLength": 1, "default": "model.json"}
  }
})";

std::string text_of(const json& complaint) {
    return complaint.value("subject", "") + "\n" + complaint.value("description", "");
}

struct Models {
    NaiveBayes category, priority;
    std::size_t examples = 0;
};

}  // namespace

class BayesClassifier : public redress::Classifier {
  public:
    explicit BayesClassifier(redress::Host host) : Classifier(host) {
        json s = json::parse(host.settings());
        alpha_ = s.at("alpha").get<double>();
        min_confidence_ = s.at("min_confidence").get<double>();
        held_out_ = s.at("held_out").get<double>();
        min_examples_ = s.at("min_examples").get<std::size_t>();
        fs::path file = s.at("model_file").get<std::string>();
        model_path_ = file.is_absolute() ? file : fs::path(host.data_directory()) / file;
        reload_if_changed();
        if (models_.examples == 0)
            host.info("no model yet at " + model_path_.string() +
                      ": run redress train --instance " + std::string(host.name()));
    }

    std::string classify(std::string_view complaint_json) override {
        static const redress_plugins::JsonPaths read({"/subject", "/description"});
        auto complaint = read.parse_object(complaint_json);
        if (!complaint) throw redress::Invalid("the complaint is not a JSON object");
        reload_if_changed();
        std::shared_lock lock(mutex_);
        if (models_.examples == 0) return R"({"confidence": 0, "rules": ["no model yet"]})";
        auto tokens = features(text_of(*complaint));
        auto categories = models_.category.predict(tokens);
        auto priorities = models_.priority.predict(tokens);
        json proposal = {{"confidence", categories.empty() ? 0.0 : categories[0].second}};
        if (!categories.empty() && categories[0].second >= min_confidence_)
            proposal["category"] = categories[0].first;
        if (!priorities.empty() && priorities[0].second >= min_confidence_)
            proposal["priority"] = priorities[0].first;
        json alternatives = json::array();
        for (std::size_t i = 0; i < categories.size() && i < 3; ++i)
            alternatives.push_back(
                {{"category", categories[i].first}, {"probability", categories[i].second}});
        proposal["alternatives"] = alternatives;
        proposal["rules"] = {"naive Bayes, " + std::to_string(models_.examples) + " examples"};
        return proposal.dump();
    }

    std::string train(std::string_view examples_json) override {
        json input = json::parse(examples_json, nullptr, false);
        if (!input.is_array()) throw redress::Invalid("the examples are not a JSON array");
        std::vector<Example> by_category, by_priority;
        std::vector<std::string> keys;
        for (const auto& e : input) {
            if (!e.is_object() || e.value("category", "").empty()) continue;
            auto tokens = features(e.value("text", ""));
            by_category.push_back({tokens, e.value("category", "")});
            by_priority.push_back({tokens, e.value("priority", "normal")});
            keys.push_back(e.value("number", std::to_string(keys.size())));
        }
        if (by_category.size() < min_examples_)
            throw redress::Invalid("only " + std::to_string(by_category.size()) +
                                   " classified complaints to learn from; at least " +
                                   std::to_string(min_examples_) + " are needed (min_examples)");

        // Measure on a held-out split, then learn from everything.
        std::vector<Example> train_c, test_c, train_p, test_p;
        split(by_category, keys, held_out_, train_c, test_c);
        split(by_priority, keys, held_out_, train_p, test_p);
        NaiveBayes trial_c(alpha_), trial_p(alpha_);
        trial_c.train(train_c);
        trial_p.train(train_p);
        json measured = evaluate(trial_c, test_c);
        json measured_priority = evaluate(trial_p, test_p);

        Models fresh{NaiveBayes(alpha_), NaiveBayes(alpha_), by_category.size()};
        fresh.category.train(by_category);
        fresh.priority.train(by_priority);
        save(fresh);
        {
            std::unique_lock lock(mutex_);
            models_ = std::move(fresh);
        }
        json report = {{"examples", by_category.size()},   {"trained_on", train_c.size()},
                       {"held_out", test_c.size()},        {"accuracy", measured["accuracy"]},
                       {"categories", measured["labels"]}, {"priority", measured_priority},
                       {"model", model_path_.string()}};
        host().info("trained on " + std::to_string(by_category.size()) +
                    " examples; held-out accuracy " + measured["accuracy"].dump());
        return report.dump();
    }

  private:
    void save(const Models& m) {
        json doc = {{"format", 1},
                    {"trained_at", static_cast<long long>(std::time(nullptr))},
                    {"examples", m.examples},
                    {"category", m.category.to_json()},
                    {"priority", m.priority.to_json()}};
        fs::path temp = model_path_;
        temp += ".tmp";
        {
            std::ofstream out(temp, std::ios::binary | std::ios::trunc);
            out << doc.dump();
            if (!out.flush()) throw redress::Error("cannot write " + temp.string());
        }
        fs::rename(temp, model_path_);  // readers see the old model or the new, never half
        std::lock_guard lock(file_mutex_);
        std::error_code ec;
        model_time_ = fs::last_write_time(model_path_, ec);
    }

    // Another process (redress train) may have written a new model.
    void reload_if_changed() {
        std::lock_guard file_lock(file_mutex_);
        std::error_code ec;
        auto time = fs::last_write_time(model_path_, ec);
        if (ec || time == model_time_) return;
        try {
            std::ifstream in(model_path_, std::ios::binary);
            std::stringstream text;
            text << in.rdbuf();
            json doc = json::parse(text.str());
            Models loaded{NaiveBayes::from_json(doc.at("category")),
                          NaiveBayes::from_json(doc.at("priority")),
                          doc.at("examples").get<std::size_t>()};
            std::unique_lock lock(mutex_);
            models_ = std::move(loaded);
            model_time_ = time;
            host().info("loaded the model of " + std::to_string(models_.examples) + " examples");
        } catch (const std::exception& e) {
            model_time_ = time;  // do not retry a broken file on every call
            host().report_error("cannot read the model " + model_path_.string() + ": " + e.what());
        }
    }

    double alpha_ = 0.5, min_confidence_ = 0.6, held_out_ = 0.2;
    std::size_t min_examples_ = 20;
    fs::path model_path_;
    std::shared_mutex mutex_;
    Models models_;
    std::mutex file_mutex_;
    fs::file_time_type model_time_{};
};

}  // namespace classifier_bayes

REDRESS_MODULE(
    "classifier_bayes", "1.0.0",
    "Naive Bayes over character bigrams and words, learned from classified complaints",
    redress::provide<classifier_bayes::BayesClassifier>(classifier_bayes::kSettingsSchema))
