#include "storage/search_index.hpp"

#include <soci/soci.h>

#include "storage/prepared.hpp"

namespace redress::storage {
namespace {

struct SearchIndexUpdate {
    int pending = 0;
    soci::statement any, drop_text, drop_grams, add_text, add_grams, done;
    explicit SearchIndexUpdate(soci::session& s)
        : any((s.prepare << "SELECT COUNT(*) FROM (SELECT 1 FROM search_pending LIMIT 1)",
               soci::into(pending))),
          // External-content FTS5 tables forget a row given the text they indexed.
          drop_text(s.prepare << "INSERT INTO complaint_text (complaint_text, rowid, search_text)"
                                 " SELECT 'delete', id, old_text FROM search_pending"
                                 " WHERE old_text IS NOT NULL"),
          drop_grams(
              s.prepare << "INSERT INTO complaint_grams (complaint_grams, rowid, search_grams)"
                           " SELECT 'delete', id, old_grams FROM search_pending"
                           " WHERE old_grams IS NOT NULL"),
          add_text(s.prepare << "INSERT INTO complaint_text (rowid, search_text)"
                                " SELECT c.id, c.search_text FROM search_pending p"
                                " JOIN complaints c ON c.id = p.id"),
          add_grams(s.prepare << "INSERT INTO complaint_grams (rowid, search_grams)"
                                 " SELECT c.id, c.search_grams FROM search_pending p"
                                 " JOIN complaints c ON c.id = p.id"),
          done(s.prepare << "DELETE FROM search_pending") {}
};

}  // namespace

void update_search_indexes(soci::session& s, Dialect dialect) {
    if (dialect != Dialect::sqlite) return;
    auto& q = prepared<SearchIndexUpdate>(s);
    q.any.execute(true);
    while (q.any.fetch()) {  // to its end, not left holding a snapshot
    }
    if (q.pending == 0) return;
    q.drop_text.execute(true);
    q.drop_grams.execute(true);
    q.add_text.execute(true);
    q.add_grams.execute(true);
    q.done.execute(true);
}

}  // namespace redress::storage
