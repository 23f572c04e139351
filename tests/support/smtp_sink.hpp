// A real SMTP server on loopback (Debian's python3-aiosmtpd) storing what it
// receives in a Maildir, and the messages read back and decoded.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace redress::test {

struct ReceivedMail {
    std::string to, subject, body;  // subject and first text part decoded
    std::string raw;
    // The decoded bytes of the attachment with this file name, or "" if none.
    std::string attachment(const std::string& filename) const;
};

std::string unbase64(std::string text);

class SmtpSink {
  public:
    explicit SmtpSink(const std::filesystem::path& dir);
    ~SmtpSink();
    SmtpSink(const SmtpSink&) = delete;
    SmtpSink& operator=(const SmtpSink&) = delete;

    int port() const { return port_; }
    std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
    // Every message stored so far.
    std::vector<ReceivedMail> mails() const;
    // Waits up to ten seconds for at least `n` messages.
    std::vector<ReceivedMail> wait_for(std::size_t n) const;

  private:
    std::filesystem::path dir_;
    int port_ = 0;
    pid_t pid_ = -1;
};

// The first message to `to` whose subject contains `subject_part`, or null.
const ReceivedMail* find_mail(const std::vector<ReceivedMail>& mails, const std::string& to,
                              const std::string& subject_part);

}  // namespace redress::test
