// static_files: answers a GET for one of the console's files, with its media
// type, an ETag (so a browser revalidates instead of downloading again) and
// the security headers every page of the console carries.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace frontend_console {

struct StaticFile {
    std::string_view bytes;
    std::string content_type;
    std::string etag;  // quoted, as sent
};

// The file at `path` ("index.html", "js/main.js"), if the console has one.
std::optional<StaticFile> find_file(std::string_view path);

// The media type for a file name, by its extension.
std::string media_type(std::string_view path);

}  // namespace frontend_console
