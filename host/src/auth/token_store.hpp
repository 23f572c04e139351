#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "auth/roles.hpp"
#include "storage/database.hpp"

namespace redress::auth {

// Who is acting: the token's name (recorded on every event) and its role.
struct Principal {
    std::string name;
    Role role;
};

struct TokenInfo {
    std::string name;
    Role role;
    long long created_at;
    std::optional<long long> revoked_at;
};

// Bearer tokens, stored only as SHA-256 hashes. Lookups are cached for a few
// seconds, so a revocation made by `redress token revoke` in another process
// takes effect within that time.
class TokenStore {
  public:
    explicit TokenStore(storage::Database& db,
                        std::chrono::seconds cache_ttl = std::chrono::seconds(5));

    // Creates a token and returns it; only its hash is kept. Throws std::invalid_argument
    // when the name is taken or malformed.
    std::string create(const std::string& name, Role role);
    std::vector<TokenInfo> list();
    // False if there is no active token of that name.
    bool revoke(const std::string& name);
    std::optional<Principal> authenticate(const std::string& token);
    bool has_active_admin();

  private:
    struct Cached {
        std::string hash;
        std::optional<Principal> principal;
        std::chrono::steady_clock::time_point fetched;
    };
    storage::Database& db_;
    std::chrono::seconds ttl_;
    std::mutex mutex_;
    std::map<std::string, Cached> cache_;  // by token hash
};

}  // namespace redress::auth
