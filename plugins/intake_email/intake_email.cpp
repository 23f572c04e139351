// intake_email: complaints by e-mail. Watches a Maildir that the mail server
// delivers into, turns each new message into a complaint (or, when its subject
// carries a complaint number such as [CP-20261123-000042], into a customer
// contact on that complaint), stores attachments content-addressed, and moves
// the message to cur/. Idempotent by Message-ID. A message that cannot be
// recorded goes to quarantine/ with a sidecar saying why; nothing is deleted.
#include <redress/redress.hpp>

#include <chrono>
#include <condition_variable>
#include <ctime>
#include <fstream>
#include <mutex>
#include <regex>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "attachment_store.hpp"
#include "mail_message.hpp"
#include "maildir.hpp"

namespace intake_email {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kSettingsSchema = R"({
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "maildir": {"type": "string", "minLength": 1, "default": "maildir",
      "description": "The Maildir the mail server delivers into; relative paths are inside the instance's data directory."},
    "poll_seconds": {"type": "integer", "minimum": 1, "maximum": 3600, "default": 5},
    "max_message_bytes": {"type": "integer", "minimum": 1024, "default": 52428800},
    "max_attachment_bytes": {"type": "integer", "minimum": 1, "default": 26214400,
      "description": "Larger attachments are not copied to the store; the message keeps them."},
    "number_pattern": {"type": "string", "minLength": 1, "default": "\\[(CP-[0-9]{8}-[0-9]{6})\\]",
      "description": "ECMAScript pattern whose first group is the complaint number a reply's subject carries."}
  }
})";

constexpr std::size_t kMaxDescription = 20000;  // the host's limit on free text
constexpr std::size_t kMaxSubject = 500;

// Cuts UTF-8 text at most `limit` bytes long on a character boundary.
std::string clip(const std::string& text, std::size_t limit, const char* note) {
    if (text.size() <= limit) return text;
    std::string suffix = note;
    std::size_t cut = limit - std::min(limit, suffix.size());
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return text.substr(0, cut) + suffix;
}

