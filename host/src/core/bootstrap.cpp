#include "core/bootstrap.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <soci/soci.h>

#include "log/logger.hpp"
#include "storage/database.hpp"

namespace redress::core {

void ensure_admin_token(auth::TokenStore& tokens, const std::filesystem::path& data_directory) {
    if (tokens.has_active_admin()) return;
    // A name no token has had: names stay unique, revoked ones included.
    auto existing = tokens.list();
    auto taken = [&](const std::string& name) {
        return std::any_of(existing.begin(), existing.end(),
                           [&](const auto& t) { return t.name == name; });
    };
    std::string name = "admin";
    for (int n = 2; taken(name); ++n) name = "admin-" + std::to_string(n);
    std::string token = tokens.create(name, auth::Role::admin);
    auto file = data_directory / "admin-token";
    int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        throw std::runtime_error("cannot write " + file.string() + ": " + std::strerror(errno));
    ::fchmod(fd, 0600);  // also when the file existed with other permissions
    std::string line = token + "\n";
    bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
    ::close(fd);
    if (!written) throw std::runtime_error("cannot write " + file.string());
    log::warning("auth", "no admin token existed: created token \"" + name +
                             "\" (role admin) and wrote it to " + file.string() +
                             " (readable by this user only); keep it, then delete the file");
}

void apply_instance_switches(storage::Database& db, config::HostConfig& config) {
    storage::Session s(db);
    std::string name;
    int enabled = 0;
    soci::statement st = (s.prepare << "SELECT name, enabled FROM instance_switches",
                          soci::into(name), soci::into(enabled));
    st.execute();
    while (st.fetch())
        for (auto& instance : config.instances)
            if (instance.name == name && instance.enabled != (enabled != 0)) {
                instance.enabled = enabled != 0;
                log::info("host", "instance " + name + " is " +
                                      (instance.enabled ? "enabled" : "disabled") +
                                      " by an earlier admin switch");
            }
}

}  // namespace redress::core
