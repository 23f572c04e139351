#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>

namespace soci {
class connection_pool;
class session;
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

  private:
    Database() = default;
    Dialect dialect_ = Dialect::sqlite;
    std::size_t pool_size_ = 0;
    std::string display_url_;
    std::unique_ptr<soci::connection_pool> pool_;
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
