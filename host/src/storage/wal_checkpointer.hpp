#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "storage/writer_turn.hpp"

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
//
// A passive checkpoint never rewinds the log, and under steady load there is
// always a reader or a writer in it, so the log would only grow (1.7 GB in 20 s
// of intake beside a 170 MB database, its index growing in every process's
// memory). Once it holds `restart_frames` pages, this thread takes the host's
// writers' turn (`writers`), copies the rest and waits for readers to leave
// the log (RESTART): the next commit writes from its start again. A reader
// that stays longer (a report over a large database) keeps the log growing,
// as in SQLite anywhere; the restart is tried again a second later.
class WalCheckpointer {
  public:
    WalCheckpointer(const std::string& connect, std::chrono::milliseconds interval,
                    WriterTurn& writers, int restart_frames);
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer&) = delete;
    WalCheckpointer& operator=(const WalCheckpointer&) = delete;

    // Something was committed: checkpoint soon.
    void committed();

  private:
    void run();
    void checkpoint();

    std::unique_ptr<soci::session> session_;
    std::chrono::milliseconds interval_;
    WriterTurn& writers_;
    int restart_frames_;
    std::chrono::steady_clock::time_point next_restart_{};
    std::mutex mutex_;
    std::condition_variable wake_;
    bool pending_ = false, stopping_ = false;
    std::thread thread_;
};

}  // namespace redress::storage
