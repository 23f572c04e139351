// html_text: the readable text of an HTML mail body (for messages that have no
// text/plain part): tags dropped, block ends as line breaks, entities decoded.
#pragma once

#include <string>
#include <string_view>

namespace intake_email {

std::string html_to_text(std::string_view html);

}  // namespace intake_email
