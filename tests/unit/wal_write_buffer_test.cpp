// The VFS that gathers a write-ahead log's writes (storage/wal_write_buffer.hpp):
// every commit is visible to other connections the moment it returns and
// survives the process dying, whatever the synchronous mode, and the log gets
// far fewer writes than SQLite makes.
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <string>

#include "storage/wal_write_buffer.hpp"
#include "temp_dir.hpp"

using redress::storage::register_wal_write_buffer;
using redress::storage::wal_write_counts;

namespace {

// A small buffer, so that large transactions overflow it and SQLite's cache
// spills frames before the commit.
const std::string& test_vfs() {
    static const std::string& name = register_wal_write_buffer("redress-wal-test", "", 16 * 1024);
    return name;
}

struct Connection {
    sqlite3* db = nullptr;
    Connection(const std::string& file, const char* vfs) {
        int rc =
            sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, vfs);
        if (rc != SQLITE_OK) FAIL("cannot open " << file << ": " << sqlite3_errstr(rc));
        sqlite3_busy_timeout(db, 5000);
    }
    ~Connection() { sqlite3_close(db); }
    void exec(const std::string& sql) {
        char* error = nullptr;
        if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
            std::string message = error ? error : "?";
            sqlite3_free(error);
            FAIL(sql << ": " << message);
        }
    }
    long long scalar(const std::string& sql) {
        sqlite3_stmt* st = nullptr;
        REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
        int rc = sqlite3_step(st);
        INFO(sql << ": " << sqlite3_errmsg(db) << " (" << sqlite3_extended_errcode(db) << ")");
        REQUIRE(rc == SQLITE_ROW);
        long long v = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
        return v;
    }
    std::string text(const std::string& sql) {
        sqlite3_stmt* st = nullptr;
        REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
        REQUIRE(sqlite3_step(st) == SQLITE_ROW);
        std::string v = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
        return v;
    }
};

void set_up(Connection& c, const std::string& synchronous) {
    c.exec("PRAGMA journal_mode = WAL");
    c.exec("PRAGMA synchronous = " + synchronous);
    c.exec("PRAGMA cache_size = 8");  // pages: large transactions spill to the log
    c.exec("PRAGMA wal_autocheckpoint = 50");
    c.exec("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, body TEXT)");
    c.exec("CREATE INDEX IF NOT EXISTS t_body ON t(body)");
}

// Transactions of one row to 120 rows of up to 3 kB: some fit in a page, some
// overflow the buffer and the cache.
void write_transaction(Connection& c, int n, int& rows) {
    int count = n % 10 == 0 ? 120 : 1 + n % 4;
    c.exec("BEGIN");
    for (int i = 0; i < count; ++i)
        c.exec("INSERT INTO t (body) VALUES ('" + std::to_string(n) + "-" + std::to_string(i) +
               std::string(static_cast<std::size_t>((n * 37 + i * 101) % 3000), 'x') + "')");
    c.exec("COMMIT");
    rows += count;
}

}  // namespace

TEST_CASE("a commit through the gathering VFS is visible to other connections at once",
          "[storage][wal]") {
    std::string synchronous = GENERATE("FULL", "NORMAL", "OFF");
    redress::test::TempDir dir;
    std::string file = (dir.path() / "log.db").string();
    Connection writer(file, test_vfs().c_str());
    set_up(writer, synchronous);
    Connection reader(file, test_vfs().c_str());

    int rows = 0;
    for (int n = 1; n <= 60; ++n) {
        write_transaction(writer, n, rows);
        INFO("synchronous=" << synchronous << ", transaction " << n);
        REQUIRE(reader.scalar("SELECT count(*) FROM t") == rows);
        if (n % 7 == 0) {  // undone writes leave nothing behind
            writer.exec("BEGIN");
            writer.exec("INSERT INTO t (body) VALUES ('" + std::string(20000, 'r') + "')");
            writer.exec("ROLLBACK");
            REQUIRE(reader.scalar("SELECT count(*) FROM t") == rows);
        }
    }
    CHECK(writer.text("PRAGMA integrity_check") == "ok");

    // Transactions that fit in the cache, as the host's do: each one's frames
    // reach the file in one write.
    writer.exec("PRAGMA cache_size = -2048");
    auto before = wal_write_counts(test_vfs());
    for (int n = 1; n <= 50; ++n) {
        writer.exec("BEGIN");
        for (int i = 0; i < 3; ++i)
            writer.exec("INSERT INTO t (body) VALUES ('small " + std::to_string(n * 10 + i) + "')");
        writer.exec("COMMIT");
    }
    REQUIRE(reader.scalar("SELECT count(*) FROM t") == rows + 150);
    auto after = wal_write_counts(test_vfs());
    unsigned long long received = after.received - before.received;
    unsigned long long written = after.written - before.written;
    INFO("log writes: " << received << " from SQLite, " << written << " to the file");
    CHECK(received >= 50 * 4);  // two frames at least per transaction, two writes each
    CHECK(written <= 50 + 10);  // one per transaction, and a few at the log's restarts
    CHECK(written * 3 < received);
}

TEST_CASE("commits through the gathering VFS survive the process dying", "[storage][wal]") {
    std::string synchronous = GENERATE("FULL", "NORMAL");
    // Dying right after a commit, or with a large transaction in flight whose
    // frames overflow the buffer into the log.
    bool in_flight = GENERATE(false, true);
    redress::test::TempDir dir;
    std::string file = (dir.path() / "crash.db").string();
    int committed = 0;
    {
        Connection setup(file, test_vfs().c_str());
        set_up(setup, synchronous);
    }
    for (int n = 1; n <= 25; ++n) committed += n % 10 == 0 ? 120 : 1 + n % 4;

    pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        // Commits, maybe a transaction in flight, then the end without closing
        // anything: no flush on the way out.
        sqlite3* db = nullptr;
        if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE, test_vfs().c_str()) !=
            SQLITE_OK)
            _exit(2);
        std::string mode = "PRAGMA synchronous = " + synchronous + "; PRAGMA cache_size = 8";
        if (sqlite3_exec(db, mode.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) _exit(3);
        for (int n = 1; n <= 25; ++n) {
            int count = n % 10 == 0 ? 120 : 1 + n % 4;
            std::string sql = "BEGIN;";
            for (int i = 0; i < count; ++i)
                sql += "INSERT INTO t (body) VALUES ('" + std::to_string(n) + "-" +
                       std::to_string(i) +
                       std::string(static_cast<std::size_t>(i * 53 % 2500), 'y') + "');";
            sql += "COMMIT;";
            if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) _exit(4);
        }
        if (!in_flight) _exit(0);
        std::string open_tx = "BEGIN;";
        for (int i = 0; i < 40; ++i)
            open_tx += "INSERT INTO t (body) VALUES ('lost-" + std::string(2000, 'z') + "');";
        if (sqlite3_exec(db, open_tx.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) _exit(5);
        _exit(0);
    }
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 0);

    // Read back with SQLite's own VFS: the file is an ordinary database.
    Connection after(file, nullptr);
    CHECK(after.text("PRAGMA integrity_check") == "ok");
    CHECK(after.scalar("SELECT count(*) FROM t") == committed);
    CHECK(after.scalar("SELECT count(*) FROM t WHERE body LIKE 'lost-%'") == 0);
}

TEST_CASE("the gathering VFS needs a VFS to stand on", "[storage][wal]") {
    CHECK_THROWS_WITH(register_wal_write_buffer("redress-wal-nowhere", "no-such-vfs"),
                      Catch::Contains("no-such-vfs"));
}
