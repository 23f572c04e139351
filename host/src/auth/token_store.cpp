#include "auth/token_store.hpp"

#include <regex>
#include <stdexcept>

#include <soci/soci.h>

#include "auth/crypto.hpp"
#include "storage/database.hpp"

namespace redress::auth {
namespace {

long long now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace

TokenStore::TokenStore(storage::Database& db, std::chrono::seconds cache_ttl)
    : db_(db), ttl_(cache_ttl) {}

std::string TokenStore::create(const std::string& name, Role role) {
    static const std::regex valid("^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$");
    if (!std::regex_match(name, valid))
        throw std::invalid_argument("a token name is 1-64 letters, digits, '.', '_', '@' or '-'");
    std::string token = new_token();
    std::string hash = sha256_hex(token), role_name(auth::name(role));
    long long at = now_ms();
    storage::Session s(db_);
    int taken = 0;
    s << "SELECT COUNT(*) FROM api_tokens WHERE name = :n", soci::use(name), soci::into(taken);
    if (taken > 0)
        throw std::invalid_argument("a token named \"" + name +
                                    "\" exists already (names stay unique, even revoked)");
    s << "INSERT INTO api_tokens (name, role, token_hash, created_at) VALUES (:n, :r, :h, :a)",
        soci::use(name), soci::use(role_name), soci::use(hash), soci::use(at);
    return token;
}

std::vector<TokenInfo> TokenStore::list() {
    storage::Session s(db_);
    std::string name, role;
    long long created = 0, revoked = 0;
    soci::indicator revoked_ind = soci::i_null;
    soci::statement st =
        (s.prepare << "SELECT name, role, created_at, revoked_at FROM api_tokens ORDER BY id",
         soci::into(name), soci::into(role), soci::into(created), soci::into(revoked, revoked_ind));
    st.execute();
    std::vector<TokenInfo> out;
    while (st.fetch())
        out.push_back(
            {name, parse_role(role).value_or(Role::viewer), created,
             revoked_ind == soci::i_ok ? std::optional<long long>(revoked) : std::nullopt});
    return out;
}

bool TokenStore::revoke(const std::string& name) {
    long long at = now_ms();
    storage::Session s(db_);
    soci::statement st =
        (s.prepare
             << "UPDATE api_tokens SET revoked_at = :a WHERE name = :n AND revoked_at IS NULL",
         soci::use(at), soci::use(name));
    st.execute(true);
    std::lock_guard lock(mutex_);
    cache_.clear();
    return st.get_affected_rows() == 1;
}

std::optional<Principal> TokenStore::authenticate(const std::string& token) {
    std::string hash = sha256_hex(token);
    auto now = std::chrono::steady_clock::now();
    {
        std::lock_guard lock(mutex_);
        auto it = cache_.find(hash);
        if (it != cache_.end() && now - it->second.fetched < ttl_ &&
            constant_time_equal(it->second.hash, hash))
            return it->second.principal;
    }
    storage::Session s(db_);
    std::string stored, name, role;
    s << "SELECT token_hash, name, role FROM api_tokens WHERE token_hash = :h AND revoked_at IS "
         "NULL",
        soci::use(hash), soci::into(stored), soci::into(name), soci::into(role);
    std::optional<Principal> principal;
    if (s.got_data() && constant_time_equal(stored, hash))
        principal = Principal{name, parse_role(role).value_or(Role::viewer)};
    std::lock_guard lock(mutex_);
    if (cache_.size() > 10000) cache_.clear();  // bounded: unknown tokens are cached too
    cache_[hash] = Cached{hash, principal, now};
    return principal;
}

bool TokenStore::has_active_admin() {
    storage::Session s(db_);
    int n = 0;
    s << "SELECT COUNT(*) FROM api_tokens WHERE role = 'admin' AND revoked_at IS NULL",
        soci::into(n);
    return n > 0;
}

}  // namespace redress::auth
