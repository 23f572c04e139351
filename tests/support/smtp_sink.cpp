#include "smtp_sink.hpp"

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/evp.h>

#include <thread>

#include "host_process.hpp"
#include "temp_dir.hpp"

namespace redress::test {
namespace fs = std::filesystem;

namespace {

int free_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    ::close(fd);
    return ntohs(a.sin_port);
}

bool accepts(int port) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(static_cast<uint16_t>(port));
    bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    ::close(fd);
    return ok;
}

// The base64 text from `at` up to the next MIME boundary line (or the end).
std::string part_text(const std::string& raw, std::size_t at) {
    auto end = raw.find("\n--", at);
    return raw.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

std::size_t after_headers(const std::string& raw, std::size_t from) {
    auto at = raw.find("\n\n", from);
    auto crlf = raw.find("\r\n\r\n", from);
    if (crlf != std::string::npos && (at == std::string::npos || crlf < at)) return crlf + 4;
    return at == std::string::npos ? raw.size() : at + 2;
}

}  // namespace

std::string unbase64(std::string in) {
    std::erase_if(in, [](char c) { return c == '\r' || c == '\n'; });
    std::string out(in.size(), '\0');
    int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                            reinterpret_cast<const unsigned char*>(in.data()),
                            static_cast<int>(in.size()));
    out.resize(n < 0 ? 0 : static_cast<std::size_t>(n));
    while (!in.empty() && in.back() == '=') {
        in.pop_back();
        out.pop_back();
    }
    return out;
}

std::string ReceivedMail::attachment(const std::string& filename) const {
    auto at = raw.find("filename=\"" + filename + "\"");
    if (at == std::string::npos) return "";
    return unbase64(part_text(raw, after_headers(raw, at)));
}

SmtpSink::SmtpSink(const fs::path& dir) : dir_(dir / "sink"), port_(free_port()) {
    pid_ = start_process("/usr/bin/python3",
                         {"-m", "aiosmtpd", "-n", "-l", "127.0.0.1:" + std::to_string(port_), "-c",
                          "aiosmtpd.handlers.Mailbox", dir_.string()},
                         dir / "smtp.out", dir / "smtp.err");
    for (int i = 0; i < 100 && !accepts(port_); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (!accepts(port_))
        throw std::runtime_error("the SMTP sink did not start: " + read_file(dir / "smtp.err"));
}

SmtpSink::~SmtpSink() {
    ::kill(pid_, SIGTERM);
    wait_process(pid_, std::chrono::seconds(5));
}

std::vector<ReceivedMail> SmtpSink::mails() const {
    std::vector<ReceivedMail> out;
    if (!fs::exists(dir_ / "new")) return out;
    for (const auto& e : fs::directory_iterator(dir_ / "new")) {
        ReceivedMail r;
        r.raw = read_file(e.path());
        auto header = [&](const std::string& name) {
            auto at = r.raw.find("\n" + name + ": ");
            if (at == std::string::npos) return std::string();
            at += name.size() + 3;
            return r.raw.substr(at, r.raw.find_first_of("\r\n", at) - at);
        };
        r.to = header("To");
        std::string subject = header("Subject");
        if (subject.rfind("=?UTF-8?B?", 0) == 0)
            subject = unbase64(subject.substr(10, subject.size() - 12));
        r.subject = subject;
        // The first text part: the whole body, or the first part of a multipart message.
        auto text = r.raw.find("Content-Type: text/plain");
        r.body =
            unbase64(part_text(r.raw, after_headers(r.raw, text == std::string::npos ? 0 : text)));
        out.push_back(r);
    }
    return out;
}

std::vector<ReceivedMail> SmtpSink::wait_for(std::size_t n) const {
    auto mails_now = mails();
    for (int i = 0; i < 200 && mails_now.size() < n; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        mails_now = mails();
    }
    return mails_now;
}

const ReceivedMail* find_mail(const std::vector<ReceivedMail>& mails, const std::string& to,
                              const std::string& subject_part) {
    for (const auto& m : mails)
        if (m.to == to && m.subject.find(subject_part) != std::string::npos) return &m;
    return nullptr;
}

}  // namespace redress::test
