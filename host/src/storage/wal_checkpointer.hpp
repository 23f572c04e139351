#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace soci {
class session;
}

namespace redress::storage {

// Copies committed pages from SQLite's write-ahead log back into the database
// file on a thread of its own. Left to SQLite, the commit that fills the log
// past 1,000 pages does it, with a sync of the database file, while every
// writer grouped behind that commit waits: the slowest requests under load.
// Here the writers' connection has automatic checkpoints off, and this thread
// runs a PASSIVE checkpoint (which never blocks writers or readers) soon after
// commits, at most every `interval`.
class WalCheckpointer {
  public:
    WalCheckpointer(const std::string& connect, std::chrono::milliseconds interval);
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer&) = delete;
    WalCheckpointer& operator=(const WalCheckpointer&) = delete;

    // Something was committed: checkpoint soon.
    void committed();

  private:
    void run();

    std::unique_ptr<soci::session> session_;
    std::chrono::milliseconds interval_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool pending_ = false, stopping_ = false;
    std::thread thread_;
};

}  // namespace redress::storage
