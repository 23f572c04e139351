// escalation_repeat: escalates what the first line should not carry alone
// (D14): a repeat complaint (the same customer, the same problem, within the
// host's repeat window), a complaint reopened again and again, and a group
// complaint (many complaints on one product or category within a window).
#include <redress/redress.hpp>

#include <ctime>

#include <nlohmann/json.hpp>

#include "escalation_roles.hpp"
#include "group_window.hpp"
#include "json_paths.hpp"

namespace escalation_repeat {
namespace {
using nlohmann::json;

constexpr const char* kSettingsSchema = R"({
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "repeat_to": {"type": "string", "minLength": 1, "default": "team_supervisor",
      "description": "Who takes a repeat complaint: a role (team_lead, team_supervisor, department_head, management) or a person."},
    "reopen_limit": {"type": "integer", "minimum": 1, "default": 2,
      "description": "Escalate when a complaint has been reopened this many times."},
    "reopen_to": {"type": "string", "minLength": 1, "default": "department_head"},
    "group_threshold": {"type": "integer", "minimum": 2, "default": 5,
      "description": "This many complaints on one product or category within the window make a group complaint."},
    "group_window_days": {"type": "number", "exclusiveMinimum": 0, "default": 7},
    "group_by": {"type": "array", "items": {"enum": ["product", "category"]}, "default": ["product", "category"]},
    "group_to": {"type": "string", "minLength": 1, "default": "management"},
    "management": {"type": "string", "minLength": 1, "default": "management"}
  }
})";

long long unix_seconds(const std::string& iso) {
    std::tm tm{};
    if (std::sscanf(iso.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                    &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
        return 0;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return static_cast<long long>(timegm(&tm));
}

// What evaluate() reads of a trigger; the rest (most of it: the complaint's
// history, SLA, the created event's copy of the complaint) is not built.
redress_plugins::JsonPaths trigger_paths(const json& settings) {
    std::vector<std::string> paths = {"/trigger",
                                      "/event/type",
                                      "/event/id",
                                      "/event/changes/handling_round",
                                      "/complaint/number",
                                      "/complaint/repeat_of",
                                      "/complaint/received_at",
                                      "/complaint/handling_round",
                                      "/complaint/owner",
                                      "/team"};
    for (const auto& field : settings.at("group_by"))
        paths.push_back("/complaint/" + field.get<std::string>());
    return redress_plugins::JsonPaths(paths);
}

}  // namespace

class RepeatEscalation : public redress::Escalation {
  public:
    explicit RepeatEscalation(redress::Host host)
        : Escalation(host),
          s_(json::parse(host.settings())),
          trigger_paths_(trigger_paths(s_)),
          window_(std::filesystem::path(host.data_directory()) / "recent-complaints.json",
                  static_cast<long long>(s_.at("group_window_days").get<double>() * 86400),
                  s_.at("group_threshold").get<long long>(),
                  [host](const std::string& error) { host.report_error(error); }) {}

    void start() override { window_.start(); }
    void stop() override { window_.stop(); }

    std::string evaluate(std::string_view trigger_json) override {
        json t = trigger_paths_.parse(trigger_json);
        json out = json::array();
        if (t.value("trigger", "") != "event") return out.dump();
        const json& c = t["complaint"];
        std::string type = t["event"].value("type", "");
        if (type == "complaint.created") {
            if (c.contains("repeat_of"))
                escalate(t, s_.at("repeat_to"), "repeat",
                         "repeat of " + c.value("repeat_of", "") + " by the same customer", out);
            group(t, out);
        }
        // A reopening (by staff, or by a dissatisfied survey) counts the rounds.
        const json changes = t["event"].value("changes", json::object());
        if ((type == "complaint.reopen" || type == "complaint.survey") &&
            changes.contains("handling_round")) {
            int reopened = c.value("handling_round", 1) - 1;
            if (reopened >= s_.at("reopen_limit").get<int>())
                escalate(t, s_.at("reopen_to"), "unresolved",
                         "reopened " + std::to_string(reopened) + " times", out);
        }
        return out.dump();
    }

  private:
    void group(const json& t, json& out) {
        const json& c = t["complaint"];
        std::vector<std::string> fields, keys;
        for (const auto& field : s_.at("group_by")) {
            std::string value = c.value(field.get<std::string>(), "");
            if (value.empty()) continue;
            fields.push_back(field.get<std::string>());
            keys.push_back(field.get<std::string>() + "=" + value);
        }
        if (keys.empty()) return;
        auto groups = window_.add(t["event"].value("id", 0LL), c.value("number", ""),
                                  unix_seconds(c.value("received_at", "")), keys);
        // One escalation, naming each group this complaint made go up.
        std::string detail;
        for (std::size_t i = 0; i < groups.size(); ++i) {
            if (!groups[i].escalate) continue;
            std::string list;
            for (const auto& n : groups[i].latest) list += (list.empty() ? "" : ", ") + n;
            if (groups[i].count > static_cast<long long>(groups[i].latest.size()))
                list += " (the latest " + std::to_string(groups[i].latest.size()) + ")";
            detail += (detail.empty() ? "" : "; ") + std::to_string(groups[i].count) +
                      " complaints on " + fields[i] + " \"" + c.value(fields[i], "") +
                      "\" within " + s_.at("group_window_days").dump() + " days: " + list;
        }
        if (!detail.empty()) escalate(t, s_.at("group_to"), "group", detail, out);
    }

    void escalate(const json& t, const json& role, const std::string& reason,
                  const std::string& detail, json& out) const {
        std::string to = redress_plugins::person_for(role.get<std::string>(), t,
                                                     s_.at("management").get<std::string>());
        if (to.empty()) to = s_.at("management").get<std::string>();
        out.push_back({{"action", "escalate"},
                       {"params", {{"to", to}, {"reason", reason}, {"detail", detail}}}});
        out.push_back(
            {{"action", "notify"},
             {"params",
              {{"to", to},
               {"reason", reason},
               {"message", t["complaint"].value("number", "") + " escalated to you: " + detail}}}});
    }

    json s_;
    redress_plugins::JsonPaths trigger_paths_;
    GroupWindow window_;
};

}  // namespace escalation_repeat

REDRESS_MODULE(
    "escalation_repeat", "1.0.0",
    "Escalates repeat, repeatedly reopened and group complaints to a supervisor",
    redress::provide<escalation_repeat::RepeatEscalation>(escalation_repeat::kSettingsSchema))
