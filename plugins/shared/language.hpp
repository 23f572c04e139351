// language: Chinese or English for a customer's page: an explicit ?lang=
// choice, else the browser's Accept-Language (weights, then order), else a default.
#pragma once

#include <string>
#include <string_view>

namespace redress_plugins {

// "zh" or "en".
std::string preferred_language(std::string_view requested, std::string_view accept_language,
                               const std::string& fallback);

}  // namespace redress_plugins
