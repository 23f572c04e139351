// templates: the messages, per event and language, with {{placeholders}}.
// Built in for the acknowledgement (D5), progress (D15), delay notices (D13),
// closure with the survey invitation (D17), escalations and notifications;
// each can be replaced from the settings.
#pragma once

#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace notifier_email {

struct Template {
    std::string subject;
    std::string body;
};

class Templates {
  public:
    // `overrides`: {"<name>": {"zh": {"subject", "body"}, "en": {...}}}.
    explicit Templates(const nlohmann::json& overrides);
    // Names: acknowledgement, progress, delay, closure, escalation, notification.
    std::optional<Template> find(const std::string& name, const std::string& lang) const;

  private:
    std::map<std::string, Template> by_key_;  // "<name>/<lang>"
};

// Replaces every {{key}} with the value of `values[key]` (missing: empty).
std::string fill(const std::string& text, const std::map<std::string, std::string>& values);

}  // namespace notifier_email
