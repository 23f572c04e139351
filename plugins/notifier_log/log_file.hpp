#pragma once

#include <mutex>
#include <string>
#include <string_view>

namespace notifier_log {

// An append-only file written one whole line per write(2) call, so lines from
// several threads or processes never interleave and nothing sits in a user-space
// buffer. reopen() lets logrotate move the file away and have a new one created.
class LogFile {
  public:
    LogFile(std::string path, bool sync);
    ~LogFile();
    LogFile(const LogFile&) = delete;
    LogFile& operator=(const LogFile&) = delete;

    // Appends `line` plus a newline. Throws std::runtime_error naming the file.
    void append_line(std::string_view line);
    // Closes and reopens the path. Throws std::runtime_error naming the file.
    void reopen();
    const std::string& path() const noexcept { return path_; }

  private:
    int open_file() const;

    std::string path_;
    bool sync_;
    std::mutex mutex_;
    int fd_ = -1;
};

}  // namespace notifier_log
