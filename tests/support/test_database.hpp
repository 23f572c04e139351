#pragma once

#include <memory>
#include <string>

#include "storage/database.hpp"
#include "temp_dir.hpp"

namespace redress::test {

// A migrated database of one backend, private to one test: a SQLite file in a
// temporary directory, or a fresh schema in the local PostgreSQL's
// redress_test database (dropped afterwards). PostgreSQL comes from
// $REDRESS_TEST_POSTGRES, which ctest sets after starting the server.
class TestDatabase {
  public:
    explicit TestDatabase(const std::string& backend, std::size_t pool_size = 4);
    ~TestDatabase();

    storage::Database& db() { return *db_; }
    // Another connection pool on the same database: a second host.
    std::unique_ptr<storage::Database> open_again(std::size_t pool_size = 2) const;
    // The storage URL and schema, for handing to another process.
    const std::string& url() const { return url_; }
    const std::string& schema() const { return schema_; }
    const TempDir& dir() const { return dir_; }

  private:
    TempDir dir_;
    std::string url_, schema_;
    std::unique_ptr<storage::Database> db_;
};

// The PostgreSQL URL for tests; fails the test with a clear message when unset.
std::string postgres_test_url();

}  // namespace redress::test
