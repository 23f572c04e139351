#include "storage/migrations.hpp"

#include <chrono>

#include <soci/soci.h>

#include "storage/database.hpp"
#include "storage/search_text.hpp"

namespace redress::storage {
namespace {

// A statement for both dialects ({{pk}} becomes each one's auto-increment key),
// or one text per dialect where they differ.
struct Step {
    std::string sqlite;
    std::string postgresql;
    void (*run)(soci::session&) = nullptr;  // a step SQL cannot express, instead of the texts
};

Step code(void (*run)(soci::session&)) {
    return {"", "", run};
}

// PostgreSQL: a trigram index on the search text (pg_trgm, a trusted extension
// of the server's contrib modules). The extension lives in one schema per
// database, which need not be on this host's search path: its operator class is
// named with that schema.
void create_trigram_index(soci::session& s) {
    if (s.get_backend_name() != "postgresql") return;
    s << "CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public";
    std::string schema;
    s << "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
         " WHERE e.extname = 'pg_trgm'",
        soci::into(schema);
    s << "CREATE INDEX complaints_text ON complaints USING gin (search_text \"" + schema +
             "\".gin_trgm_ops)";
}

// Fills search_grams for complaints stored before it existed, 5,000 rows at a time.
void backfill_search_grams(soci::session& s) {
    long long after = 0;
    for (;;) {
        std::vector<long long> ids(5000);
        std::vector<std::string> texts(5000);
        s << "SELECT id, search_text FROM complaints WHERE id > :after ORDER BY id LIMIT 5000",
            soci::use(after), soci::into(ids), soci::into(texts);
        if (ids.empty()) return;
        long long id = 0;
        std::string grams;
        soci::statement update =
            (s.prepare << "UPDATE complaints SET search_grams = :g WHERE id = :id",
             soci::use(grams), soci::use(id));
        for (std::size_t i = 0; i < ids.size(); ++i) {
            grams = search_grams_of(texts[i]);
            if (grams.empty()) continue;
            id = ids[i];
            update.execute(true);
        }
        after = ids.back();
    }
}

// Writes the search columns of every complaint again from its document
// (search_text.hpp), 2,000 rows at a time.
void rewrite_search_columns(soci::session& s) {
    long long after = 0;
    for (;;) {
        std::vector<long long> ids(2000);
        std::vector<std::string> documents(2000);
        s << "SELECT id, document FROM complaints WHERE id > :after ORDER BY id LIMIT 2000",
            soci::use(after), soci::into(ids), soci::into(documents);
        if (ids.empty()) return;
        long long id = 0;
        SearchColumns search;
        soci::statement update =
            (s.prepare << "UPDATE complaints SET search_text = :t, search_grams = :g"
                          " WHERE id = :id",
             soci::use(search.text), soci::use(search.grams), soci::use(id));
        for (std::size_t i = 0; i < ids.size(); ++i) {
            search = search_columns_of(domain::Complaint(nlohmann::json::parse(documents[i])));
            id = ids[i];
            update.execute(true);
        }
        after = ids.back();
    }
}

// SQLite's text indexes follow the search columns through these triggers.
Step text_update_trigger() {
    return {
        "CREATE TRIGGER complaints_text_update AFTER UPDATE OF search_text ON complaints"
        " WHEN old.search_text <> new.search_text BEGIN"
        " INSERT INTO complaint_text (complaint_text, rowid, search_text)"
        " VALUES ('delete', old.id, old.search_text);"
        " INSERT INTO complaint_text (rowid, search_text) VALUES (new.id, new.search_text);"
        " END",
        "SELECT 1"};
}

Step grams_update_trigger() {
    return {
        "CREATE TRIGGER complaints_grams_update AFTER UPDATE OF search_grams ON complaints"
        " WHEN old.search_grams <> new.search_grams BEGIN"
        " INSERT INTO complaint_grams (complaint_grams, rowid, search_grams)"
        " VALUES ('delete', old.id, old.search_grams);"
        " INSERT INTO complaint_grams (rowid, search_grams) VALUES (new.id, "
        "new.search_grams);"
        " END",
        "SELECT 1"};
}

Step both(const std::string& sql) {
    auto replace = [&](const std::string& pk) {
        std::string out = sql;
        for (auto pos = out.find("{{pk}}"); pos != std::string::npos; pos = out.find("{{pk}}"))
            out.replace(pos, 6, pk);
        return out;
    };
    return {replace("INTEGER PRIMARY KEY AUTOINCREMENT"), replace("BIGSERIAL PRIMARY KEY")};
}

struct Migration {
    int version;
    std::string name;
    std::vector<Step> steps;
};

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> list = {
        {1,
         "complaints, events, outbox, numbering",
         {
             both("CREATE TABLE number_sequences (day TEXT PRIMARY KEY, last_value BIGINT NOT "
                  "NULL)"),
             both("CREATE TABLE complaints ("
                  " id {{pk}},"
                  " number TEXT NOT NULL UNIQUE,"
                  " state TEXT NOT NULL,"
                  " priority TEXT NOT NULL,"
                  " category TEXT NOT NULL,"
                  " channel TEXT NOT NULL,"
                  " team TEXT NOT NULL,"
                  " owner TEXT NOT NULL,"
                  " customer_id TEXT NOT NULL,"
                  " received_at BIGINT NOT NULL,"
                  " created_at BIGINT NOT NULL,"
                  " updated_at BIGINT NOT NULL,"
                  " next_due_at BIGINT,"
                  " version BIGINT NOT NULL,"
                  " document TEXT NOT NULL)"),
             // The SLA sweep reads only what is due: a partial index on the next due time.
             both("CREATE INDEX complaints_next_due ON complaints (next_due_at) WHERE next_due_at "
                  "IS NOT NULL"),
             both("CREATE INDEX complaints_state ON complaints (state, priority)"),
             both("CREATE INDEX complaints_customer ON complaints (customer_id, created_at)"),
             both("CREATE INDEX complaints_owner ON complaints (owner, state)"),
             both("CREATE INDEX complaints_created ON complaints (created_at)"),
             both("CREATE TABLE events ("
                  " id {{pk}},"
                  " complaint_id BIGINT NOT NULL REFERENCES complaints (id),"
                  " number TEXT NOT NULL,"
                  " seq BIGINT NOT NULL,"
                  " action TEXT NOT NULL,"
                  " actor TEXT NOT NULL,"
                  " at BIGINT NOT NULL,"
                  " changes TEXT NOT NULL,"
                  " UNIQUE (complaint_id, seq))"),
             both("CREATE TABLE outbox ("
                  " id {{pk}},"
                  " event_id BIGINT NOT NULL REFERENCES events (id),"
                  " subscriber TEXT NOT NULL,"
                  " state TEXT NOT NULL DEFAULT 'pending',"
                  " attempts INTEGER NOT NULL DEFAULT 0,"
                  " next_attempt_at BIGINT NOT NULL,"
                  " last_error TEXT,"
                  " delivered_at BIGINT)"),
             both(
                 "CREATE INDEX outbox_pending ON outbox (next_attempt_at) WHERE state = 'pending'"),
             // The audit trail is append-only and complaints are never deleted, whoever connects.
             {"CREATE TRIGGER events_no_update BEFORE UPDATE ON events"
              " BEGIN SELECT RAISE(ABORT, 'events are append-only'); END",
              "CREATE FUNCTION redress_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$"
              " BEGIN RAISE EXCEPTION 'Redress keeps % append-only (% refused)', TG_TABLE_NAME, "
              "TG_OP; END $$"},
             {"CREATE TRIGGER events_no_delete BEFORE DELETE ON events"
              " BEGIN SELECT RAISE(ABORT, 'events are append-only'); END",
              "CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events"
              " FOR EACH ROW EXECUTE FUNCTION redress_refuse_change()"},
             {"CREATE TRIGGER complaints_no_delete BEFORE DELETE ON complaints"
              " BEGIN SELECT RAISE(ABORT, 'complaints are never deleted'); END",
              "CREATE TRIGGER complaints_no_delete BEFORE DELETE ON complaints"
              " FOR EACH ROW EXECUTE FUNCTION redress_refuse_change()"},
         }},
        {2,
         "API tokens, idempotency keys, instance switches, text search",
         {
             // Only the SHA-256 of a token is stored; the token itself is shown once.
             both("CREATE TABLE api_tokens ("
                  " id {{pk}},"
                  " name TEXT NOT NULL UNIQUE,"
                  " role TEXT NOT NULL,"
                  " token_hash TEXT NOT NULL UNIQUE,"
                  " created_at BIGINT NOT NULL,"
                  " revoked_at BIGINT)"),
             // The first answer to a create, replayed for a retry with the same key.
             both("CREATE TABLE idempotency_keys ("
                  " token_name TEXT NOT NULL,"
                  " idem_key TEXT NOT NULL,"
                  " request_hash TEXT NOT NULL,"
                  " number TEXT NOT NULL,"
                  " created_at BIGINT NOT NULL,"
                  " PRIMARY KEY (token_name, idem_key))"),
             both("CREATE TABLE instance_switches ("
                  " name TEXT PRIMARY KEY,"
                  " enabled INTEGER NOT NULL,"
                  " changed_by TEXT NOT NULL,"
                  " changed_at BIGINT NOT NULL)"),
             both("ALTER TABLE complaints ADD COLUMN search_text TEXT NOT NULL DEFAULT ''"),
         }},
        {3,
         "training labels from staff classification",
         {
             // Every staff classification is a labelled example for learning classifiers.
             both("CREATE TABLE training_labels ("
                  " id {{pk}},"
                  " number TEXT NOT NULL,"
                  " text TEXT NOT NULL,"
                  " category TEXT NOT NULL,"
                  " priority TEXT NOT NULL,"
                  " actor TEXT NOT NULL,"
                  " at BIGINT NOT NULL)"),
         }},
        {4,
         "the SLA clock's next checkpoint (warnings, breaches, follow-ups)",
         {
             both("ALTER TABLE complaints ADD COLUMN next_check_at BIGINT"),
             // Existing complaints are checked from their next deadline on.
             both("UPDATE complaints SET next_check_at = next_due_at"),
             both("CREATE INDEX complaints_next_check ON complaints (next_check_at) WHERE "
                  "next_check_at IS NOT NULL"),
         }},
        {5,
         "complaint facts for analysis reports",
         {
             // Filled by every write, and for older complaints at start (facts::backfill).
             both("CREATE TABLE complaint_facts ("
                  " complaint_id BIGINT PRIMARY KEY REFERENCES complaints (id),"
                  " product TEXT NOT NULL,"
                  " region TEXT NOT NULL,"
                  " closed_at BIGINT,"
                  " handling_ms BIGINT,"
                  " handling_round INTEGER NOT NULL,"
                  " escalation_level INTEGER NOT NULL,"
                  " satisfaction INTEGER,"
                  " first_line INTEGER NOT NULL,"
                  " first_response_on_time INTEGER,"
                  " solution_plan_on_time INTEGER,"
                  " resolution_on_time INTEGER,"
                  " facts_version INTEGER NOT NULL)"),
             both("CREATE INDEX complaints_received ON complaints (received_at)"),
         }},
        {6,
         "escalation and survey facts, scheduled report runs and their deliveries",
         {
             // One row per escalation and per survey answer: reasons and rounds (D21).
             both("CREATE TABLE escalation_facts ("
                  " complaint_id BIGINT NOT NULL REFERENCES complaints (id),"
                  " level INTEGER NOT NULL,"
                  " reason TEXT NOT NULL,"
                  " PRIMARY KEY (complaint_id, level))"),
             both("CREATE TABLE survey_facts ("
                  " complaint_id BIGINT NOT NULL REFERENCES complaints (id),"
                  " answer INTEGER NOT NULL,"
                  " handling_round INTEGER NOT NULL,"
                  " score INTEGER NOT NULL,"
                  " PRIMARY KEY (complaint_id, answer))"),
             // A report made on schedule, kept as sent: one per instance, schedule entry
             // and period, whichever host makes it first.
             both("CREATE TABLE report_runs ("
                  " id {{pk}},"
                  " instance TEXT NOT NULL,"
                  " schedule TEXT NOT NULL,"
                  " period TEXT NOT NULL,"
                  " format TEXT NOT NULL,"
                  " generated_at BIGINT NOT NULL,"
                  " content_type TEXT NOT NULL,"
                  " body TEXT NOT NULL,"
                  " recipients TEXT NOT NULL,"
                  " UNIQUE (instance, schedule, period))"),
             // A delivery is of an event or of a report run. SQLite cannot relax a
             // column, so its outbox is rebuilt.
             {"CREATE TABLE outbox_v6 ("
              " id INTEGER PRIMARY KEY AUTOINCREMENT,"
              " event_id BIGINT REFERENCES events (id),"
              " report_run_id BIGINT REFERENCES report_runs (id),"
              " subscriber TEXT NOT NULL,"
              " state TEXT NOT NULL DEFAULT 'pending',"
              " attempts INTEGER NOT NULL DEFAULT 0,"
              " next_attempt_at BIGINT NOT NULL,"
              " last_error TEXT,"
              " delivered_at BIGINT)",
              "ALTER TABLE outbox ALTER COLUMN event_id DROP NOT NULL"},
             {"INSERT INTO outbox_v6 (id, event_id, subscriber, state, attempts, next_attempt_at,"
              " last_error, delivered_at) SELECT id, event_id, subscriber, state, attempts,"
              " next_attempt_at, last_error, delivered_at FROM outbox",
              "ALTER TABLE outbox ADD COLUMN report_run_id BIGINT REFERENCES report_runs (id)"},
             {"DROP TABLE outbox", "SELECT 1"},
             {"ALTER TABLE outbox_v6 RENAME TO outbox", "SELECT 1"},
             {"CREATE INDEX outbox_pending ON outbox (next_attempt_at) WHERE state = 'pending'",
              "SELECT 1"},
             both("CREATE INDEX outbox_subscriber ON outbox (subscriber, id) WHERE state = "
                  "'pending'"),
         }},
        {7,
         "the queue's filters and text answered from one index",
         {
             // SQLite keeps a complaint's search text in its row beside the whole
             // document, so a text filter read every candidate's document. This
             // index holds the queue's filters and the text, and counts and filters
             // without touching the rows (measured: 640 ms -> 89 ms at 300,000
             // complaints). PostgreSQL's B-trees refuse entries over 2.7 kB, which a
             // long complaint's text can be: it keeps its own index.
             {"CREATE INDEX complaints_queue ON complaints (state, priority, category, "
              "search_text)",
              "SELECT 1"},
             {"DROP INDEX complaints_state", "SELECT 1"},  // the new index's prefix
         }},
        {8,
         "text indexes: trigrams, and pairs of CJK characters",
         {
             // The queue's text query is a substring search. A trigram index answers
             // three characters and more in any script; two-character Chinese words
             // (漏水, 退款), the commonest queries, get an index of adjacent CJK pairs.
             // Measured at 1,000,000 complaints: see docs/performance.md.
             both("ALTER TABLE complaints ADD COLUMN search_grams TEXT NOT NULL DEFAULT ''"),
             code(backfill_search_grams),
             {"CREATE VIRTUAL TABLE complaint_text USING fts5(search_text, content='complaints',"
              " content_rowid='id', tokenize='trigram')",
              "SELECT 1"},
             {"INSERT INTO complaint_text (complaint_text) VALUES ('rebuild')", "SELECT 1"},
             code(create_trigram_index),
             {"CREATE VIRTUAL TABLE complaint_grams USING fts5(search_grams,"
              " content='complaints', content_rowid='id', tokenize='unicode61 remove_diacritics "
              "0', detail='none')",
              "CREATE INDEX complaints_grams ON complaints USING gin"
              " (string_to_array(search_grams, ' '))"},
             {"INSERT INTO complaint_grams (complaint_grams) VALUES ('rebuild')", "SELECT 1"},
             // With the text in its own indexes, the queue's filters need a lean index
             // (a tenth of the size without the text, so scanned ten times faster).
             {"CREATE INDEX complaints_filters ON complaints (state, priority, category)",
              "SELECT 1"},
             {"DROP INDEX complaints_queue", "SELECT 1"},
             {"CREATE TRIGGER complaints_text_insert AFTER INSERT ON complaints BEGIN"
              " INSERT INTO complaint_text (rowid, search_text) VALUES (new.id, new.search_text);"
              " INSERT INTO complaint_grams (rowid, search_grams)"
              " VALUES (new.id, new.search_grams); END",
              "SELECT 1"},
             text_update_trigger(),
             grams_update_trigger(),
         }},
        {9,
         "leases: background jobs on one host at a time",
         {
             // One row per job (the SLA sweep, a notifier's deliveries...): the host
             // holding it until expires_at (ms since the epoch) runs it.
             both("CREATE TABLE leases (job TEXT PRIMARY KEY, holder TEXT NOT NULL,"
                  " expires_at BIGINT NOT NULL, acquired_at BIGINT NOT NULL)"),
         }},
        {10,
         "filter words in the text indexes",
         {
             // A text query with a category filter read every row its text matched
             // to check the category: at 1,000,000 complaints, 77,000 rows for 漏水.
             // With the category in the text indexes (search_text.hpp), the index
             // answers both. The triggers would re-index each row twice: the
             // indexes are rebuilt once instead.
             {"DROP TRIGGER complaints_text_update", "SELECT 1"},
             {"DROP TRIGGER complaints_grams_update", "SELECT 1"},
             code(rewrite_search_columns),
             {"INSERT INTO complaint_text (complaint_text) VALUES ('rebuild')", "SELECT 1"},
             {"INSERT INTO complaint_grams (complaint_grams) VALUES ('rebuild')", "SELECT 1"},
             text_update_trigger(),
             grams_update_trigger(),
         }},
        {11,
         "text indexes brought up to date once per transaction",
         {
             // search_index.hpp: the triggers note what changed; the indexes take
             // it in before each commit, in one statement each.
             {"CREATE TABLE search_pending (id INTEGER PRIMARY KEY, old_text TEXT, old_grams TEXT)",
              "SELECT 1"},
             {"DROP TRIGGER complaints_text_insert", "SELECT 1"},
             {"DROP TRIGGER complaints_text_update", "SELECT 1"},
             {"DROP TRIGGER complaints_grams_update", "SELECT 1"},
             {"CREATE TRIGGER complaints_search_insert AFTER INSERT ON complaints BEGIN"
              " INSERT OR IGNORE INTO search_pending (id) VALUES (new.id); END",
              "SELECT 1"},
             // The first change in a transaction keeps the text the indexes hold.
             {"CREATE TRIGGER complaints_search_update AFTER UPDATE OF search_text, search_grams"
              " ON complaints WHEN old.search_text <> new.search_text"
              " OR old.search_grams <> new.search_grams BEGIN"
              " INSERT OR IGNORE INTO search_pending (id, old_text, old_grams)"
              " VALUES (old.id, old.search_text, old.search_grams); END",
              "SELECT 1"},
         }},
    };
    return list;
}

long long now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace

int latest_schema_version() {
    return migrations().back().version;
}

std::vector<MigrationStatus> migrate(Database& db) {
    Session s(db);
    s << "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT "
         "NULL,"
         " applied_at BIGINT NOT NULL)";
    std::vector<MigrationStatus> out;
    for (const auto& m : migrations()) {
        Transaction tx(db, s);
        // Hosts starting together: one migrates, the others wait and then see it done.
        if (db.dialect() == Dialect::postgresql) s << "SELECT pg_advisory_xact_lock(72657364)";
        int found = 0;
        s << "SELECT COUNT(*) FROM schema_migrations WHERE version = :v", soci::use(m.version),
            soci::into(found);
        if (found > 0) {
            out.push_back({m.version, m.name, false});
            continue;
        }
        for (const auto& step : m.steps) {
            if (step.run)
                step.run(s);
            else
                s << (db.dialect() == Dialect::sqlite ? step.sqlite : step.postgresql);
        }
        long long at = now_ms();
        s << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :a)",
            soci::use(m.version), soci::use(m.name), soci::use(at);
        tx.commit();
        out.push_back({m.version, m.name, true});
    }
    return out;
}

}  // namespace redress::storage
