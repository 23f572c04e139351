// form_page: the HTML of the public complaint form (with the values entered and
// a message next to each field that needs fixing) and of the acknowledgement.
#pragma once

#include <map>
#include <string>

#include "texts.hpp"

namespace intake_webform {

// What the customer typed, by field name, and what is wrong with which field.
using Values = std::map<std::string, std::string>;
using Problems = std::map<std::string, std::string>;

struct FormLimits {
    int max_files = 5;
    int max_file_mb = 20;
};

// `banner`: a message above the form ("" for none). `token`: the forgery token.
std::string render_form(const Texts& t, const std::string& base, const Values& values,
                        const Problems& problems, const std::string& token,
                        const std::string& banner, const FormLimits& limits);

// The acknowledgement (D5): the complaint number and when to expect an answer
// ("" when the complaint has no response deadline).
std::string render_thanks(const Texts& t, const std::string& base, const std::string& number,
                          const std::string& due);

// A short page for a refusal that is not about the fields (too many requests).
std::string render_message(const Texts& t, const std::string& base, const std::string& message);

}  // namespace intake_webform