std::string iso_utc(std::int64_t unix_seconds) {
    std::time_t t = static_cast<std::time_t>(unix_seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string read_all(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    if (!in && !in.eof()) throw std::runtime_error("cannot read " + file.string());
    return out.str();
}

}  // namespace

class EmailIntake : public redress::Intake {
  public:
    explicit EmailIntake(redress::Host host) : Intake(host) {
        json settings = json::parse(host.settings());
        fs::path dir = settings.at("maildir").get<std::string>();
        maildir_path_ = dir.is_absolute() ? dir : fs::path(host.data_directory()) / dir;
        attachments_ = fs::path(host.data_directory()) / "attachments";
        poll_ = std::chrono::seconds(settings.at("poll_seconds").get<int>());
        max_message_ = settings.at("max_message_bytes").get<std::size_t>();
        max_attachment_ = settings.at("max_attachment_bytes").get<std::size_t>();
        try {
            number_ = std::regex(settings.at("number_pattern").get<std::string>(),
                                 std::regex::ECMAScript);
        } catch (const std::regex_error& e) {
            throw redress::Invalid(std::string("settings/number_pattern: ") + e.what());
        }
    }

    void start() override {
        maildir_.emplace(maildir_path_);
        host().info("watching " + maildir_path_.string());
        stopping_ = false;
        thread_ = std::thread([this] { run(); });
    }

    void stop() override {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        wake_.notify_all();
        if (thread_.joinable()) thread_.join();
    }

  private:
    void run() {
        std::unique_lock lock(mutex_);
        while (!stopping_) {
            lock.unlock();
            try {
                scan();
            } catch (const std::exception& e) {
                host().report_error(std::string("reading the maildir failed: ") + e.what());
            }
            lock.lock();
            wake_.wait_for(lock, poll_, [this] { return stopping_; });
        }
    }

    void scan() {
        // Hosts sharing one database may watch one shared Maildir: the holder of
        // the lease reads it, asked again before each message.
        if (!host().hold_lease("maildir")) return;
        for (const auto& file : maildir_->waiting()) {
            {
                std::lock_guard lock(mutex_);
                if (stopping_) return;
            }
            if (!host().hold_lease("maildir")) return;
            if (!take(file)) return;  // the host is unavailable: try again next round
        }
    }

    // Records one message. False when the host asked to retry later.
    bool take(const fs::path& file) {
        std::string raw = read_all(file);
        if (raw.size() > max_message_)
            return quarantine(
                file, "larger than max_message_bytes (" + std::to_string(max_message_) + ")", {});
        MailMessage m;
        try {
            m = parse_mail(raw);
        } catch (const MailError& e) {
            return quarantine(file, e.what(), {});
        }
        std::string source_id =
            m.message_id.empty() ? "sha256:" + redress_plugins::sha256_hex(raw) : m.message_id;
        try {
            json attachments = store_attachments(m);
            std::smatch match;
            if (std::regex_search(m.subject, match, number_) && match.size() > 1 &&
                reply(match[1].str(), m, source_id, attachments))
                return done(file, "contact on " + match[1].str());
            json stored = json::parse(
                host().submit_complaint(complaint_of(m, source_id, attachments).dump(), source_id));
            return done(file, "complaint " + stored.value("number", ""));
        } catch (const redress::Error& e) {
            if (e.status() == REDRESS_RETRY) {
                host().warning("the host cannot record " + file.filename().string() +
                               " now, trying again later: " + e.what());
                return false;
            }
            return quarantine(file, "the host refused it", json::parse(e.what(), nullptr, false));
        } catch (const std::exception& e) {
            return quarantine(file, e.what(), {});
        }
    }

    // A customer's reply: a contact entry on the complaint. False when there is
    // no such complaint (the message then becomes a new complaint).
    bool reply(const std::string& number, const MailMessage& m, const std::string& source_id,
               const json& attachments) {
        std::string summary = m.subject + (m.text.empty() ? "" : "\n\n" + m.text);
        json params = {{"channel", "email"},
                       {"direction", "inbound"},
                       {"summary", clip(summary, kMaxDescription,
                                        "\n[cut: the whole message is in the mailbox]")},
                       {"source_id", source_id}};
        if (!attachments.empty()) params["attachments"] = attachments;
        try {
            host().complaint_action(number, "contact", params.dump());
            return true;
        } catch (const redress::Error& e) {
            if (e.status() == REDRESS_ERROR &&
                std::string(e.what()).find("no complaint") != std::string::npos) {
                host().info("no complaint " + number + ": recording the message as a new one");
                return false;
            }
            throw;
        }
    }

    json complaint_of(const MailMessage& m, const std::string& source_id,
                      const json& attachments) const {
        json customer = {{"email", m.from_address}};
        if (!m.from_name.empty()) customer["name"] = clip(m.from_name, 200, "");
        json c = {{"channel", "email"}, {"customer", customer}, {"attachments", attachments}};
        if (!m.subject.empty()) c["subject"] = clip(m.subject, kMaxSubject, "…");
        if (!m.text.empty())
            c["description"] =
                clip(m.text, kMaxDescription, "\n[cut: the whole message is in the mailbox]");
        // A Date in the future (a wrong clock) is not believed.
        if (m.date && *m.date <= std::time(nullptr)) c["received_at"] = iso_utc(*m.date);
        c["source"] = {{"instance", host().name()}, {"id", clip(source_id, 500, "")}};
        return c;
    }

    json store_attachments(const MailMessage& m) const {
        json out = json::array();
        for (const auto& a : m.attachments) {
            if (a.bytes.size() > max_attachment_) {
                host().warning("attachment " + a.name + " of " + m.message_id + " (" +
                               std::to_string(a.bytes.size()) +
                               " bytes) exceeds max_attachment_bytes; it stays in the message");
                continue;
            }
            out.push_back(
                redress_plugins::store_attachment(attachments_, a.bytes, a.name, a.media_type)
                    .to_json());
        }
        return out;
    }

    bool done(const fs::path& file, const std::string& what) {
        maildir_->mark_done(file);
        host().info(file.filename().string() + ": " + what);
        return true;
    }

    bool quarantine(const fs::path& file, const std::string& reason, const json& host_answer) {
        json why = {{"file", file.filename().string()},
                    {"reason", reason},
                    {"at", iso_utc(std::time(nullptr))}};
        if (!host_answer.is_discarded() && !host_answer.is_null()) why["host"] = host_answer;
        maildir_->quarantine(file, why.dump(2));
        host().warning(file.filename().string() + " quarantined: " + reason);
        return true;
    }

    fs::path maildir_path_, attachments_;
    std::optional<Maildir> maildir_;
    std::chrono::seconds poll_{5};
    std::size_t max_message_ = 0, max_attachment_ = 0;
    std::regex number_;

    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace intake_email

REDRESS_MODULE("intake_email", "1.0.0",
               "Complaints and customer replies from a Maildir, parsed with GMime",
               redress::provide<intake_email::EmailIntake>(intake_email::kSettingsSchema))
