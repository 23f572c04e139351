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

// Which index answers a text query (already folded).
enum class TextIndex {
    trigrams,  // three characters or more: a trigram index
    gram,      // exactly two CJK characters: the pairs above
    scan,      // anything shorter: a scan of the texts
};
TextIndex text_index_for(std::string_view folded_query);

}  // namespace redress::storage
