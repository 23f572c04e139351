#pragma once

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "plugins/instance.hpp"
#include "storage/database.hpp"

namespace redress::plugins {
class PluginManager;
}

namespace redress::core {

// The labelled examples learning classifiers train on: every complaint whose
// category a person gave (in the request or by a "classify" action), oldest first,
// as {"number", "text", "category", "priority"}. A staff correction wins over the
// original label; a category that a classifier filled in is not a label (learning
// from its own guesses would only entrench them).
nlohmann::json training_examples(storage::Database& db);

// Hands the examples to one classifier instance's train call.
plugins::CallResult train_instance(plugins::Instance& instance, storage::Database& db,
                                   std::string& report);

// Retrains each running classifier whose "train_every_hours" is set, on that
// schedule (the first time at start), in a thread of its own.
class TrainingSchedule {
  public:
    TrainingSchedule(storage::Database& db, plugins::PluginManager& plugins);
    ~TrainingSchedule();
    TrainingSchedule(const TrainingSchedule&) = delete;
    TrainingSchedule& operator=(const TrainingSchedule&) = delete;
    void start();
    void stop();

  private:
    void run();

    storage::Database& db_;
    plugins::PluginManager& plugins_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace redress::core
