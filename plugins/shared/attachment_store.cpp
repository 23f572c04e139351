#include "attachment_store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <stdexcept>

#include <openssl/evp.h>

namespace redress_plugins {
namespace fs = std::filesystem;

nlohmann::json StoredAttachment::to_json() const {
    return {{"name", name}, {"media_type", media_type}, {"size", size}, {"sha256", sha256}};
}

std::string sha256_hex(std::string_view bytes) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("SHA-256 failed");
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < length; ++i) {
        out += hex[digest[i] >> 4];
        out += hex[digest[i] & 15];
    }
    return out;
}

namespace {

[[noreturn]] void fail(const std::string& what, const fs::path& path) {
    throw std::runtime_error("cannot " + what + " " + path.string() + ": " + std::strerror(errno));
}

void write_durably(const fs::path& temp, std::string_view bytes) {
    int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
    if (fd < 0) fail("create", temp);
    std::size_t done = 0;
    while (done < bytes.size()) {
        ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            ::close(fd);
            fail("write", temp);
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) {
        ::close(fd);
        fail("flush", temp);
    }
    ::close(fd);
}

}  // namespace

StoredAttachment store_attachment(const fs::path& dir, std::string_view bytes, std::string name,
                                  std::string media_type) {
    StoredAttachment a{std::move(name), std::move(media_type), bytes.size(), sha256_hex(bytes)};
    fs::path folder = dir / a.sha256.substr(0, 2);
    fs::path target = folder / a.sha256;
    std::error_code ec;
    if (fs::exists(target, ec)) return a;
    fs::create_directories(folder, ec);
    if (ec) throw std::runtime_error("cannot create " + folder.string() + ": " + ec.message());
    fs::path temp = folder / (a.sha256 + ".tmp." + std::to_string(::getpid()) + "." +
                              std::to_string(reinterpret_cast<std::uintptr_t>(&a)));
    write_durably(temp, bytes);
    if (::rename(temp.c_str(), target.c_str()) != 0) {
        ::unlink(temp.c_str());
        fail("rename into", target);
    }
    return a;
}

}  // namespace redress_plugins
