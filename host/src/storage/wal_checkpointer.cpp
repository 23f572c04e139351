#include "storage/wal_checkpointer.hpp"

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "log/logger.hpp"

namespace redress::storage {

WalCheckpointer::WalCheckpointer(const std::string& connect, std::chrono::milliseconds interval)
    : session_(std::make_unique<soci::session>(*soci::factory_sqlite3(), connect)),
      interval_(interval) {
    *session_ << "PRAGMA busy_timeout = 30000";
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
            int busy = 0, logged = 0, copied = 0;
            *session_ << "PRAGMA wal_checkpoint(PASSIVE)", soci::into(busy), soci::into(logged),
                soci::into(copied);
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

}  // namespace redress::storage
