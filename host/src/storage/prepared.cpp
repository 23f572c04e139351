#include "storage/prepared.hpp"

#include <map>
#include <mutex>

namespace redress::storage {

namespace {

std::mutex& registry_mutex() {
    static std::mutex m;
    return m;
}

using Registry =
    std::map<std::pair<soci::details::session_backend*, std::type_index>, std::shared_ptr<void>>;

Registry& registry() {
    static Registry r;
    return r;
}

}  // namespace

namespace detail {

std::shared_ptr<void> find_or_make(soci::details::session_backend* connection, std::type_index kind,
                                   const std::function<std::shared_ptr<void>()>& make) {
    {
        std::lock_guard lock(registry_mutex());
        auto it = registry().find({connection, kind});
        if (it != registry().end()) return it->second;
    }
    // Prepared outside the lock: only this connection's lessee can be here.
    auto slot = make();
    std::lock_guard lock(registry_mutex());
    registry()[{connection, kind}] = slot;
    return slot;
}

}  // namespace detail

void forget_prepared(soci::details::session_backend* connection) {
    std::lock_guard lock(registry_mutex());
    for (auto it = registry().begin(); it != registry().end();)
        it = it->first.first == connection ? registry().erase(it) : std::next(it);
}

}  // namespace redress::storage
