#include "media_type.hpp"

namespace intake_webform {

std::string sniff_media_type(std::string_view b) {
    auto starts = [&](std::string_view magic, std::size_t at = 0) {
        return b.size() >= at + magic.size() && b.substr(at, magic.size()) == magic;
    };
    if (starts("\xFF\xD8\xFF")) return "image/jpeg";
    if (starts("\x89PNG\r\n\x1A\n")) return "image/png";
    if (starts("GIF87a") || starts("GIF89a")) return "image/gif";
    if (starts("RIFF") && starts("WEBP", 8)) return "image/webp";
    if (starts("RIFF") && starts("AVI ", 8)) return "video/x-msvideo";
    if (starts("\x1A\x45\xDF\xA3")) return "video/webm";
    if (starts("%PDF-")) return "application/pdf";
    if (starts("ftyp", 4)) {  // ISO base media: the brand says which
        std::string_view brand = b.substr(8, 4);
        if (brand == "heic" || brand == "heix" || brand == "mif1" || brand == "msf1")
            return "image/heic";
        if (brand == "qt  ") return "video/quicktime";
        if (brand.substr(0, 3) == "3gp") return "video/3gpp";
        return "video/mp4";
    }
    return "";
}

}  // namespace intake_webform
