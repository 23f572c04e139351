#include "group_window.hpp"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace escalation_repeat {

GroupWindow::GroupWindow(std::filesystem::path file, long long window_seconds)
    : file_(std::move(file)), window_(window_seconds) {
    load();
}

std::vector<std::string> GroupWindow::add(const std::string& number, const Seen& seen,
                                          const std::string& field) {
    std::lock_guard lock(mutex_);
    seen_[number] = seen;
    std::erase_if(seen_, [&](const auto& e) { return e.second.at < seen.at - window_; });
    save();
    const std::string& value = field == "product" ? seen.product : seen.category;
    std::vector<std::string> group;
    if (value.empty()) return group;
    for (const auto& [n, s] : seen_)
        if ((field == "product" ? s.product : s.category) == value && s.at <= seen.at)
            group.push_back(n);
    return group;
}

void GroupWindow::load() {
    std::ifstream in(file_);
    if (!in) return;
    std::stringstream text;
    text << in.rdbuf();
    auto doc = nlohmann::json::parse(text.str(), nullptr, false);
    if (!doc.is_object()) return;  // unreadable: start afresh rather than stop escalating
    for (const auto& [number, s] : doc.items())
        seen_[number] = {s.value("at", 0LL), s.value("product", ""), s.value("category", "")};
}

void GroupWindow::save() const {
    nlohmann::json doc = nlohmann::json::object();
    for (const auto& [number, s] : seen_)
        doc[number] = {{"at", s.at}, {"product", s.product}, {"category", s.category}};
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
