#include "core/event_delivery.hpp"

#include <nlohmann/json.hpp>

namespace redress::core {
using nlohmann::json;

namespace {

// The event's own fields with the changes spliced in, left open for more members.
std::string open_event(const EventDelivery& e) {
    std::string doc = json{{"id", e.id},   {"type", e.type},   {"number", e.number},
                           {"seq", e.seq}, {"actor", e.actor}, {"at", e.at}}
                          .dump(-1, ' ', false, json::error_handler_t::replace);
    doc.pop_back();  // the closing brace
    doc += ",\"changes\":";
    doc += e.changes;
    return doc;
}

}  // namespace

std::string EventDelivery::event_json() const {
    return open_event(*this) + '}';
}

std::string EventDelivery::document() const {
    std::string doc = open_event(*this);
    if (complaint) {
        doc += ",\"complaint\":";
        doc += *complaint;
    }
    doc += '}';
    return doc;
}

}  // namespace redress::core
