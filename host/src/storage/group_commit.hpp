#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>

#include "storage/database.hpp"

namespace soci {
class session;
}

namespace redress::storage {

// Writes of concurrent callers committed together. SQLite has one writer at a
// time, PostgreSQL serialises event appends (their ids are the change feed's
// order), and every commit costs a sync to disk, so one transaction per request
// queues writers behind each other's syncs (and SQLite's busy-wait sleeps). Here
// the first caller to arrive leads: it runs every waiting caller's work in one
// transaction, each inside its own savepoint, commits once, and only then are
// the callers answered. A caller's failure undoes only its own writes; a
// failed commit fails every caller of that transaction, so nothing is
// acknowledged that is not on disk.
class GroupCommit {
  public:
    using Work = std::function<void(soci::session&)>;

    explicit GroupCommit(Database& db, std::size_t max_batch = 128);
    GroupCommit(const GroupCommit&) = delete;
    GroupCommit& operator=(const GroupCommit&) = delete;

    // Runs `work` and returns once its writes are committed; rethrows what it threw.
    void run(const Work& work);

  private:
    struct Job {
        const Work* work;
        std::exception_ptr error;
        bool done = false;
    };
    void execute(std::deque<Job*>& batch);
    void execute_on(soci::session& s, std::deque<Job*>& batch);

    Database& db_;
    std::size_t max_batch_;
    std::mutex mutex_;
    std::condition_variable finished_;
    std::deque<Job*> queue_;
    bool leading_ = false;
};

}  // namespace redress::storage
