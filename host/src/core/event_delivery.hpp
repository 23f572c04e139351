#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace redress::core {

// A JSON object some of whose members' values are JSON text already: written
// around that text, never parsing it. Member names are written as given (plain
// names that need no escaping).
class JsonSplice {
  public:
    // `printed`: a compact JSON object ("{...}"); members are added at its end.
    explicit JsonSplice(std::string printed);
    JsonSplice& add(std::string_view name, std::string_view json_text);
    std::string done() &&;

  private:
    std::string text_;  // without its closing brace
    bool empty_;
};

// One stored event as the outbox hands it to a subscriber: its fields, and its
// changes and the complaint as it is now as the JSON text they are stored as.
// Most subscribers only pass those on, so they are spliced into what is sent
// rather than parsed and printed again for each.
struct EventDelivery {
    long long id = 0, seq = 0;
    std::string type;  // "complaint.<action>"
    std::string number, actor, at;
    std::string changes;                   // JSON text
    std::optional<std::string> complaint;  // JSON text; none once the complaint is gone
    std::string team;                      // the complaint's team, if any

    // The event alone: id, type, number, seq, actor, at and changes.
    std::string event_json() const;
    // What a notifier receives: the event with "complaint", the complaint as it is now.
    std::string document() const;
};

}  // namespace redress::core
