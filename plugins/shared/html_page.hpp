// html_page: the frame of the public pages plugins serve to customers (the
// complaint form, the survey): escaping, one small stylesheet, no scripts.
#pragma once

#include <string>

namespace redress_plugins {

// Text made safe inside HTML elements and quoted attributes.
std::string html_escape(const std::string& text);

// A whole page: `lang` ("zh", "en"), a title (escaped here), `nav` and `body` (HTML).
std::string html_page(const std::string& lang, const std::string& title, const std::string& nav,
                      const std::string& body);

}  // namespace redress_plugins
