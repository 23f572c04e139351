#include "log_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace notifier_log {

LogFile::LogFile(std::string path, bool sync) : path_(std::move(path)), sync_(sync) {
    fd_ = open_file();
}

LogFile::~LogFile() {
    if (fd_ >= 0) ::close(fd_);
}

int LogFile::open_file() const {
    int fd = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
    if (fd < 0) throw std::runtime_error("cannot open " + path_ + ": " + std::strerror(errno));
    return fd;
}

void LogFile::append_line(std::string_view line) {
    std::string buffer;
    buffer.reserve(line.size() + 1);
    buffer.append(line).push_back('\n');
    std::lock_guard lock(mutex_);
    std::size_t done = 0;
    while (done < buffer.size()) {
        ssize_t n = ::write(fd_, buffer.data() + done, buffer.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0)
            throw std::runtime_error("cannot write to " + path_ + ": " + std::strerror(errno));
        done += static_cast<std::size_t>(n);
    }
    if (sync_ && ::fdatasync(fd_) != 0)
        throw std::runtime_error("cannot sync " + path_ + ": " + std::strerror(errno));
}

void LogFile::reopen() {
    int fresh = open_file();
    std::lock_guard lock(mutex_);
    ::close(fd_);
    fd_ = fresh;
}

}  // namespace notifier_log
