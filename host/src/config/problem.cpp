#include "config/problem.hpp"

namespace redress::config {
namespace {

std::string join(const std::vector<Problem>& problems) {
    std::string out;
    for (const auto& p : problems) {
        if (!out.empty()) out += '\n';
        out += p.to_string();
    }
    return out;
}

}  // namespace

std::string Problem::to_string() const {
    std::string out = file;
    if (!pointer.empty()) out += (out.empty() ? "" : ": ") + pointer;
    if (!out.empty()) out += ": ";
    return out + message;
}

ConfigError::ConfigError(std::vector<Problem> problems)
    : std::runtime_error(join(problems)), problems_(std::move(problems)) {}

}  // namespace redress::config
