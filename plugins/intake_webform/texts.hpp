// texts: every word the public form shows, in Chinese and English, and the
// choice of language (?lang=, else Accept-Language, else the configured default).
#pragma once

#include <string>
#include <string_view>

namespace intake_webform {

enum class Lang { zh, en };

struct Texts {
    const char* code;  // "zh" / "en", for <html lang> and links
    const char* other_code;
    const char* other_name;  // the link to the other language, in that language
    const char* title;
    const char* intro;
    const char* name;
    const char* phone;
    const char* email;
    const char* contact_hint;
    const char* product;
    const char* purchased_at;
    const char* description;
    const char* demand;
    const char* attachments;
    const char* attachments_hint;  // printf: max files, max MB each
    const char* submit;
    const char* required_mark;
    const char* fix_below;
    // Field problems.
    const char* required;
    const char* contact_required;
    const char* email_invalid;
    const char* phone_invalid;
    const char* date_invalid;
    const char* too_long;         // printf: max characters
    const char* not_text;         // bytes that are not UTF-8 text
    const char* file_too_large;   // printf: name, max MB
    const char* file_type;        // printf: name
    const char* too_many_files;   // printf: max
    const char* total_too_large;  // printf: max MB
    // Whole-form answers.
    const char* form_expired;
    const char* rate_limited;
    const char* unavailable;
    const char* thanks_title;
    const char* thanks_number;  // printf: number
    const char* thanks_due;     // printf: time
    const char* thanks_no_due;
    const char* another;
};

const Texts& texts(Lang lang);

// `requested`: the ?lang= value ("" when absent); `accept_language`: the header.
Lang choose_language(std::string_view requested, std::string_view accept_language, Lang fallback);

}  // namespace intake_webform
