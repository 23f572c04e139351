// group_window: how many complaints on each product and category arrived in
// each hour of the grouping window, with the latest few numbers of each, kept in
// a file of the instance's own so a restart does not forget a forming group
// (nor re-escalate a grown one).
// Its size follows the distinct products and categories within the window, not
// the volume of complaints; the window's edge is counted to the hour.
#pragma once

#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace escalation_repeat {

struct Group {
    long long count = 0;              // complaints within the window, this one included
    std::vector<std::string> latest;  // their latest numbers, newest last (at most kLatest)
    // This complaint makes the group go up: it reached the threshold, or the
    // group has doubled since it last went up. Management hears a group form
    // and grow, not once per complaint: at volume every product and category
    // is a "group" all the time, and an escalation per complaint would bury
    // the ones that matter.
    bool escalate = false;
};

class GroupWindow {
  public:
    static constexpr std::size_t kLatest = 10;

    // `failed` hears, from the window's own thread, that the file could not be
    // written (the counts stay in memory; it is tried again a second later).
    GroupWindow(std::filesystem::path file, long long window_seconds, long long threshold,
                std::function<void(const std::string&)> failed);
    ~GroupWindow();  // stop()
    // Starts the thread that writes the file, at most once a second.
    void start();
    // Ends it and writes what is not written yet.
    void stop();
    GroupWindow(const GroupWindow&) = delete;
    GroupWindow& operator=(const GroupWindow&) = delete;

    // Counts complaint `number`, received at `at` (Unix seconds), under each key
    // ("product=TV-55") and returns each key's group. Event ids grow, and events
    // arrive in order: an event at or below the last one counted is a repeated
    // delivery and is not counted again, but still goes up if it did the first
    // time (its decisions may not have been recorded).
    std::vector<Group> add(long long event_id, const std::string& number, long long at,
                           const std::vector<std::string>& keys);

  private:
    struct Counts {
        std::map<long long, long long> hours;  // hour (Unix seconds / 3600) -> complaints
        std::deque<std::string> latest;
        long long escalated = 0;  // the group's count when it last went up; 0: not since it formed
        long long escalated_event = 0;  // the event that made it go up
    };
    long long count(const Counts& c, long long first, long long hour) const;
    void load();
    // Written beside and renamed: never half a file. At most once a second, on
    // a thread of its own: a write per complaint (a rename the file system
    // syncs) cost a tenth of the host's CPU at volume. A crash forgets at most
    // the last second's counts: a group noticed a few complaints late.
    void save() const;
    void flush_later();
    void prune(long long at);

    std::filesystem::path file_;
    long long window_, threshold_;
    std::mutex mutex_;
    long long last_event_ = 0;
    std::map<std::string, Counts> keys_;
    std::function<void(const std::string&)> failed_;
    bool dirty_ = false, stopping_ = false;
    std::condition_variable changed_;
    std::thread flusher_;
};

}  // namespace escalation_repeat
