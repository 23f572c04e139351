#include "storage/group_commit.hpp"

#include <optional>

#include <soci/soci.h>

#include "storage/database.hpp"
#include "storage/prepared.hpp"
#include "storage/search_index.hpp"

namespace redress::storage {

GroupCommit::GroupCommit(Database& db, std::size_t max_batch) : db_(db), max_batch_(max_batch) {}

void GroupCommit::run(const Work& work) {
    Job job{&work, nullptr};
    std::unique_lock lock(mutex_);
    queue_.push_back(&job);
    while (!job.done) {
        if (leading_) {
            finished_.wait(lock);
            continue;
        }
        // Lead: take what is waiting (this caller's work among it, or next time).
        leading_ = true;
        std::deque<Job*> batch;
        while (!queue_.empty() && batch.size() < max_batch_) {
            batch.push_back(queue_.front());
            queue_.pop_front();
        }
        lock.unlock();
        execute(batch);
        lock.lock();
        for (Job* j : batch) j->done = true;
        leading_ = false;
        finished_.notify_all();
    }
    if (job.error) std::rethrow_exception(job.error);
}

namespace {

// Savepoint statements, prepared once per connection like the rest of the write path.
struct Savepoints {
    soci::statement open, release, undo;
    explicit Savepoints(soci::session& s)
        : open(s.prepare << "SAVEPOINT work"),
          release(s.prepare << "RELEASE work"),
          undo(s.prepare << "ROLLBACK TO work") {}
};

}  // namespace

void GroupCommit::execute(std::deque<Job*>& batch) {
    try {
        std::optional<Session> leased;
        soci::session* s = db_.sqlite_write_session();
        if (!s) s = &leased.emplace(db_);
        execute_on(*s, batch);
    } catch (...) {
        // The transaction did not commit: none of it was written.
        for (Job* job : batch)
            if (!job->error) job->error = std::current_exception();
    }
}

void GroupCommit::execute_on(soci::session& s, std::deque<Job*>& batch) {
    // On SQLite `s` is the one write session: the transaction's turn
    // (Database::sqlite_writer) makes it this thread's alone.
    Transaction tx(db_, s);
    auto& savepoint = prepared<Savepoints>(s);
    for (Job* job : batch) {
        savepoint.open.execute(true);
        try {
            (*job->work)(s);
            savepoint.release.execute(true);
        } catch (...) {
            job->error = std::current_exception();
            savepoint.undo.execute(true);
            savepoint.release.execute(true);
        }
    }
    update_search_indexes(s, db_.dialect());
    tx.commit();
}

}  // namespace redress::storage
