// media_type: what an uploaded file really is, from its first bytes, so the
// type limit cannot be passed by renaming a file or lying in Content-Type.
#pragma once

#include <string>
#include <string_view>

namespace intake_webform {

// "image/jpeg", "video/mp4"...; "" when the content is none of the known kinds.
std::string sniff_media_type(std::string_view bytes);

}  // namespace intake_webform
