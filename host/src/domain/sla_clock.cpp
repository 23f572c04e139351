#include "domain/sla_clock.hpp"

namespace redress::domain::sla_clock {
using nlohmann::json;

namespace {

json& sla(Complaint& c) {
    return c.doc()["sla"];
}

std::optional<Time> time_at(const json& obj, const char* key) {
    auto it = obj.find(key);
    if (it == obj.end() || !it->is_string()) return std::nullopt;
    return parse_time(it->get<std::string>());
}

}  // namespace

void schedule(Complaint& c, const SlaPolicy& policy) {
    json& s = sla(c);
    Time base = time_at(s, "base").value_or(c.received_at());
    auto paused = std::chrono::milliseconds(s.value("paused_ms", std::int64_t{0}));
    json& milestones = s["milestones"];
    for (Milestone m : kMilestones) {
        std::string key(name(m));
        if (milestones.contains(key) && !milestones[key]["met_at"].is_null())
            continue;  // met: history
        auto target = policy.target(c.priority(), c.category(), m);
        if (!target) {
            milestones.erase(key);
            continue;
        }
        Time due = policy.due(base, *target);
        if (paused.count() > 0) due = policy.calendar().add_business_time(due, paused);
        milestones[key] = {
            {"target", target->text}, {"due_at", format_time(due)}, {"met_at", nullptr}};
    }
}

void restart(Complaint& c, const SlaPolicy& policy, Time base,
             std::initializer_list<Milestone> which) {
    json& s = sla(c);
    s["base"] = format_time(base);
    s["paused_ms"] = 0;
    s["paused_at"] = nullptr;
    for (Milestone m : which) s["milestones"].erase(std::string(name(m)));
    schedule(c, policy);
}

void meet(Complaint& c, Milestone m, Time now) {
    json& milestones = sla(c)["milestones"];
    std::string key(name(m));
    if (milestones.contains(key) && milestones[key]["met_at"].is_null())
        milestones[key]["met_at"] = format_time(now);
}

void pause(Complaint& c, Time now) {
    sla(c)["paused_at"] = format_time(now);
}

void resume(Complaint& c, const SlaPolicy& policy, Time now) {
    json& s = sla(c);
    auto since = time_at(s, "paused_at");
    s["paused_at"] = nullptr;
    if (!since) return;
    auto paused = policy.calendar().business_time_between(*since, now);
    s["paused_ms"] = s.value("paused_ms", std::int64_t{0}) + paused.count();
    for (auto& [key, m] : s["milestones"].items()) {
        if (!m["met_at"].is_null()) continue;
        if (auto d = time_at(m, "due_at"))
            m["due_at"] = format_time(policy.calendar().add_business_time(*d, paused));
    }
}

std::optional<Time> due(const Complaint& c, Milestone m) {
    const json& doc = c.doc();
    auto s = doc.find("sla");
    if (s == doc.end() || !s->contains("milestones")) return std::nullopt;
    const json& milestones = (*s)["milestones"];
    auto it = milestones.find(std::string(name(m)));
    if (it == milestones.end() || !it->value("met_at", json()).is_null()) return std::nullopt;
    return time_at(*it, "due_at");
}

}  // namespace redress::domain::sla_clock
