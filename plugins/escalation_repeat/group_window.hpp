// group_window: the recent complaints this policy has seen (number, time,
// product, category), kept within the grouping window in a file of the
// instance's own, so a restart does not forget a group that is forming.
#pragma once

#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace escalation_repeat {

struct Seen {
    long long at = 0;  // Unix seconds
    std::string product, category;
};

class GroupWindow {
  public:
    GroupWindow(std::filesystem::path file, long long window_seconds);

    // Records a complaint (again: the same number is counted once) and returns
    // the numbers within the window that share its value of `field`
    // ("product" or "category"), itself included.
    std::vector<std::string> add(const std::string& number, const Seen& seen,
                                 const std::string& field);

  private:
    void load();
    void save() const;  // written beside and renamed: never half a file

    std::filesystem::path file_;
    long long window_;
    std::mutex mutex_;
    std::map<std::string, Seen> seen_;
};

}  // namespace escalation_repeat
