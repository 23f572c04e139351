#include "core/training.hpp"

#include <soci/soci.h>

#include <chrono>
#include <map>

#include "log/logger.hpp"
#include "plugins/plugin_manager.hpp"
#include "storage/database.hpp"

namespace redress::core {
using nlohmann::json;

namespace {

std::string text_of(const json& doc) {
    return doc.value("subject", "") + "\n" + doc.value("description", "");
}

// Whether a classifier, not a person, chose the complaint's category.
bool category_by_classifier(const json& doc) {
    auto k = doc.find("classification");
    if (k == doc.end() || !k->is_object() || !k->contains("proposals")) return false;
    for (const auto& p : (*k)["proposals"])
        for (const auto& field : p.value("applied", json::array()))
            if (field == "category") return true;
    return false;
}

}  // namespace

json training_examples(storage::Database& db) {
    storage::Session s(db);
    // Staff corrections, the latest per complaint.
    std::map<std::string, json> corrected;
    {
        std::string number, text, category, priority;
        soci::statement st =
            (s.prepare << "SELECT number, text, category, priority FROM "
                          "training_labels ORDER BY id",
             soci::into(number), soci::into(text), soci::into(category), soci::into(priority));
        st.execute();
        while (st.fetch())
            corrected[number] = {
                {"number", number}, {"text", text}, {"category", category}, {"priority", priority}};
    }
    json examples = json::array();
    std::string document;
    soci::statement st = (s.prepare << "SELECT document FROM complaints WHERE category <> '' "
                                       "ORDER BY id",
                          soci::into(document));
    st.execute();
    while (st.fetch()) {
        json doc = json::parse(document);
        std::string number = doc.value("number", "");
        if (auto it = corrected.find(number); it != corrected.end()) {
            examples.push_back(std::move(it->second));
            corrected.erase(it);
            continue;
        }
        if (category_by_classifier(doc)) continue;
        examples.push_back({{"number", number},
                            {"text", text_of(doc)},
                            {"category", doc.value("category", "")},
                            {"priority", doc.value("priority", "normal")}});
    }
    return examples;
}

plugins::CallResult train_instance(plugins::Instance& instance, storage::Database& db,
                                   std::string& report) {
    json examples = training_examples(db);
    log::info(instance.name(), "training on " + std::to_string(examples.size()) + " examples");
    return instance.train(examples.dump(-1, ' ', false, json::error_handler_t::replace), report);
}

TrainingSchedule::TrainingSchedule(storage::Database& db, plugins::PluginManager& plugins)
    : db_(db), plugins_(plugins) {}

TrainingSchedule::~TrainingSchedule() {
    stop();
}

void TrainingSchedule::start() {
    bool any = false;
    for (const auto& instance : plugins_.instances())
        any = any || (instance->kind() == REDRESS_KIND_CLASSIFIER &&
                      instance->config().train_every_hours > 0);
    if (any) thread_ = std::thread([this] { run(); });
}

void TrainingSchedule::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void TrainingSchedule::run() {
    using clock = std::chrono::steady_clock;
    std::map<std::string, clock::time_point> due;
    for (const auto& instance : plugins_.instances())
        if (instance->kind() == REDRESS_KIND_CLASSIFIER && instance->config().train_every_hours > 0)
            due[instance->name()] = clock::now();  // at start, then on the interval
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        auto next = clock::time_point::max();
        for (const auto& [name, at] : due) next = std::min(next, at);
        wake_.wait_until(lock, next, [this] { return stopping_; });
        if (stopping_) return;
        for (auto& [name, at] : due) {
            if (at > clock::now()) continue;
            plugins::Instance* instance = plugins_.find(name);
            at = clock::now() + std::chrono::hours(instance->config().train_every_hours);
            if (instance->state() != plugins::InstanceState::running) continue;
            lock.unlock();
            std::string report;
            try {
                auto result = train_instance(*instance, db_, report);
                if (result.ok())
                    log::info(name, "trained: " + report);
                else if (result.status == REDRESS_INVALID)  // too little to learn from yet
                    log::info(name, "not trained: " + result.error);
                else if (result.status != REDRESS_UNSUPPORTED)
                    log::warning(name, "training failed: " + result.error);
            } catch (const std::exception& e) {
                log::warning(name, std::string("training failed: ") + e.what());
            }
            lock.lock();
        }
    }
}

}  // namespace redress::core
