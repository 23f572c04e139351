// Posts from the public pages: the web form (multipart with files, or
// url-encoded) checked as intake_webform checks it, and the survey's url-encoded
// answer. The first line of an input is the Content-Type, the rest the body.
#include <cstdint>
#include <string_view>

#include <nlohmann/json.hpp>

#include "form_data.hpp"
#include "submission.hpp"
#include "texts.hpp"
#include "url_encoded.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    auto newline = input.find('\n');
    std::string_view type = input.substr(0, newline);
    std::string_view body = newline == std::string_view::npos ? "" : input.substr(newline + 1);

    auto fields = redress_plugins::parse_urlencoded(body);
    intake_webform::Rules rules;
    rules.allowed_types = {"image/jpeg", "image/png", "application/pdf"};
    const auto& texts = intake_webform::texts(type.size() % 2 ? intake_webform::Lang::zh
                                                              : intake_webform::Lang::en);
    auto submission = intake_webform::check(intake_webform::form_values(fields), {}, rules, texts);
    if (submission.problems.empty()) submission.complaint.dump();  // strict, as the plugin sends it
    try {
        auto form = intake_webform::parse_multipart(body, type);
        auto checked = intake_webform::check(intake_webform::form_values(form.fields), form.files,
                                             rules, texts);
        if (checked.problems.empty()) checked.complaint.dump();
    } catch (const intake_webform::FormError&) {
    }
    return 0;
}
