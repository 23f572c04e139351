// notifier_log: writes every event it is given as one JSON line to a file.
// Useful as an audit trail, for feeding log shippers, and as the reference
// notifier for integrators.
#include <redress/redress.hpp>

#include <filesystem>
#include <memory>

#include <nlohmann/json.hpp>

#include "json_check.hpp"
#include "log_file.hpp"

namespace notifier_log {
namespace {

constexpr const char* kSettingsSchema = R"({
  "type": "object",
  "additionalProperties": false,
  "required": ["path"],
  "properties": {
    "path": {"type": "string", "minLength": 1,
      "description": "The file events are appended to; a relative path is inside the instance's data directory."},
    "fsync": {"type": "boolean", "default": false,
      "description": "Force each line to disk before the delivery counts as done."}
  }
})";

std::string resolve(const redress::Host& host, const std::string& path) {
    std::filesystem::path p(path);
    if (p.is_relative()) p = std::filesystem::path(host.data_directory()) / p;
    return p.string();
}

}  // namespace

class LogNotifier : public redress::Notifier {
  public:
    explicit LogNotifier(redress::Host host) : Notifier(host) {
        auto settings = nlohmann::json::parse(host.settings());
        file_ = std::make_unique<LogFile>(resolve(host, settings.at("path").get<std::string>()),
                                          settings.at("fsync").get<bool>());
        host.info("writing events to " + file_->path());
    }

    void deliver(std::string_view event_json) override {
        if (!redress_plugins::is_json(event_json))
            throw redress::Invalid("the event is not valid JSON");
        try {
            // One event, one line. The host sends compact JSON, written as it
            // is (checking it is far cheaper than parsing and printing it);
            // anything with line breaks is printed compact first.
            if (event_json.find_first_of("\r\n") == std::string_view::npos)
                file_->append_line(event_json);
            else
                file_->append_line(
                    nlohmann::json::parse(event_json)
                        .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        } catch (const std::runtime_error& e) {
            throw redress::RetryLater(e.what());  // disk full, file system gone: try again later
        }
    }

    void reopen() override {
        file_->reopen();
        host().info("reopened " + file_->path());
    }

  private:
    std::unique_ptr<LogFile> file_;
};

}  // namespace notifier_log

REDRESS_MODULE("notifier_log", "1.0.0", "Appends each event as one JSON line to a file",
               redress::provide<notifier_log::LogNotifier>(notifier_log::kSettingsSchema))
