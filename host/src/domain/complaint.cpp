#include "domain/complaint.hpp"

#include <algorithm>
#include <cstdio>

#include "domain/params.hpp"
#include "domain/sla_clock.hpp"

namespace redress::domain {
using nlohmann::json;

namespace {

Time time_member(const json& doc, const char* key) {
    auto it = doc.find(key);
    if (it != doc.end() && it->is_string())
        if (auto t = parse_time(it->get<std::string>())) return *t;
    return Time{};
}

std::vector<std::string> names_of(auto values) {
    std::vector<std::string> out;
    for (auto v : values) out.emplace_back(name(v));
    return out;
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// A stable customer identity for history and repeat detection: the given id,
// else the e-mail address, else the phone number (digits and '+' only).
std::string derive_customer_id(const json& customer) {
    if (customer.contains("id")) return customer["id"].get<std::string>();
    if (customer.contains("email")) return "email:" + lower(customer["email"].get<std::string>());
    if (customer.contains("phone")) {
        std::string digits;
        for (char ch : customer["phone"].get<std::string>())
            if ((ch >= '0' && ch <= '9') || ch == '+') digits += ch;
        if (!digits.empty()) return "phone:" + digits;
    }
    return "";
}

bool has_fact(const json& doc, const std::string& field) {
    if (field == "customer.contact")
        return doc["customer"].contains("phone") || doc["customer"].contains("email");
    auto dot = field.find('.');
    const json& holder =
        dot == std::string::npos ? doc : doc.value(field.substr(0, dot), json::object());
    std::string key = dot == std::string::npos ? field : field.substr(dot + 1);
    auto it = holder.find(key);
    return it != holder.end() && !it->is_null() &&
           !(it->is_string() && it->get<std::string>().empty()) && !(it->is_array() && it->empty());
}

json read_customer(Params& p, const json* body) {
    json customer = json::object();
    if (body == nullptr) return customer;
    Params c = p.nested(*body, {"id", "name", "phone", "email", "type", "company"}, "customer");
    for (const char* key : {"id", "name", "phone", "email", "company"})
        if (auto v = c.text(key, false, 200)) customer[key] = *v;
    if (customer.contains("email") &&
        customer["email"].get<std::string>().find('@') == std::string::npos)
        c.error("email", "is not an e-mail address");
    customer["type"] =
        c.choice("type", false,
                 names_of(std::array{CustomerType::individual, CustomerType::enterprise}))
            .value_or("individual");
    return customer;
}

}  // namespace

json read_attachments(Params& p, const json& body) {
    json out = json::array();
    auto it = body.find("attachments");
    if (it == body.end() || it->is_null()) return out;
    if (!it->is_array() || it->size() > 50) {
        p.error("attachments", "expected a list of at most 50 attachments");
        return out;
    }
    for (std::size_t i = 0; i < it->size(); ++i) {
        Params a = p.nested((*it)[i], {"name", "media_type", "size", "sha256", "url"},
                            "attachments/" + std::to_string(i));
        json item = json::object();
        for (const char* key : {"name", "media_type", "sha256", "url"})
            if (auto v = a.text(key, std::string(key) == "name", 1000)) item[key] = *v;
        if (auto size = a.integer("size", false, 0, 1LL << 40)) item["size"] = *size;
        out.push_back(item);
    }
    return out;
}

State Complaint::state() const {
    return parse_state(doc_.value("state", "")).value_or(State::received);
}
Priority Complaint::priority() const {
    return parse_priority(doc_.value("priority", "")).value_or(Priority::normal);
}
Channel Complaint::channel() const {
    return parse_channel(doc_.value("channel", "")).value_or(Channel::api);
}
std::string Complaint::customer_id() const {
    auto it = doc_.find("customer");
    return it != doc_.end() && it->is_object() ? it->value("id", "") : "";
}
Time Complaint::received_at() const {
    return time_member(doc_, "received_at");
}
Time Complaint::created_at() const {
    return time_member(doc_, "created_at");
}
Time Complaint::updated_at() const {
    return time_member(doc_, "updated_at");
}

std::optional<Time> Complaint::next_due() const {
    auto s = doc_.find("sla");
    if (s == doc_.end() || !s->is_object() || !s->value("paused_at", json()).is_null())
        return std::nullopt;
    auto ms = s->find("milestones");
    if (ms == s->end()) return std::nullopt;
    std::optional<Time> next;
    for (const auto& [key, m] : ms->items()) {
        if (!m.value("met_at", json()).is_null()) continue;
        if (auto t = parse_time(m.value("due_at", ""))) next = next ? std::min(*next, *t) : *t;
    }
    return next;
}

std::string format_complaint_number(cctz::civil_day day, std::int64_t serial) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "CP-%04d%02d%02d-%06lld", static_cast<int>(day.year()),
                  day.month(), day.day(), static_cast<long long>(serial));
    return buf;
}

