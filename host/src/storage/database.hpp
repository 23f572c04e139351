#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>

#include <soci/session.h>

namespace soci {
class connection_pool;
}  // namespace soci

namespace redress::storage {

enum class Dialect { sqlite, postgresql };

// A pool of open connections to the one database (no per-request connection
// set-up: SOCI sessions are not thread-safe, so each request leases its own).
//
// SQLite: one file in WAL mode, synchronous=FULL (a commit is on disk before it
// returns), foreign keys on, a busy timeout so writers queue instead of failing.
// PostgreSQL: libpq notices kept off stderr; an optional schema as search_path.
class Database {
  public:
    // "sqlite:<file>" (relative to `data_directory`) or "postgresql://...".
    // Throws std::runtime_error naming the URL (without password) and the cause.
    static std::unique_ptr<Database> open(const std::string& url,
                                          const std::filesystem::path& data_directory,
                                          std::size_t pool_size, const std::string& schema = "");
    ~Database();

    Dialect dialect() const noexcept { return dialect_; }
    soci::connection_pool& pool() noexcept { return *pool_; }
    std::size_t pool_size() const noexcept { return pool_size_; }
    // The URL with any password masked, for logs.
    const std::string& display_url() const noexcept { return display_url_; }
    // The URL as configured, password included: for opening further connections.
    const std::string& url() const noexcept { return url_; }
    // PostgreSQL: the schema the tables live in ("" for the default search path).
    const std::string& schema() const noexcept { return schema_; }
    // Reopens a PostgreSQL connection the server dropped (see Session).
    void heal(soci::session& session);

  private:
    Database() = default;
    std::string schema_;
    Dialect dialect_ = Dialect::sqlite;
    std::size_t pool_size_ = 0;
    std::string url_, display_url_;
    std::unique_ptr<soci::connection_pool> pool_;
};

// A connection leased from the pool for a scope. A PostgreSQL connection the
// server dropped (a restart, a network cut) is reopened when it is next leased:
// the request that met the broken connection failed with a 503, later ones get
// a new connection, and the host recovers by itself.
class Session : public soci::session {
  public:
    explicit Session(Database& db);
};

// One write transaction on a leased session: BEGIN IMMEDIATE on SQLite (take the
// write lock up front, so two writers never deadlock upgrading a read lock),
// BEGIN on PostgreSQL. Rolls back unless committed.
class Transaction {
  public:
    Transaction(Database& db, soci::session& session);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

  private:
    soci::session& session_;
    bool done_ = false;
};

}  // namespace redress::storage
