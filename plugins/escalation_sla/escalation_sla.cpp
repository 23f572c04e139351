// escalation_sla: acts on the SLA clock and on urgent complaints. A milestone's
// warning tells the owner; a breach escalates along the ladder, one level per
// step, while the milestone stays unmet (D14); an urgent complaint tells the
// on-duty supervisor at once (D8); a work order that is behind two days before
// its promised date has its owner tell the customer (D13).
#include <redress/redress.hpp>

#include <chrono>
#include <cmath>

#include <nlohmann/json.hpp>

#include "ladder.hpp"
#include "time_text.hpp"

namespace escalation_sla {
namespace {
using nlohmann::json;

constexpr const char* kSettingsSchema = R"({
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "warn_owner": {"type": "boolean", "default": true,
      "description": "Tell the owner when a milestone reaches its warning time (sla.json warning_share)."},
    "ladder": {
      "type": "array", "minItems": 1,
      "items": {"type": "object", "additionalProperties": false, "required": ["to"],
        "properties": {
          "to": {"type": "string", "minLength": 1,
            "description": "team_lead, team_supervisor, department_head, management, owner, or a person's name"},
          "after_hours": {"type": "number", "minimum": 0, "default": 0,
            "description": "Wall-clock hours after the previous step (the first: after the breach)."},
          "reassign": {"type": "boolean", "default": false}}},
      "default": [{"to": "team_lead", "after_hours": 0},
                  {"to": "department_head", "after_hours": 4},
                  {"to": "management", "after_hours": 24}]
    },
    "management": {"type": "string", "minLength": 1, "default": "management"},
    "on_duty_supervisor": {"type": "string", "minLength": 1, "default": "team_supervisor",
      "description": "Told at once of urgent complaints (D8): a role (team_supervisor...) or a person."},
    "work_order_notice_days": {"type": "number", "minimum": 0, "default": 2,
      "description": "Days before a work order's promised date to check it (D13)."},
    "work_order_on_track_percent": {"type": "integer", "minimum": 0, "maximum": 100, "default": 80,
      "description": "Progress at which a work order is taken to be on time at that check."}
  }
})";

json decision(const std::string& action, json params) {
    return {{"action", action}, {"params", std::move(params)}};
}

bool milestone_open(const json& complaint, const std::string& milestone) {
    const json m = complaint["sla"]["milestones"].value(milestone, json::object());
    return !m.empty() && m.value("met_at", json()).is_null();
}

}  // namespace

class SlaEscalation : public redress::Escalation {
  public:
    explicit SlaEscalation(redress::Host host)
        : Escalation(host), settings_(json::parse(host.settings())), ladder_(settings_) {}

    std::string evaluate(std::string_view trigger_json) override {
        json t = json::parse(trigger_json);
        json out = json::array();
        if (t.value("trigger", "") == "clock")
            on_clock(t, out);
        else
            on_event(t, out);
        return out.dump();
    }

  private:
    void on_clock(const json& t, json& out) const {
        const json& c = t["complaint"];
        std::string kind = t.value("checkpoint", ""), milestone = t.value("milestone", "");
        if (kind == "warning" && settings_.at("warn_owner").get<bool>()) {
            std::string due = c["sla"]["milestones"][milestone].value("due_at", "");
            out.push_back(decision(
                "notify",
                {{"to", c.value("owner", "")},
                 {"reason", "sla_warning"},
                 {"message", milestone + " of " + c.value("number", "") + " is due at " + due}}));
        } else if (kind == "breach") {
            const Step* first = ladder_.step(c.value("escalation_level", 0) + 1);
            if (first != nullptr && first->after_hours > 0)  // the first rung waits a while
                out.push_back({{"action", "follow_up"},
                               {"at", shift(t.value("now", ""), first->after_hours * 3600.0)}});
            else
                escalate(t, milestone, out);
        } else if (kind == "follow_up") {
            // The next rung, for every milestone still breached and unmet.
            for (const auto& [key, m] : c["sla"]["milestones"].items())
                if (!m.value("breached_at", json()).is_null() &&
                    m.value("met_at", json()).is_null()) {
                    escalate(t, key, out);
                    break;  // one level per step, whichever milestones are late
                }
            check_work_orders(t, out);
        }
    }

