// group_window: how many complaints on each product and category arrived in
// each hour of the grouping window, with the latest few numbers of each, kept in
// a file of the instance's own so a restart does not forget a forming group.
// Its size follows the distinct products and categories within the window, not
// the volume of complaints; the window's edge is counted to the hour.
#pragma once

#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace escalation_repeat {

struct Group {
    long long count = 0;              // complaints within the window, this one included
    std::vector<std::string> latest;  // their latest numbers, newest last (at most kLatest)
};

class GroupWindow {
  public:
    static constexpr std::size_t kLatest = 10;

    GroupWindow(std::filesystem::path file, long long window_seconds);

    // Counts complaint `number`, received at `at` (Unix seconds), under each key
    // ("product=TV-55") and returns each key's group. Event ids grow, and events
    // arrive in order: an event at or below the last one counted is a repeated
    // delivery and is not counted again.
    std::vector<Group> add(long long event_id, const std::string& number, long long at,
                           const std::vector<std::string>& keys);

  private:
    struct Counts {
        std::map<long long, long long> hours;  // hour (Unix seconds / 3600) -> complaints
        std::deque<std::string> latest;
    };
    void load();
    void save() const;  // written beside and renamed: never half a file
    void prune(long long at);

    std::filesystem::path file_;
    long long window_;
    std::mutex mutex_;
    long long last_event_ = 0;
    std::map<std::string, Counts> keys_;
};

}  // namespace escalation_repeat
