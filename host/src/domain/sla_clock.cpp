#include "domain/sla_clock.hpp"

#include <algorithm>

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
        Time warn = policy.warning(base, due);
        if (paused.count() > 0) {
            due = policy.calendar().add_business_time(due, paused);
            warn = policy.calendar().add_business_time(warn, paused);
        }
        json next = {{"target", target->text},     {"warn_at", format_time(warn)},
                     {"due_at", format_time(due)}, {"met_at", nullptr},
                     {"warned_at", nullptr},       {"breached_at", nullptr}};
        // The same deadline again (a reschedule that changed nothing): what fired stays fired.
        if (milestones.contains(key) && milestones[key].value("due_at", "") == next["due_at"])
            for (const char* flag : {"warned_at", "breached_at"})
                next[flag] = milestones[key].value(flag, json());
        milestones[key] = next;
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
        for (const char* field : {"due_at", "warn_at"})
            if (auto d = time_at(m, field))
                m[field] = format_time(policy.calendar().add_business_time(*d, paused));
    }
}

namespace {

bool unset(const json& m, const char* key) {
    return m.value(key, json()).is_null();
}

// Each checkpoint still to fire, in no particular order.
template <class F>
void for_each_pending(const Complaint& c, F&& visit) {
    const json& doc = c.doc();
    auto s = doc.find("sla");
    if (s == doc.end() || !s->is_object() || !unset(*s, "paused_at")) return;
    if (auto t = time_at(*s, "follow_up_at")) visit(Checkpoint{"follow_up", "", *t});
    if (auto t = time_at(*s, "progress_due_at")) visit(Checkpoint{"progress", "", *t});
    if (!s->contains("milestones")) return;
    for (const auto& [key, m] : (*s)["milestones"].items()) {
        if (!unset(m, "met_at")) continue;
        if (unset(m, "warned_at"))
            if (auto t = time_at(m, "warn_at")) visit(Checkpoint{"warning", key, *t});
        if (unset(m, "breached_at"))
            if (auto t = time_at(m, "due_at")) visit(Checkpoint{"breach", key, *t});
    }
}

}  // namespace

std::vector<Checkpoint> due_checkpoints(const Complaint& c, Time now) {
    std::vector<Checkpoint> out;
    for_each_pending(c, [&](Checkpoint k) {
        if (k.at <= now) out.push_back(std::move(k));
    });
    // A breach makes its own warning moot: fire only the breach.
    std::erase_if(out, [&](const Checkpoint& k) {
        return k.kind == "warning" && std::any_of(out.begin(), out.end(), [&](const Checkpoint& b) {
                   return b.kind == "breach" && b.milestone == k.milestone;
               });
    });
    return out;
}

void fire(Complaint& c, const Checkpoint& k, Time now) {
    json& s = sla(c);
    if (k.kind == "follow_up" || k.kind == "progress") {
        s[k.kind == "follow_up" ? "follow_up_at" : "progress_due_at"] = nullptr;
        return;
    }
    json& m = s["milestones"][k.milestone];
    m[k.kind == "warning" ? "warned_at" : "breached_at"] = format_time(now);
    if (k.kind == "breach" && unset(m, "warned_at")) m["warned_at"] = format_time(now);
}

std::optional<Time> next_check(const Complaint& c) {
    std::optional<Time> next;
    for_each_pending(c, [&](const Checkpoint& k) { next = next ? std::min(*next, k.at) : k.at; });
    return next;
}

void progress_told(Complaint& c, const SlaPolicy& policy, Time now) {
    const auto& every = policy.progress_every();
    sla(c)["progress_due_at"] = every ? json(format_time(policy.due(now, *every))) : json();
}

void progress_stop(Complaint& c) {
    sla(c)["progress_due_at"] = nullptr;
}

void follow_up(Complaint& c, Time at) {
    json& s = sla(c);
    auto current = time_at(s, "follow_up_at");
    if (!current || at < *current) s["follow_up_at"] = format_time(at);
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
