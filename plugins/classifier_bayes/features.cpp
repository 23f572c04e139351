#include "features.hpp"

#include <cstdint>

namespace classifier_bayes {
namespace {

// Decodes one UTF-8 character at s[i], advancing i; invalid bytes decode as U+FFFD.
std::uint32_t next_code_point(std::string_view s, std::size_t& i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
    if (extra < 0 || i + static_cast<std::size_t>(extra) >= s.size()) {
        ++i;
        return 0xFFFD;
    }
    std::uint32_t cp = extra == 0 ? c : c & (0x3F >> extra);
    for (int k = 1; k <= extra; ++k) {
        unsigned char cc = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
        if ((cc & 0xC0) != 0x80) {
            ++i;
            return 0xFFFD;
        }
        cp = (cp << 6) | (cc & 0x3F);
    }
    i += static_cast<std::size_t>(extra) + 1;
    return cp;
}

bool is_han(std::uint32_t cp) {
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2A6DF);
}

}  // namespace

std::vector<std::string> features(std::string_view text) {
    std::vector<std::string> out;
    std::vector<std::string_view> han;  // the current run of Han characters
    std::string word;
    auto end_han = [&] {
        if (han.size() == 1) out.emplace_back(han[0]);
        for (std::size_t k = 1; k < han.size(); ++k)
            out.push_back(std::string(han[k - 1]) + std::string(han[k]));
        han.clear();
    };
    auto end_word = [&] {
        if (word.size() >= 2) out.push_back(word);
        word.clear();
    };
    for (std::size_t i = 0; i < text.size();) {
        std::size_t start = i;
        std::uint32_t cp = next_code_point(text, i);
        if (is_han(cp)) {
            end_word();
            han.push_back(text.substr(start, i - start));
        } else if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp == '\'') {
            end_han();
            if (cp != '\'') word += static_cast<char>(cp | 0x20);
        } else {
            end_han();
            end_word();
        }
    }
    end_han();
    end_word();
    return out;
}

}  // namespace classifier_bayes
