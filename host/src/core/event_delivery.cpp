#include "core/event_delivery.hpp"

#include <nlohmann/json.hpp>

namespace redress::core {
using nlohmann::json;

JsonSplice::JsonSplice(std::string printed) : text_(std::move(printed)), empty_(text_ == "{}") {
    text_.pop_back();  // the closing brace
}

JsonSplice& JsonSplice::add(std::string_view name, std::string_view json_text) {
    if (!empty_) text_ += ',';
    empty_ = false;
    text_ += '"';
    text_ += name;
    text_ += "\":";
    text_ += json_text;
    return *this;
}

std::string JsonSplice::done() && {
    text_ += '}';
    return std::move(text_);
}

namespace {

JsonSplice open_event(const EventDelivery& e) {
    JsonSplice event(json{
        {"id", e.id},
        {"type", e.type},
        {"number", e.number},
        {"seq", e.seq},
        {"actor", e.actor},
        {"at", e.at}}.dump(-1, ' ', false, json::error_handler_t::replace));
    event.add("changes", e.changes);
    return event;
}

}  // namespace

std::string EventDelivery::event_json() const {
    return open_event(*this).done();
}

std::string EventDelivery::document() const {
    JsonSplice doc = open_event(*this);
    if (complaint) doc.add("complaint", *complaint);
    return std::move(doc).done();
}

}  // namespace redress::core
