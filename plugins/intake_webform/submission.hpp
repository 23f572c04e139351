// submission: the checks on what a customer sent (fields and files) and its
// translation into a complaint request; the host's refusals mapped back onto
// the form's fields.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "form_data.hpp"
#include "form_page.hpp"
#include "texts.hpp"

namespace intake_webform {

struct Rules {
    int max_files = 5;
    std::size_t max_file_bytes = 20u << 20;
    std::size_t max_total_bytes = 50u << 20;
    std::vector<std::string> allowed_types;
};

struct Submission {
    nlohmann::json complaint;              // the request for the host, without attachments
    Problems problems;                     // field -> message, in the customer's language
    std::vector<std::string> media_types;  // the sniffed type of each file
};

// The form's own fields, trimmed; anything else is dropped.
Values form_values(const std::map<std::string, std::string>& fields);

Submission check(const Values& values, const std::vector<UploadedFile>& files, const Rules& rules,
                 const Texts& t);

// The host's REDRESS_INVALID explanation ({"errors": [{"field": "/customer/email", ...}]})
// as form problems. Empty when it names no field of the form.
Problems host_problems(const std::string& explanation);

}  // namespace intake_webform
