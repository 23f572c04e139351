#pragma once

#include <string>
#include <vector>

#include "storage/database.hpp"

namespace redress::storage {

struct MigrationStatus {
    int version;
    std::string name;
    bool applied_now;
};

// Brings the schema up to date: the same versioned migrations for SQLite and
// PostgreSQL, each applied in its own transaction and recorded in
// schema_migrations. Safe to run from several hosts at once (PostgreSQL takes an
// advisory lock; SQLite serialises writers). Returns every known migration.
std::vector<MigrationStatus> migrate(Database& db);

// The newest schema version this build knows.
int latest_schema_version();

}  // namespace redress::storage
