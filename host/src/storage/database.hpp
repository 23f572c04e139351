#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include <soci/session.h>

#include "storage/writer_turn.hpp"

namespace soci {
class connection_pool;
}  // namespace soci

namespace redress::storage {

enum class Dialect { sqlite, postgresql };
class GroupCommit;
class WalCheckpointer;

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

    // Runs `work` in a write transaction shared with other threads' writes of
    // the moment, and returns once it is committed (GroupCommit); rethrows what
    // `work` threw, with its writes undone. The host's short writes go here, so
    // that they share syncs to disk instead of queueing behind each other's.
    void write(const std::function<void(soci::session&)>& work);
    // The same for writes that lock a complaint another host may be changing
    // (the SLA clock, escalation decisions) and for delivery records. SQLite:
    // grouped like write(). PostgreSQL: a transaction of their own. In a group,
    // such a row lock would be asked while the group already holds the event
    // lock (complaint_sql::append_event) that another host's group, holding the
    // row, waits for: a deadlock PostgreSQL breaks only after deadlock_timeout,
    // long enough for a delivery record held back behind it to outlive its
    // subscriber's lease, and another host to deliver the same rows again.
    void write_apart(const std::function<void(soci::session&)>& work);

    // SQLite has one writer at a time. This host's writers take turns here, so a
    // writer waits for the one before it to commit and starts at once, instead
    // of meeting SQLITE_BUSY and sleeping in SQLite's busy handler (1, 2, 5, 10
    // ms...). Other processes on the file still meet the busy timeout.
    WriterTurn& sqlite_writer() noexcept { return sqlite_writer_; }
    // SQLite: the connection grouped writes run on (GroupCommit), beside the
    // pool. A connection's page cache is dropped whenever another connection
    // wrote, so writes taking turns on pooled connections read every page they
    // touch again; on one connection they find them cached. Null on PostgreSQL.
    soci::session* sqlite_write_session() noexcept { return write_session_.get(); }

  private:
    friend class Transaction;
    Database() = default;
    std::string schema_;
    Dialect dialect_ = Dialect::sqlite;
    std::size_t pool_size_ = 0;
    std::string url_, display_url_;
    std::unique_ptr<soci::connection_pool> pool_;
    std::unique_ptr<soci::session> write_session_;
    std::unique_ptr<GroupCommit> group_;
    WriterTurn sqlite_writer_;  // before the checkpointer, which takes it
    std::unique_ptr<WalCheckpointer> checkpointer_;
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
// after the host's turn (Database::sqlite_writer), BEGIN on PostgreSQL. Rolls
// back unless committed.
class Transaction {
  public:
    Transaction(Database& db, soci::session& session);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

  private:
    Database& db_;
    soci::session& session_;
    std::unique_lock<WriterTurn> turn_;
    bool done_ = false;
};

}  // namespace redress::storage
