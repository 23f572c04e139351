#include "group_window.hpp"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace escalation_repeat {

GroupWindow::GroupWindow(std::filesystem::path file, long long window_seconds)
    : file_(std::move(file)), window_(window_seconds) {
    load();
}

std::vector<Group> GroupWindow::add(long long event_id, const std::string& number, long long at,
                                    const std::vector<std::string>& keys) {
    std::lock_guard lock(mutex_);
    long long hour = at / 3600, first = (at - window_) / 3600;
    bool repeat = event_id != 0 && event_id <= last_event_;
    if (!repeat) {
        for (const auto& key : keys) {
            Counts& c = keys_[key];
            ++c.hours[hour];
            c.latest.push_back(number);
            if (c.latest.size() > kLatest) c.latest.pop_front();
        }
        if (event_id != 0) last_event_ = event_id;
        prune(at);
        save();
    }
    std::vector<Group> out;
    for (const auto& key : keys) {
        Group g;
        auto it = keys_.find(key);
        if (it != keys_.end()) {
            for (auto h = it->second.hours.lower_bound(first);
                 h != it->second.hours.end() && h->first <= hour; ++h)
                g.count += h->second;
            g.latest.assign(it->second.latest.begin(), it->second.latest.end());
        }
        out.push_back(std::move(g));
    }
    return out;
}

void GroupWindow::prune(long long at) {
    long long first = (at - window_) / 3600;
    for (auto k = keys_.begin(); k != keys_.end();) {
        auto& hours = k->second.hours;
        hours.erase(hours.begin(), hours.lower_bound(first));
        k = hours.empty() ? keys_.erase(k) : std::next(k);
    }
}

void GroupWindow::load() {
    std::ifstream in(file_);
    if (!in) return;
    std::stringstream text;
    text << in.rdbuf();
    auto doc = nlohmann::json::parse(text.str(), nullptr, false);
    // Unreadable, or written by an older version: start afresh rather than stop escalating.
    if (!doc.is_object() || !doc.contains("keys") || !doc["keys"].is_object()) return;
    last_event_ = doc.value("last_event", 0LL);
    for (const auto& [key, c] : doc["keys"].items()) {
        Counts& counts = keys_[key];
        const nlohmann::json hours = c.value("hours", nlohmann::json::object());
        const nlohmann::json latest = c.value("latest", nlohmann::json::array());
        for (const auto& [h, n] : hours.items()) counts.hours[std::stoll(h)] = n.get<long long>();
        for (const auto& n : latest) counts.latest.push_back(n.get<std::string>());
    }
}

void GroupWindow::save() const {
    nlohmann::json keys = nlohmann::json::object();
    for (const auto& [key, c] : keys_) {
        nlohmann::json hours = nlohmann::json::object();
        for (const auto& [h, n] : c.hours) hours[std::to_string(h)] = n;
        keys[key] = {{"hours", hours}, {"latest", c.latest}};
    }
    nlohmann::json doc = {{"last_event", last_event_}, {"keys", keys}};
    auto temp = file_;
    temp += ".tmp";
    {
        std::ofstream out(temp, std::ios::trunc);
        out << doc.dump();
        if (!out.flush()) throw std::runtime_error("cannot write " + temp.string());
    }
    std::filesystem::rename(temp, file_);
}

}  // namespace escalation_repeat
