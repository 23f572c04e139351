#include "storage/leases.hpp"

#include <unistd.h>

#include <soci/soci.h>
#include <nlohmann/json.hpp>

#include "domain/time.hpp"
#include "log/logger.hpp"

namespace redress::storage {
namespace {

long long wall_ms() {
    return domain::to_millis(domain::SystemClock().now());
}

}  // namespace

Leases::Leases(Database& db, std::string holder, std::chrono::milliseconds period)
    : db_(db), holder_(std::move(holder)), period_(period) {}

std::string Leases::default_holder() {
    char name[256] = {};
    if (gethostname(name, sizeof name - 1) != 0) name[0] = '\0';
    return std::string(*name ? name : "host") + ":" + std::to_string(getpid()) + ":" +
           std::to_string(wall_ms());
}

bool Leases::hold(const std::string& job) {
    auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(mutex_);
    if (auto it = renewed_.find(job); it != renewed_.end() && now - it->second < period_ / 3)
        return true;
    try {
        Session s(db_);
        long long at = wall_ms(), expires = at + period_.count();
        // One statement takes a free or expired lease, renews our own, and leaves
        // another live holder's alone; the row then says who holds it.
        s << "INSERT INTO leases (job, holder, expires_at, acquired_at)"
             " VALUES (:job, :holder, :expires, :at)"
             " ON CONFLICT (job) DO UPDATE SET holder = excluded.holder,"
             " expires_at = excluded.expires_at,"
             " acquired_at = CASE WHEN leases.holder = excluded.holder THEN leases.acquired_at"
             " ELSE excluded.acquired_at END"
             " WHERE leases.holder = excluded.holder OR leases.expires_at < :now",
            soci::use(job), soci::use(holder_), soci::use(expires), soci::use(at), soci::use(at);
        std::string current;
        s << "SELECT holder FROM leases WHERE job = :job", soci::use(job), soci::into(current);
        bool held = current == holder_;
        bool had = renewed_.count(job) != 0;
        if (held) {
            renewed_[job] = now;
            if (!had) log::info("cluster", "took over " + job);
        } else {
            renewed_.erase(job);
            if (had) log::warning("cluster", job + " is now held by " + current);
        }
        return held;
    } catch (const std::exception& e) {
        // Without the database nobody can confirm a lease: stop running the job.
        if (renewed_.erase(job) != 0)
            log::warning("cluster", "cannot renew " + job + ", pausing it: " + e.what());
        return false;
    }
}

void Leases::release_all() noexcept {
    std::lock_guard lock(mutex_);
    try {
        Session s(db_);
        s << "DELETE FROM leases WHERE holder = :holder", soci::use(holder_);
    } catch (const std::exception& e) {
        log::warning("cluster", std::string("cannot release leases: ") + e.what());
    }
    renewed_.clear();
}

nlohmann::json Leases::list() {
    Session s(db_);
    nlohmann::json out = nlohmann::json::array();
    std::string job, holder;
    long long expires = 0, acquired = 0;
    soci::statement st =
        (s.prepare << "SELECT job, holder, expires_at, acquired_at FROM leases"
                      " ORDER BY job",
         soci::into(job), soci::into(holder), soci::into(expires), soci::into(acquired));
    st.execute();
    while (st.fetch())
        out.push_back(
            {{"job", job}, {"holder", holder}, {"expires_at", expires}, {"acquired_at", acquired}});
    return out;
}

}  // namespace redress::storage
