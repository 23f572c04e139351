#include "test_database.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <stdexcept>

#include <soci/soci.h>

#include "storage/migrations.hpp"

namespace redress::test {

std::string postgres_test_url() {
    const char* url = std::getenv("REDRESS_TEST_POSTGRES");
    if (url == nullptr || *url == '\0')
        throw std::runtime_error(
            "REDRESS_TEST_POSTGRES is not set: run the suite through ctest, which starts "
            "PostgreSQL "
            "(tests/support/start_postgres.sh) and sets it");
    return url;
}

TestDatabase::TestDatabase(const std::string& backend, std::size_t pool_size) {
    static std::atomic<int> counter{0};
    if (backend == "sqlite") {
        url_ = "sqlite:" + (dir_ / "redress.db").string();
    } else {
        url_ = postgres_test_url();
        schema_ = "test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    }
    db_ = storage::Database::open(url_, dir_.path(), pool_size, schema_);
    storage::migrate(*db_);
}

TestDatabase::~TestDatabase() {
    if (schema_.empty()) return;
    try {
        soci::session s(db_->pool());
        s << "DROP SCHEMA \"" + schema_ + "\" CASCADE";
    } catch (...) {
    }
}

std::unique_ptr<storage::Database> TestDatabase::open_again(std::size_t pool_size) const {
    return storage::Database::open(url_, dir_.path(), pool_size, schema_);
}

}  // namespace redress::test
