#pragma once

#include <string>
#include <string_view>

#include "domain/complaint.hpp"

namespace redress::storage {

// ASCII letters folded to lower case; other characters kept as they are.
std::string fold_case(std::string text);

// What the queue's text query searches: the number, subject, description,
// product, demand and the customer's name, company, phone and email, folded.
std::string search_text_of(const domain::Complaint& c);

// Every distinct pair of adjacent CJK characters in a folded search text,
// separated by spaces ("洗衣机漏水" -> "洗衣 衣机 机漏 漏水"). Two-character words
// are the commonest Chinese queries, and a trigram index cannot answer them.
std::string search_grams_of(std::string_view folded);

// A category as a word of the text indexes: three characters of Unicode's
// private use area, which typed text does not contain, so that the word is one
// trigram in the trigram index and one token in the pairs index. Written beside
// each complaint's text (search_columns_of), these words let a text index
// answer "this text in this category" by itself instead of reading every row
// the text matches (docs/performance.md#reads). Words come from a hash, so two
// categories may share one: a query checks the column as well.
std::string category_word(std::string_view category);

// The words of a category and every category above it ("product.fault":
// "product" too), space-separated. Only the category: a priority or channel
// word would match most complaints, and intersecting that in the index costs
// more than checking the rows (measured: docs/performance.md#reads).
std::string category_words_of(std::string_view category);

// A pair of CJK characters within a category: the category's word and the
// pair as one token of the pairs index, so that 漏水 in "product" is a
// single lookup whose matches are all answers.
std::string gram_in_category(std::string_view gram, std::string_view category);

// What a complaint's row holds for the text indexes. search_text: the folded
// text, then the category's words. search_grams: the text's CJK pairs,
// then each pair in each of the complaint's categories (gram_in_category).
struct SearchColumns {
    std::string text, grams;
};
SearchColumns search_columns_of(const domain::Complaint& c);

// Which index answers a text query (already folded).
enum class TextIndex {
    trigrams,  // three characters or more: a trigram index
    gram,      // exactly two CJK characters: the pairs above
    scan,      // anything shorter: a scan of the texts
};
TextIndex text_index_for(std::string_view folded_query);

}  // namespace redress::storage
