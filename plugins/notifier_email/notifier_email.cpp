// notifier_email: mail to customers and staff through an SMTP relay, in Chinese
// or English: the acknowledgement with the expected response time (D5),
// progress (D15) and delay notices (D13) of work orders, the closure with the
// survey link (D17), escalations (D14) and the notifications escalation
// policies decide. Recipients come from the complaint (the customer) and the
// responsibility matrix (the people escalations and notifications name).
#include <redress/redress.hpp>

#include <ctime>
#include <map>

#include <nlohmann/json.hpp>

#include "local_time.hpp"
#include "mail_text.hpp"
#include "smtp_send.hpp"
#include "templates.hpp"

namespace notifier_email {
namespace {
using nlohmann::json;

constexpr const char* kSettingsSchema = R"({
  "type": "object",
  "additionalProperties": false,
  "required": ["smtp_url", "from"],
  "properties": {
    "smtp_url": {"type": "string", "pattern": "^smtps?://", "description": "The relay: smtp://host:25 or smtps://host:465."},
    "starttls": {"type": "boolean", "default": false, "description": "Require STARTTLS on smtp://."},
    "username": {"type": "string", "default": ""},
    "password": {"type": "string", "default": ""},
    "from": {"type": "string", "minLength": 3, "description": "Sender address, e.g. service@example.com."},
    "from_name": {"type": "string", "default": "Redress"},
    "timeout_ms": {"type": "integer", "minimum": 100, "maximum": 300000, "default": 15000},
    "language": {"enum": ["auto", "zh", "en"], "default": "auto",
      "description": "auto: Chinese when the complaint is written in Chinese, else English."},
    "utc_offset": {"type": "string", "pattern": "^[+-][0-9]{2}:[0-9]{2}$", "default": "+08:00"},
    "public_url": {"type": "string", "default": "http://127.0.0.1:8080",
      "description": "How customers reach this host, for the survey link."},
    "survey_path": {"type": "string", "default": "/survey"},
    "staff": {"type": "object", "additionalProperties": {"type": "string"}, "default": {},
      "description": "Person (as the responsibility matrix names them) -> e-mail address."},
    "staff_domain": {"type": "string", "default": "",
      "description": "Else <person>@<staff_domain>; empty: people without an address are skipped."},
    "templates": {"type": "object", "default": {},
      "description": "Replacements: {name: {lang: {subject, body}}}; names acknowledgement, progress, status, delay, closure, escalation, notification, report."}
  }
})";

bool written_in_chinese(const json& c) {
    std::string text = c.value("subject", "") + c.value("description", "");
    for (unsigned char ch : text)
        if (ch >= 0xE4 && ch <= 0xE9) return true;  // lead bytes of the CJK block in UTF-8
    return false;
}

std::string text(const json& value) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_null()) return "";
    return value.dump();
}

// The latest entry of a list, by its "at" stamp.
json latest(const json& list) {
    json best;
    for (const auto& e : list)
        if (best.is_null() || e.value("at", "") >= best.value("at", "")) best = e;
    return best;
}

// The last item this event added to a list (of this "kind", when given).
json added(const json& changes, const std::string& list, const std::string& kind) {
    json found;
    const json items = changes.value(list, json::object()).value("added", json::array());
    for (const auto& item : items)
        if (kind.empty() || item.value("kind", "") == kind) found = item;
    return found;
}

}  // namespace

class EmailNotifier : public redress::Notifier {
  public:
    explicit EmailNotifier(redress::Host host)
        : Notifier(host), s_(json::parse(host.settings())), templates_(s_.at("templates")) {
        relay_ = {s_.at("smtp_url").get<std::string>(), s_.at("username").get<std::string>(),
                  s_.at("password").get<std::string>(), s_.at("starttls").get<bool>(),
                  std::chrono::milliseconds(s_.at("timeout_ms").get<long long>())};
        for (const auto& [name, langs] : s_.at("templates").items())
            for (const auto& [lang, t] : langs.items())
                if (!t.is_object() || !t.contains("subject") || !t.contains("body"))
                    throw redress::Invalid("settings/templates/" + name + "/" + lang +
                                           ": needs \"subject\" and \"body\"");
    }

