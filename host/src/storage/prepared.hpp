#pragma once

#include <functional>
#include <memory>
#include <typeindex>

#include <soci/soci.h>

namespace redress::storage {

namespace detail {
std::shared_ptr<void> find_or_make(soci::details::session_backend* connection, std::type_index kind,
                                   const std::function<std::shared_ptr<void>()>& make);
}  // namespace detail

// A statement prepared once per pooled connection and executed many times.
// SOCI's `session << sql` parses the SQL again at every call, and on the write
// path that parsing was a quarter of the time. A Slot holds one statement and
// the variables it is bound to; it is made on first use on a connection (its
// constructor prepares the statement on `s`) and kept until the connection's
// Database closes. A leased session is used by one thread at a time, and so is
// its slot.
template <class Slot>
Slot& prepared(soci::session& s) {
    return *static_cast<Slot*>(
        detail::find_or_make(s.get_backend(), std::type_index(typeid(Slot)), [&s] {
            return std::shared_ptr<void>(std::make_shared<Slot>(s));
        }).get());
}

// Drops the slots of a connection that is about to close.
void forget_prepared(soci::details::session_backend* connection);

}  // namespace redress::storage
