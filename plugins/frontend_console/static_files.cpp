#include "static_files.hpp"

#include <cstdint>
#include <cstdio>

#include "assets.hpp"

namespace frontend_console {

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// FNV-1a: enough to tell one build's file from another's.
std::string fingerprint(std::string_view bytes) {
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : bytes) h = (h ^ c) * 1099511628211ULL;
    char buf[24];
    std::snprintf(buf, sizeof buf, "\"%016llx\"", static_cast<unsigned long long>(h));
    return buf;
}

}  // namespace

std::string media_type(std::string_view path) {
    if (ends_with(path, ".html")) return "text/html; charset=utf-8";
    if (ends_with(path, ".css")) return "text/css; charset=utf-8";
    if (ends_with(path, ".js")) return "text/javascript; charset=utf-8";
    if (ends_with(path, ".svg")) return "image/svg+xml";
    return "application/octet-stream";
}

std::optional<StaticFile> find_file(std::string_view path) {
    for (const auto& a : assets())
        if (a.path == path) return StaticFile{a.bytes, media_type(path), fingerprint(a.bytes)};
    return std::nullopt;
}

}  // namespace frontend_console