    // Escalates one level up the ladder and asks the clock to come back for the next.
    void escalate(const json& t, const std::string& milestone, json& out) const {
        const json& c = t["complaint"];
        if (!milestone_open(c, milestone)) return;
        int level = c.value("escalation_level", 0) + 1;
        const Step* step = ladder_.step(level);
        if (step == nullptr) return;  // the top was reached: nobody higher
        std::string to = ladder_.person(step->to, t);
        if (to.empty()) to = ladder_.person("management", t);
        std::string due = c["sla"]["milestones"][milestone].value("due_at", "");
        out.push_back(
            decision("escalate", {{"to", to},
                                  {"reason", "sla_breach"},
                                  {"detail", milestone + " was due at " + due +
                                                 "; escalation level " + std::to_string(level)},
                                  {"reassign", step->reassign}}));
        out.push_back(decision(
            "notify", {{"to", to},
                       {"reason", "sla_breach"},
                       {"message", c.value("number", "") + ": " + milestone + " was due at " + due +
                                       " and is not met; it is yours to push"}}));
        if (const Step* next = ladder_.step(level + 1))
            out.push_back({{"action", "follow_up"},
                           {"at", shift(t.value("now", ""), next->after_hours * 3600.0)}});
    }

    void on_event(const json& t, json& out) const {
        const json& event = t["event"];
        std::string type = event.value("type", "");
        const json& c = t["complaint"];
        if (type == "complaint.created" && c.value("priority", "") == "urgent") {
            std::string to =
                ladder_.person(settings_.at("on_duty_supervisor").get<std::string>(), t);
            out.push_back(decision(
                "notify", {{"to", to.empty() ? c.value("owner", "") : to},
                           {"reason", "urgent"},
                           {"message", "urgent complaint " + c.value("number", "") + ": " +
                                           c.value("description", c.value("subject", ""))}}));
        }
        // Come back at each open work order's notice time (D13).
        if (type == "complaint.add-work-order" || type == "complaint.update-work-order")
            for (const auto& order : c.value("work_orders", json::array()))
                if (order.value("status", "") != "done")
                    if (auto at = notice_time(order); !at.empty() && at > event.value("at", ""))
                        out.push_back({{"action", "follow_up"}, {"at", at}});
    }

    // D13: at the notice time, a work order that is behind has its owner tell the customer.
    void check_work_orders(const json& t, json& out) const {
        const json& c = t["complaint"];
        std::string now = t.value("now", "");
        int on_track = settings_.at("work_order_on_track_percent").get<int>();
        for (const auto& order : c.value("work_orders", json::array())) {
            if (order.value("status", "") == "done") continue;
            std::string at = notice_time(order);
            if (at.empty() || at > now || order.value("due_at", "") <= now) continue;
            if (order.value("progress_percent", 0) >= on_track) continue;
            out.push_back(decision(
                "notify", {{"to", c.value("owner", "")},
                           {"reason", "work_order_delay"},
                           {"message", "work order " + std::to_string(order.value("number", 0)) +
                                           " of " + c.value("number", "") + " is at " +
                                           std::to_string(order.value("progress_percent", 0)) +
                                           "% and due " + order.value("due_at", "") +
                                           ": tell the customer now, with the reason and the new "
                                           "date (D13)"}}));
        }
    }

    std::string notice_time(const json& order) const {
        double days = settings_.at("work_order_notice_days").get<double>();
        return shift(order.value("due_at", ""), -days * 86400.0);
    }

    json settings_;
    Ladder ladder_;
};

}  // namespace escalation_sla

REDRESS_MODULE("escalation_sla", "1.0.0",
               "SLA warnings and breach escalation along a ladder; urgent complaints and late "
               "work orders",
               redress::provide<escalation_sla::SlaEscalation>(escalation_sla::kSettingsSchema))
