#include "storage/search_text.hpp"

#include <redress/redress.hpp>

#include <cstdint>
#include <set>
#include <vector>

namespace redress::storage {
namespace {

// UTF-8 code points with their byte spans; a malformed byte counts as one.
struct CodePoint {
    char32_t value;
    std::size_t begin, size;
};

std::vector<CodePoint> code_points(std::string_view s) {
    std::vector<CodePoint> out;
    for (std::size_t i = 0; i < s.size();) {
        auto c = redress::decode_utf8(s, i);
        if (c.size == 0) c = {static_cast<unsigned char>(s[i]), 1};
        out.push_back({c.value, i, c.size});
        i += c.size;
    }
    return out;
}

// Han ideographs, kana and Hangul: scripts written without spaces between words.
bool is_cjk(char32_t c) {
    return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF);
}

}  // namespace

std::string fold_case(std::string text) {
    for (char& ch : text)
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    return text;
}

std::string search_text_of(const domain::Complaint& c) {
    const nlohmann::json& d = c.doc();
    std::string text = c.number();
    for (const char* key : {"subject", "description", "product", "demand"})
        if (auto it = d.find(key); it != d.end() && it->is_string())
            text += "\n" + it->get<std::string>();
    if (auto it = d.find("customer"); it != d.end() && it->is_object())
        for (const char* key : {"name", "company", "phone", "email"})
            if (auto v = it->find(key); v != it->end() && v->is_string())
                text += "\n" + v->get<std::string>();
    return fold_case(text);
}

std::string search_grams_of(std::string_view folded) {
    auto points = code_points(folded);
    std::set<std::string_view> seen;
    std::string out;
    for (std::size_t i = 0; i + 1 < points.size(); ++i) {
        if (!is_cjk(points[i].value) || !is_cjk(points[i + 1].value)) continue;
        auto gram = folded.substr(points[i].begin, points[i].size + points[i + 1].size);
        if (!seen.insert(gram).second) continue;
        if (!out.empty()) out += ' ';
        out += gram;
    }
    return out;
}

std::string category_word(std::string_view category) {
    std::uint64_t h = 14695981039346656037ull;  // FNV-1a
    for (unsigned char ch : category) h = (h ^ ch) * 1099511628211ull;
    std::string word;
    for (int i = 0; i < 3; ++i, h /= 6400) {  // U+E000..U+F8FF: 6,400 code points
        const auto c = static_cast<char32_t>(0xE000 + h % 6400);
        word += static_cast<char>(0xE0 | (c >> 12));
        word += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        word += static_cast<char>(0x80 | (c & 0x3F));
    }
    return word;
}

namespace {

// The category and every category above it, most general first.
std::vector<std::string_view> category_levels(std::string_view category) {
    std::vector<std::string_view> out;
    for (auto dot = category.find('.'); dot != std::string_view::npos;
         dot = category.find('.', dot + 1))
        out.push_back(category.substr(0, dot));
    out.push_back(category);
    return out;
}

}  // namespace

std::string category_words_of(std::string_view category) {
    std::string out;
    for (auto level : category_levels(category))
        out += (out.empty() ? "" : " ") + category_word(level);
    return out;
}

std::string gram_in_category(std::string_view gram, std::string_view category) {
    return category_word(category) + std::string(gram);
}

SearchColumns search_columns_of(const domain::Complaint& c) {
    SearchColumns out;
    out.text = search_text_of(c);
    out.grams = search_grams_of(out.text);
    const std::string category = c.category();  // the levels below view it
    if (category.empty()) return out;           // not classified yet: no words
    out.text += "\n" + category_words_of(category);
    std::string in_categories;
    for (auto level : category_levels(category)) {
        for (std::size_t begin = 0; begin < out.grams.size();) {
            auto end = out.grams.find(' ', begin);
            if (end == std::string::npos) end = out.grams.size();
            in_categories +=
                ' ' +
                gram_in_category(std::string_view(out.grams).substr(begin, end - begin), level);
            begin = end + 1;
        }
    }
    out.grams += in_categories;
    return out;
}

TextIndex text_index_for(std::string_view folded_query) {
    auto points = code_points(folded_query);
    if (points.size() >= 3) return TextIndex::trigrams;
    if (points.size() == 2 && is_cjk(points[0].value) && is_cjk(points[1].value))
        return TextIndex::gram;
    return TextIndex::scan;
}

}  // namespace redress::storage
