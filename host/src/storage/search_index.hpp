#pragma once

#include "storage/database.hpp"

namespace soci {
class session;
}

namespace redress::storage {

// SQLite's text indexes (FTS5 tables over the complaints' search columns) are
// brought up to date once per write transaction, just before it commits.
// FTS5 writes what it has gathered as a new segment whenever a savepoint or a
// statement journal opens, and a grouped commit opens several per complaint:
// fed by triggers, the indexes grew by a segment per complaint, and merging
// those was most of what a commit wrote. Instead, triggers note each changed
// complaint in search_pending, with the text the indexes hold for it (none
// for a new one), and this moves every noted complaint into the indexes in one
// statement per index. Whatever a transaction leaves noted, the next one's
// call takes along. PostgreSQL's indexes follow the rows by themselves: no-op.
void update_search_indexes(soci::session& s, Dialect dialect);

}  // namespace redress::storage
