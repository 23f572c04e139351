#include "language.hpp"

#include <cctype>
#include <cstdlib>

namespace redress_plugins {
namespace {

// The q-value of the first language range in `header` matching `prefix`; -1 if none.
double quality(std::string_view header, std::string_view prefix) {
    double best = -1;
    while (!header.empty()) {
        auto comma = header.find(',');
        std::string item(header.substr(0, comma));
        std::string range = item.substr(0, item.find(';'));
        while (!range.empty() && range.front() == ' ') range.erase(range.begin());
        while (!range.empty() && range.back() == ' ') range.pop_back();
        for (char& c : range) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (range.rfind(prefix, 0) == 0) {
            double q = 1.0;
            if (auto at = item.find("q="); at != std::string::npos)
                q = std::strtod(item.c_str() + at + 2, nullptr);
            if (q > best) best = q;
        }
        if (comma == std::string_view::npos) break;
        header.remove_prefix(comma + 1);
    }
    return best;
}

}  // namespace

std::string preferred_language(std::string_view requested, std::string_view accept_language,
                               const std::string& fallback) {
    if (requested == "zh" || requested == "en") return std::string(requested);
    double zh = quality(accept_language, "zh"), en = quality(accept_language, "en");
    if (zh <= 0 && en <= 0) return fallback;
    if (zh != en) return zh > en ? "zh" : "en";
    std::string header(accept_language);  // equal weights: the first listed wins
    for (char& c : header) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return header.find("zh") < header.find("en") ? "zh" : "en";
}

}  // namespace redress_plugins