Complaint new_complaint(const json& input, const DomainConfig& config, Time now,
                        const std::string& actor) {
    Complaint c = received_complaint(input, config, now, actor);
    start_sla_clock(c, config);
    return c;
}

Complaint received_complaint(const json& input, const DomainConfig& config, Time now,
                             const std::string& actor) {
    Params p(input, {"channel", "customer", "subject", "description", "demand", "product", "region",
                     "phase", "purchased_at", "urgency", "priority", "category", "tags",
                     "received_by", "received_at", "attachments", "source"});
    json doc = json::object();
    doc["channel"] = p.choice("channel", true, names_of(kChannels)).value_or("api");
    doc["customer"] = read_customer(p, p.object("customer", false));
    for (const char* key : {"subject", "product", "region", "urgency"})
        if (auto v = p.text(key, false, 500)) doc[key] = *v;
    for (const char* key : {"description", "demand"})
        if (auto v = p.text(key, false, 20000)) doc[key] = *v;
    if (!doc.contains("description") && !doc.contains("subject"))
        p.error("description", "required (say what happened, or at least give a subject)");
    if (auto phase = p.choice("phase", false, {"pre_sale", "after_sale"})) doc["phase"] = *phase;
    if (auto t = p.time("purchased_at", false)) doc["purchased_at"] = format_time(*t);
    Time received = p.time("received_at", false).value_or(now);
    if (received > now + std::chrono::minutes(5)) p.error("received_at", "is in the future");
    auto priority = p.choice("priority", false, names_of(kPriorities));
    auto category = p.text("category", false, 200);
    if (category && !config.categories.contains(*category))
        p.error("category", "unknown category \"" + *category + "\"");
    doc["tags"] = p.strings("tags");
    doc["received_by"] = p.text("received_by", false, 200).value_or(actor);
    doc["attachments"] = read_attachments(p, input);
    if (const json* source = p.object("source", false)) {
        Params s = p.nested(*source, {"instance", "id"}, "source");
        json src = json::object();
        for (const char* key : {"instance", "id"})
            if (auto v = s.text(key, false, 500)) src[key] = *v;
        doc["source"] = src;
    }
    p.finish();

    doc["customer"]["id"] = derive_customer_id(doc["customer"]);
    doc["number"] = "";
    doc["state"] = name(State::received);
    doc["priority"] = priority.value_or(std::string(name(Priority::normal)));
    doc["category"] = category.value_or("");
    doc["received_at"] = format_time(received);
    doc["created_at"] = doc["updated_at"] = format_time(now);
    doc["version"] = 1;
    doc["handling_round"] = 1;
    doc["escalation_level"] = 0;
    for (const char* list : {"log", "proposals", "work_orders", "escalations", "surveys"})
        doc[list] = json::array();

    json missing = json::array();
    for (const auto& field : config.required_fields)
        if (!has_fact(doc, field)) missing.push_back(field);
    doc["missing_fields"] = missing;

    auto who = config.responsibility.assign(doc["category"], doc.value("product", ""),
                                            doc.value("region", ""));
    doc["team"] = who.team;
    doc["owner"] = who.owner;
    doc["assignment"] = {{"source", "matrix"}, {"rule", who.rule}, {"at", format_time(now)}};

    return Complaint(std::move(doc));
}

void start_sla_clock(Complaint& c, const DomainConfig& config) {
    Time received = c.received_at();
    c.doc()["sla"] = {{"base", format_time(received)},
                      {"paused_at", nullptr},
                      {"paused_ms", 0},
                      {"milestones", json::object()}};
    sla_clock::schedule(c, config.sla);
    sla_clock::progress_told(c, config.sla, received);  // D15, counted from receipt
}

}  // namespace redress::domain
