#include "group_window.hpp"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace escalation_repeat {

GroupWindow::GroupWindow(std::filesystem::path file, long long window_seconds, long long threshold,
                         std::function<void(const std::string&)> failed)
    : file_(std::move(file)),
      window_(window_seconds),
      threshold_(threshold),
      failed_(std::move(failed)) {
    load();
}

GroupWindow::~GroupWindow() {
    stop();
}

void GroupWindow::start() {
    std::lock_guard lock(mutex_);
    if (flusher_.joinable()) return;
    stopping_ = false;
    flusher_ = std::thread([this] { flush_later(); });
}

void GroupWindow::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_one();
    if (flusher_.joinable()) flusher_.join();
    std::lock_guard lock(mutex_);
    if (!dirty_) return;
    try {
        save();
        dirty_ = false;
    } catch (const std::exception& e) {
        failed_(e.what());
    }
}

void GroupWindow::flush_later() {
    std::unique_lock lock(mutex_);
    for (;;) {
        changed_.wait(lock, [this] { return dirty_ || stopping_; });
        if (stopping_) return;  // stop() writes what is left
        // Gather a second's counts (or until stopped).
        changed_.wait_for(lock, std::chrono::seconds(1), [this] { return stopping_; });
        if (dirty_) {
            try {
                save();
                dirty_ = false;
            } catch (const std::exception& e) {
                // Kept dirty: the next round tries again; the counts are in memory.
                failed_(e.what());
            }
        }
        if (stopping_) return;
    }
}

std::vector<Group> GroupWindow::add(long long event_id, const std::string& number, long long at,
                                    const std::vector<std::string>& keys) {
    std::lock_guard lock(mutex_);
    long long hour = at / 3600, first = (at - window_) / 3600;
    bool repeat = event_id != 0 && event_id <= last_event_;
    std::vector<Group> out;
    for (const auto& key : keys) {
        Group g;
        if (!repeat) {
            Counts& c = keys_[key];
            ++c.hours[hour];
            c.latest.push_back(number);
            if (c.latest.size() > kLatest) c.latest.pop_front();
            g.count = count(c, first, hour);
            if (g.count < threshold_) {
                c.escalated = 0;  // the group broke up: the next to form goes up again
            } else if (c.escalated == 0 || g.count >= 2 * c.escalated) {
                g.escalate = true;
                c.escalated = g.count;
                c.escalated_event = event_id;
            }
            g.latest.assign(c.latest.begin(), c.latest.end());
        } else if (auto it = keys_.find(key); it != keys_.end()) {
            g.count = count(it->second, first, hour);
            g.escalate = event_id == it->second.escalated_event;
            g.latest.assign(it->second.latest.begin(), it->second.latest.end());
        }
        out.push_back(std::move(g));
    }
    if (!repeat) {
        if (event_id != 0) last_event_ = event_id;
        prune(at);
        if (!dirty_) {
            dirty_ = true;
            changed_.notify_one();
        }
    }
    return out;
}

long long GroupWindow::count(const Counts& c, long long first, long long hour) const {
    long long n = 0;
    for (auto h = c.hours.lower_bound(first); h != c.hours.end() && h->first <= hour; ++h)
        n += h->second;
    return n;
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
        counts.escalated = c.value("escalated", 0LL);
        counts.escalated_event = c.value("escalated_event", 0LL);
    }
}

void GroupWindow::save() const {
    nlohmann::json keys = nlohmann::json::object();
    for (const auto& [key, c] : keys_) {
        nlohmann::json hours = nlohmann::json::object();
        for (const auto& [h, n] : c.hours) hours[std::to_string(h)] = n;
        keys[key] = {{"hours", hours},
                     {"latest", c.latest},
                     {"escalated", c.escalated},
                     {"escalated_event", c.escalated_event}};
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
