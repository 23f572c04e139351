// attachment_store: files customers send (photos, videos, documents), kept
// content-addressed in a plugin's data directory: <dir>/<first two hex>/<sha256>.
// The same file sent twice is stored once; a stored file never changes.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace redress_plugins {

struct StoredAttachment {
    std::string name;        // the sender's file name, for people
    std::string media_type;  // e.g. "image/jpeg"
    std::size_t size = 0;
    std::string sha256;  // hex; also the file's name in the store

    // The complaint's "attachments" entry: {name, media_type, size, sha256}.
    nlohmann::json to_json() const;
};

// The hex SHA-256 of `bytes`.
std::string sha256_hex(std::string_view bytes);

// Writes `bytes` under `dir` (a temporary file, flushed to disk, then renamed,
// so a crash never leaves a partial file under a content name). Throws
// std::runtime_error naming the path when the disk refuses.
StoredAttachment store_attachment(const std::filesystem::path& dir, std::string_view bytes,
                                  std::string name, std::string media_type);

}  // namespace redress_plugins
