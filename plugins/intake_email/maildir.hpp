// maildir: the folder an MTA delivers into (new/, cur/, tmp/), plus the
// quarantine/ beside them for messages that could not be recorded. Messages
// are only ever renamed, never deleted.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace intake_email {

class Maildir {
  public:
    // Creates new/, cur/, tmp/ and quarantine/ when missing. Throws std::runtime_error.
    explicit Maildir(std::filesystem::path root);

    // Delivered messages waiting in new/, oldest delivery first (Maildir names
    // begin with the delivery time).
    std::vector<std::filesystem::path> waiting() const;
    // Marks a message handled: new/NAME -> cur/NAME:2,S (seen).
    void mark_done(const std::filesystem::path& message) const;
    // Moves a message to quarantine/NAME, beside a NAME.why.json saying why
    // (written first, so the reason is never missing).
    void quarantine(const std::filesystem::path& message, const std::string& reason_json) const;

    const std::filesystem::path& root() const noexcept { return root_; }

  private:
    std::filesystem::path root_;
};

}  // namespace intake_email
