#include "storage/wal_checkpointer.hpp"

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "log/logger.hpp"

namespace redress::storage {

WalCheckpointer::WalCheckpointer(const std::string& connect, std::chrono::milliseconds interval,
                                 WriterTurn& writers, int restart_frames)
    : session_(std::make_unique<soci::session>(*soci::factory_sqlite3(), connect)),
      interval_(interval),
      writers_(writers),
      restart_frames_(restart_frames) {
    // How long a restart waits for readers to leave the log, the host's writers
    // waiting too: the host's readers take milliseconds; a long one (a report)
    // makes the restart give up and try again a second later.
    *session_ << "PRAGMA busy_timeout = 20";
    *session_ << "PRAGMA cache_size = -256";  // it reads the log, not the tables
    thread_ = std::thread([this] { run(); });
}

WalCheckpointer::~WalCheckpointer() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
    // What is left in the log is copied when the last connection closes.
}

void WalCheckpointer::committed() {
    {
        std::lock_guard lock(mutex_);
        if (pending_) return;
        pending_ = true;
    }
    wake_.notify_one();
}

void WalCheckpointer::run() {
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [this] { return pending_ || stopping_; });
        if (stopping_) return;
        pending_ = false;
        lock.unlock();
        try {
            checkpoint();
        } catch (const std::exception& e) {
            // The next commit asks again; SQLite's log stays correct meanwhile.
            log::warning("storage", std::string("checkpoint failed: ") + e.what());
        }
        lock.lock();
        // Commits meanwhile gather for the next one.
        wake_.wait_for(lock, interval_, [this] { return stopping_; });
        if (stopping_) return;
    }
}

void WalCheckpointer::checkpoint() {
    int busy = 0, logged = 0, copied = 0;
    *session_ << "PRAGMA wal_checkpoint(PASSIVE)", soci::into(busy), soci::into(logged),
        soci::into(copied);
    auto now = std::chrono::steady_clock::now();
    if (logged < restart_frames_ || now < next_restart_) return;
    // Most of the log is copied by now: the writers wait for the rest and for
    // readers still in the log, a few milliseconds.
    std::unique_lock turn(writers_, std::chrono::seconds(1));
    if (!turn.owns_lock()) return;  // a long write: the next round tries again
    *session_ << "PRAGMA wal_checkpoint(RESTART)", soci::into(busy), soci::into(logged),
        soci::into(copied);
    // A reader held on: not again at every round, each stalling the writers.
    next_restart_ = busy ? now + std::chrono::seconds(1) : now;
}

}  // namespace redress::storage
