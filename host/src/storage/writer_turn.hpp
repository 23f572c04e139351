#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace redress::storage {

// One writer at a time, waiting at most a given time for its turn: what
// std::timed_mutex offers, built on a mutex and a condition variable.
// libstdc++'s timed_mutex waits in pthread_mutex_clocklock, which
// ThreadSanitizer does not see (llvm/llvm-project#62623): every unlock was
// reported as the unlock of an unlocked mutex and the sanitizer build could
// not check the writers. Meets TimedLockable, so std::unique_lock works.
class WriterTurn {
  public:
    void lock() {
        std::unique_lock guard(mutex_);
        free_.wait(guard, [this] { return !held_; });
        held_ = true;
    }
    bool try_lock() {
        std::lock_guard guard(mutex_);
        if (held_) return false;
        held_ = true;
        return true;
    }
    template <class Rep, class Period>
    bool try_lock_for(std::chrono::duration<Rep, Period> wait) {
        return try_lock_until(std::chrono::steady_clock::now() + wait);
    }
    template <class Clock, class Duration>
    bool try_lock_until(std::chrono::time_point<Clock, Duration> deadline) {
        std::unique_lock guard(mutex_);
        if (!free_.wait_until(guard, deadline, [this] { return !held_; })) return false;
        held_ = true;
        return true;
    }
    void unlock() {
        {
            std::lock_guard guard(mutex_);
            held_ = false;
        }
        free_.notify_one();
    }

  private:
    std::mutex mutex_;
    std::condition_variable free_;
    bool held_ = false;
};

}  // namespace redress::storage
