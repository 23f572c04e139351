// features: the tokens naive Bayes counts. Chinese needs no word segmentation:
// runs of Han characters give overlapping character bigrams (a lone character
// counts as itself); Latin text gives lower-case words.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace classifier_bayes {

std::vector<std::string> features(std::string_view text);

}  // namespace classifier_bayes
