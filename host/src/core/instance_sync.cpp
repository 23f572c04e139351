#include "core/instance_sync.hpp"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <libpq-fe.h>
#include <soci/soci.h>

#include "domain/time.hpp"
#include "log/logger.hpp"
#include "plugins/plugin_manager.hpp"

namespace redress::core {
namespace {

// One channel for every schema of the database: a notification from a cluster
// in another schema costs a harmless look at this one's table.
constexpr const char* kChannel = "redress_switches";

// A connection of its own that LISTENs; null when it cannot be had now.
PGconn* listen_connection(const storage::Database& db) {
    PGconn* conn = PQconnectdb(db.url().c_str());
    if (PQstatus(conn) == CONNECTION_OK) {
        PGresult* r = PQexec(conn, (std::string("LISTEN ") + kChannel).c_str());
        bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
        PQclear(r);
        if (ok) return conn;
    }
    PQfinish(conn);
    return nullptr;
}

}  // namespace

void record_switch(storage::Database& db, const std::string& name, bool enabled,
                   const std::string& by) {
    storage::Session s(db);
    long long at = domain::to_millis(domain::SystemClock().now());
    int flag = enabled ? 1 : 0;
    s << "INSERT INTO instance_switches (name, enabled, changed_by, changed_at)"
         " VALUES (:n, :e, :b, :a) ON CONFLICT (name) DO UPDATE SET enabled = excluded.enabled,"
         " changed_by = excluded.changed_by, changed_at = excluded.changed_at",
        soci::use(name), soci::use(flag), soci::use(by), soci::use(at);
    if (db.dialect() == storage::Dialect::postgresql) {
        std::string channel = kChannel, ignored;
        s << "SELECT CAST(pg_notify(:c, :n) AS TEXT)", soci::use(channel), soci::use(name),
            soci::into(ignored);
    }
}

InstanceSwitchSync::InstanceSwitchSync(storage::Database& db, plugins::PluginManager& plugins,
                                       std::chrono::milliseconds interval)
    : db_(db), plugins_(plugins), interval_(interval) {
    // The switches already in the table were applied to the configuration at start.
    storage::Session s(db_);
    std::string name;
    long long at = 0;
    soci::statement st = (s.prepare << "SELECT name, changed_at FROM instance_switches",
                          soci::into(name), soci::into(at));
    st.execute();
    while (st.fetch()) seen_[name] = at;
}

InstanceSwitchSync::~InstanceSwitchSync() {
    stop();
}

int InstanceSwitchSync::apply_changes() {
    std::lock_guard lock(mutex_);
    std::map<std::string, std::pair<bool, long long>> rows;
    {
        storage::Session s(db_);
        std::string name;
        int enabled = 0;
        long long at = 0;
        soci::statement st =
            (s.prepare << "SELECT name, enabled, changed_at FROM instance_switches",
             soci::into(name), soci::into(enabled), soci::into(at));
        st.execute();
        while (st.fetch()) rows[name] = {enabled != 0, at};
    }
    int applied = 0;
    for (const auto& [name, row] : rows) {
        auto [enabled, at] = row;
        auto it = seen_.find(name);
        if (it != seen_.end() && it->second == at) continue;
        seen_[name] = at;
        auto* instance = plugins_.find(name);
        if (instance == nullptr) continue;  // not configured on this host
        bool on = instance->state() != plugins::InstanceState::disabled;
        if (on == enabled) continue;  // switched here, or already so
        std::string why;
        if (plugins_.set_enabled(name, enabled, why)) {
            ++applied;
            log::info("cluster", "instance " + name + (enabled ? " enabled" : " disabled") +
                                     " on another host: done here too");
        } else {
            log::warning("cluster", "instance " + name + (enabled ? " enabled" : " disabled") +
                                        " on another host, but not here: " + why);
        }
    }
    return applied;
}

void InstanceSwitchSync::start() {
    stop_fd_ = eventfd(0, EFD_CLOEXEC);
    thread_ = std::thread([this] { run(); });
}

void InstanceSwitchSync::stop() {
    if (!thread_.joinable()) return;
    std::uint64_t one = 1;
    if (write(stop_fd_, &one, sizeof one) < 0) {
        // An eventfd write fails only on overflow; the thread ends at its next wake.
    }
    thread_.join();
    close(stop_fd_);
    stop_fd_ = -1;
}

void InstanceSwitchSync::run() {
    PGconn* listener = nullptr;
    for (;;) {
        if (db_.dialect() == storage::Dialect::postgresql && listener == nullptr)
            listener = listen_connection(db_);
        pollfd fds[2] = {{stop_fd_, POLLIN, 0}, {-1, POLLIN, 0}};
        if (listener != nullptr) fds[1].fd = PQsocket(listener);
        int n = poll(fds, 2, static_cast<int>(interval_.count()));
        if (n > 0 && (fds[0].revents & POLLIN)) break;
        if (listener != nullptr && n > 0 && fds[1].revents != 0) {
            // Drain the notifications: whatever they name, one look at the table serves all.
            if (PQconsumeInput(listener) == 0) {
                PQfinish(listener);  // the server went away: listen again next round
                listener = nullptr;
            }
            while (listener != nullptr) {
                PGnotify* note = PQnotifies(listener);
                if (note == nullptr) break;
                PQfreemem(note);
            }
        }
        try {
            apply_changes();
        } catch (const std::exception& e) {
            log::warning("cluster", std::string("cannot read instance switches: ") + e.what());
        }
    }
    if (listener != nullptr) PQfinish(listener);
}

}  // namespace redress::core
