// survey_texts: the words of the satisfaction survey, in Chinese and English.
#pragma once

#include <string>

namespace frontend_survey {

struct SurveyTexts {
    const char* lang;
    const char* other_lang;
    const char* other_name;
    const char* title;
    const char* intro;  // printf: complaint number
    const char* score;
    const char* score_labels[5];  // 1..5
    const char* resolved;
    const char* yes;
    const char* no;
    const char* comment;
    const char* submit;
    const char* score_required;
    const char* thanks;
    const char* thanks_reopened;
    const char* already_answered;
    const char* invalid_link;
    const char* unavailable;
};

const SurveyTexts& survey_texts(const std::string& lang);

}  // namespace frontend_survey