    void deliver(std::string_view event_json) override {
        json event = json::parse(event_json);
        if (event.value("type", "") == "report.generated") return send_report(event);
        const json& c = event["complaint"];
        std::string type = event.value("type", "");
        const json changes = event.value("changes", json::object());
        std::string lang = s_.at("language") == "auto" ? (written_in_chinese(c) ? "zh" : "en")
                                                       : s_.at("language").get<std::string>();
        std::map<std::string, std::string> v = values(c, lang);
        std::string name, to;
        if (type == "complaint.created") {
            name = "acknowledgement";
            to = customer(c);
        } else if (type == "complaint.update-work-order") {
            // The order as this event left it (the complaint may have moved on since).
            json order;
            const json changed =
                changes.value("work_orders", json::object()).value("changed", json::object());
            for (const auto& [index, change] : changed.items())
                order = change.value("after", json());
            json update =
                order.is_object() ? latest(order.value("updates", json::array())) : json();
            if (update.is_null()) return;
            v["work_order"] = order.value("kind", "");
            v["progress"] = std::to_string(order.value("progress_percent", 0));
            v["note"] = update.value("note", "");
            name = update.contains("delay_reason") ? "delay" : "progress";
            if (name == "delay") {
                v["delay_reason"] = update.value("delay_reason", "");
                v["old_due"] = shown(update.value("due_before", ""));
                v["new_due"] = shown(update.value("due_at", ""));
            }
            to = customer(c);
        } else if (type == "complaint.sla-progress") {
            // D15: nobody told the customer anything for a while; the clock does.
            name = "status";
            to = customer(c);
            v["state"] = state_words(c.value("state", ""), lang);
            v["next_step"] = next_step(c, lang);
        } else if (type == "complaint.close") {
            name = "closure";
            to = customer(c);
            v["survey_link"] = s_.at("public_url").get<std::string>() +
                               s_.at("survey_path").get<std::string>() + "/" +
                               c["survey_invitation"].value("token", "");
        } else if (type == "complaint.escalate") {
            json e = added(changes, "escalations", "");
            if (e.is_null()) e = latest(c.value("escalations", json::array()));
            name = "escalation";
            to = staff(e.value("to", ""));
            v["level"] = text(e.value("level", json()));
            v["reason"] = e.value("reason", "");
            v["detail"] = e.value("detail", "");
        } else if (type == "complaint.notify") {
            json n = added(changes, "log", "notification");
            if (n.is_null()) return;
            name = "notification";
            to = n.value("customer", false) ? customer(c) : staff(n.value("to", ""));
            v["reason"] = n.value("reason", "notification");
            v["message"] = n.value("message", "");
        } else {
            return;  // not an event this notifier writes about
        }
        if (to.empty()) {
            host().debug(type + " of " + c.value("number", "") + ": no e-mail address to write to");
            return;
        }
        auto t = templates_.find(name, lang);
        if (!t) return;
        send({sender(),
              {to},
              fill(t->subject, v),
              fill(t->body, v),
              std::to_string(event.value("id", 0LL)) + "." + c.value("number", "") + "@redress",
              {}});
    }

  private:
    // D21: a scheduled report, attached, to the recipients its schedule names.
    void send_report(const json& event) {
        const json& r = event["report"];
        std::vector<std::string> to;
        for (const auto& address : r.value("recipients", json::array()))
            to.push_back(staff(address.get<std::string>()));
        std::erase(to, std::string());
        if (to.empty()) {
            host().warning("report " + r.value("period", "") + " of " + r.value("instance", "") +
                           ": no recipients to send it to");
            return;
        }
        std::string lang = s_.at("language") == "en" ? "en" : "zh";
        auto t = templates_.find("report", lang);
        if (!t) return;
        std::map<std::string, std::string> v = {{"report", r.value("instance", "")},
                                                {"schedule", r.value("schedule", "")},
                                                {"period", r.value("period", "")}};
        std::string format = r.value("format", "html");
        send({sender(),
              to,
              fill(t->subject, v),
              fill(t->body, v),
              event.value("id", "report") + "@redress",
              {{r.value("instance", "report") + "-" + r.value("period", "") + "." + format,
                r.value("content_type", "application/octet-stream"), r.value("body", "")}}});
    }

