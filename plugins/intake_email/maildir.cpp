#include "maildir.hpp"

#include <algorithm>
#include <fstream>
#include <stdexcept>

namespace intake_email {
namespace fs = std::filesystem;

Maildir::Maildir(fs::path root) : root_(std::move(root)) {
    for (const char* sub : {"new", "cur", "tmp", "quarantine"}) {
        std::error_code ec;
        fs::create_directories(root_ / sub, ec);
        if (ec)
            throw std::runtime_error("cannot create " + (root_ / sub).string() + ": " +
                                     ec.message());
    }
}

std::vector<fs::path> Maildir::waiting() const {
    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(root_ / "new", ec))
        if (entry.is_regular_file(ec) && entry.path().filename().string()[0] != '.')
            files.push_back(entry.path());
    if (ec)
        throw std::runtime_error("cannot list " + (root_ / "new").string() + ": " + ec.message());
    std::sort(files.begin(), files.end());
    return files;
}

void Maildir::mark_done(const fs::path& message) const {
    std::string name = message.filename().string();
    if (name.find(":2,") == std::string::npos) name += ":2,S";
    fs::rename(message, root_ / "cur" / name);
}

void Maildir::quarantine(const fs::path& message, const std::string& reason_json) const {
    fs::path target = root_ / "quarantine" / message.filename();
    fs::path why = target;
    why += ".why.json";
    {
        std::ofstream out(why, std::ios::binary | std::ios::trunc);
        out << reason_json << '\n';
        if (!out.flush()) throw std::runtime_error("cannot write " + why.string());
    }
    fs::rename(message, target);
}

}  // namespace intake_email
