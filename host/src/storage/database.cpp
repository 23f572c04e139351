#include "storage/database.hpp"

#include <chrono>
#include <regex>
#include <stdexcept>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "log/logger.hpp"
#include "storage/group_commit.hpp"
#include "storage/prepared.hpp"
#include "storage/wal_checkpointer.hpp"
#include "storage/wal_write_buffer.hpp"

namespace redress::storage {

namespace {

std::string mask_password(const std::string& url) {
    static const std::regex password(R"(://([^:/@]*):([^@]*)@)");
    return std::regex_replace(url, password, "://$1:***@");
}

void configure_sqlite(soci::session& s) {
    s << "PRAGMA journal_mode = WAL";
    s << "PRAGMA synchronous = FULL";
    s << "PRAGMA foreign_keys = ON";
    s << "PRAGMA busy_timeout = 30000";
    // Each pooled connection keeps its own page cache; 1 MiB each (instead of 2)
    // bounds the host's memory at pool_size MiB while the operating system's
    // file cache, shared by all connections, holds the rest of the hot pages.
    s << "PRAGMA cache_size = -1024";
    // Statement journals (a statement inside a transaction that may need undoing
    // on its own) in memory: on disk, each transaction created, wrote and
    // deleted a temporary file.
    s << "PRAGMA temp_store = MEMORY";
}

void configure_postgresql(soci::session& s, const std::string& schema) {
    s << "SET client_min_messages TO warning";
    if (!schema.empty()) {
        s << "CREATE SCHEMA IF NOT EXISTS \"" + schema + "\"";
        s << "SET search_path TO \"" + schema + "\"";
    }
}

}  // namespace

std::unique_ptr<Database> Database::open(const std::string& url,
                                         const std::filesystem::path& data_directory,
                                         std::size_t pool_size, const std::string& schema) {
    std::unique_ptr<Database> db(new Database());
    db->pool_size_ = pool_size;
    db->url_ = url;
    db->display_url_ = mask_password(url);
    db->pool_ = std::make_unique<soci::connection_pool>(pool_size);
    try {
        if (url.rfind("sqlite:", 0) == 0) {
            db->dialect_ = Dialect::sqlite;
            std::filesystem::path file = url.substr(7);
            if (file.is_relative()) file = data_directory / file;
            std::filesystem::create_directories(file.parent_path());
            // The log's writes gathered into one per transaction (wal_write_buffer.hpp).
            std::string connect =
                "db=\"" + file.string() + "\" timeout=30 vfs=" + wal_write_buffer_vfs();
            for (std::size_t i = 0; i < pool_size; ++i) {
                db->pool_->at(i).open(*soci::factory_sqlite3(), connect);
                configure_sqlite(db->pool_->at(i));
            }
            db->write_session_ = std::make_unique<soci::session>(*soci::factory_sqlite3(), connect);
            configure_sqlite(*db->write_session_);
            // The pages every write touches (the tables' and indexes' last leaves
            // and their parents) stay cached.
            *db->write_session_ << "PRAGMA cache_size = -2048";
            *db->write_session_ << "PRAGMA wal_autocheckpoint = 0";
            // The log restarts at 16,384 pages (64 MiB of 4 KiB pages): each restart
            // holds the writers 1 to 5 ms, so at 4,096 pages they were held 8 times a
            // second under full intake. A burst that grew the file beyond 128 MiB
            // has it cut back when it restarts.
            *db->write_session_ << "PRAGMA journal_size_limit = 134217728";
            db->checkpointer_ = std::make_unique<WalCheckpointer>(
                connect, std::chrono::milliseconds(100), db->sqlite_writer_, 16384);
        } else if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
            db->dialect_ = Dialect::postgresql;
            db->schema_ = schema;
            for (std::size_t i = 0; i < pool_size; ++i) {
                soci::session& s = db->pool_->at(i);
                s.open(*soci::factory_postgresql(), url);
                configure_postgresql(s, schema);
            }
        } else {
            throw std::runtime_error(
                "unsupported storage URL (use sqlite:<file> or postgresql://...)");
        }
    } catch (const soci::soci_error& e) {
        throw std::runtime_error("cannot open the database " + db->display_url_ + ": " +
                                 e.get_error_message());
    } catch (const std::filesystem::filesystem_error& e) {
        throw std::runtime_error("cannot open the database " + db->display_url_ + ": " + e.what());
    }
    db->group_ = std::make_unique<GroupCommit>(*db);
    return db;
}

void Database::write(const std::function<void(soci::session&)>& work) {
    group_->run(work);
}

void Database::write_apart(const std::function<void(soci::session&)>& work) {
    if (dialect_ == Dialect::sqlite) return group_->run(work);
    Session s(*this);
    Transaction tx(*this, s);
    work(s);
    tx.commit();
}

void Database::heal(soci::session& s) {
    if (dialect_ != Dialect::postgresql) return;  // SQLite has no connection to lose
    // static_cast: Debian's SOCI exports no type information for its backends.
    auto* backend = static_cast<soci::postgresql_session_backend*>(s.get_backend());
    if (backend && PQstatus(backend->conn_) == CONNECTION_OK) return;
    if (backend) forget_prepared(backend);  // its statements die with it
    // Still down: this throws, the request fails with a 503 and the next one tries again.
    s.reconnect();
    configure_postgresql(s, schema_);
    log::warning("storage", "reconnected to " + display_url_);
}

Session::Session(Database& db) : soci::session(db.pool()) {
    db.heal(*this);
}

Database::~Database() {
    // Prepared statements go before the connections they were prepared on.
    if (pool_)
        for (std::size_t i = 0; i < pool_size_; ++i) forget_prepared(pool_->at(i).get_backend());
    if (write_session_) forget_prepared(write_session_->get_backend());
}

Transaction::Transaction(Database& db, soci::session& session) : db_(db), session_(session) {
    if (db.dialect() == Dialect::sqlite) {
        // As long as SQLite's own busy timeout (configure_sqlite).
        turn_ = std::unique_lock(db.sqlite_writer(), std::chrono::seconds(30));
        if (!turn_.owns_lock())
            throw soci::soci_error(
                "database is locked: another write of this host did not "
                "finish within 30 s");
    }
    session_ << (db.dialect() == Dialect::sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
}

Transaction::~Transaction() {
    if (done_) return;
    try {
        session_ << "ROLLBACK";
    } catch (...) {
        // The connection is broken; the server rolls back on its own.
    }
}

void Transaction::commit() {
    session_ << "COMMIT";
    done_ = true;
    if (turn_.owns_lock()) turn_.unlock();
    if (db_.checkpointer_) db_.checkpointer_->committed();
}

}  // namespace redress::storage
