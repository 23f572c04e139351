#pragma once

#include <optional>
#include <string>

namespace redress::core {

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