    std::string sender() const {
        return s_.at("from_name").get<std::string>() + " <" + s_.at("from").get<std::string>() +
               ">";
    }

    void send(const Mail& mail) {
        auto sent = smtp_send(relay_, s_.at("from").get<std::string>(), mail.to,
                              render_mail(mail, static_cast<long long>(std::time(nullptr))));
        if (sent.ok) return;
        if (sent.transient) throw redress::RetryLater(sent.error);
        throw redress::Error(sent.error);
    }

    std::map<std::string, std::string> values(const json& c, const std::string& lang) const {
        const json customer = c.value("customer", json::object());
        std::string due =
            c["sla"]["milestones"].value("first_response", json::object()).value("due_at", "");
        return {{"number", c.value("number", "")},
                {"customer_name", customer.value("name", lang == "zh" ? "客户" : "customer")},
                {"first_response_due", due.empty() ? "-" : shown(due)},
                {"priority", c.value("priority", "")},
                {"category", c.value("category", "")},
                {"owner", c.value("owner", "")}};
    }
    // Where a complaint stands, as the customer would put it.
    static std::string state_words(const std::string& state, const std::string& lang) {
        static const std::map<std::string, std::pair<const char*, const char*>> kWords = {
            {"received", {"已登记，等待受理", "it is registered and about to be taken up"}},
            {"acknowledged", {"已受理，正在调查", "it is being looked into"}},
            {"investigating", {"正在调查原因", "we are investigating the cause"}},
            {"proposed", {"处理方案待您确认", "a solution awaits your answer"}},
            {"agreed", {"处理方案已确认，正在安排", "the agreed solution is being arranged"}},
            {"executing", {"处理方案正在执行", "the agreed solution is being carried out"}},
        };
        auto it = kWords.find(state);
        if (it == kWords.end()) return state;
        return lang == "zh" ? it->second.first : it->second.second;
    }
    // The next promise we are working to, if any.
    std::string next_step(const json& c, const std::string& lang) const {
        const json milestones = c.value("sla", json::object()).value("milestones", json::object());
        for (const char* m : {"solution_plan", "resolution"}) {
            const json entry = milestones.value(m, json::object());
            if (!entry.value("met_at", json()).is_null() || !entry.contains("due_at")) continue;
            std::string due = shown(entry.value("due_at", ""));
            bool plan = std::string(m) == "solution_plan";
            if (lang == "zh")
                return std::string("我们将在 ") + due +
                       (plan ? " 之前向您提出处理方案。" : " 之前处理完毕。");
            return std::string(plan ? "You will have our proposed solution by "
                                    : "We aim to "
                                      "have it resolved by ") +
                   due + ".";
        }
        return "";
    }
    std::string shown(const std::string& utc) const {
        return redress_plugins::local_time(utc, s_.at("utc_offset").get<std::string>());
    }
    static std::string customer(const json& c) {
        return c.value("customer", json::object()).value("email", "");
    }
    std::string staff(const std::string& person) const {
        if (person.empty()) return "";
        if (person.find('@') != std::string::npos) return person;
        const json& known = s_.at("staff");
        if (known.contains(person)) return known[person].get<std::string>();
        std::string domain = s_.at("staff_domain").get<std::string>();
        return domain.empty() ? "" : person + "@" + domain;
    }

    json s_;
    Templates templates_;
    Relay relay_;
};

}  // namespace notifier_email

REDRESS_MODULE("notifier_email", "1.0.0",
               "Mail to customers and staff through SMTP, in Chinese or English",
               redress::provide<notifier_email::EmailNotifier>(notifier_email::kSettingsSchema))
