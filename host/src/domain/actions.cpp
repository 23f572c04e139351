#include "domain/actions.hpp"

#include <random>

#include <algorithm>
#include <functional>
#include <set>

#include "domain/classification.hpp"
#include "domain/errors.hpp"
#include "domain/params.hpp"
#include "domain/sla_clock.hpp"

namespace redress::domain {
using nlohmann::json;

namespace {

using S = State;
using Handler = std::function<void(Complaint&, Params&, const ActionContext&)>;

struct Action {
    std::string name;
    std::vector<State> allowed;
    std::vector<std::string_view> fields;
    Handler apply;
};

// States in which the complaint is still being handled.
const std::vector<State> kHandling = {S::received, S::acknowledged, S::investigating, S::proposed,
                                      S::agreed,   S::executing,    S::resolved,      S::waiting};

void set_state(Complaint& c, State s) {
    c.doc()["state"] = name(s);
}

json stamp(const ActionContext& ctx) {
    return {{"at", format_time(ctx.now)}, {"by", ctx.actor}};
}

json with_stamp(json record, const ActionContext& ctx) {
    record.update(stamp(ctx));
    return record;
}

std::vector<std::string> priority_names() {
    return {"urgent", "normal", "low"};
}

json& find_numbered(Complaint& c, const char* list, long long number, const char* what) {
    for (auto& item : c.doc()[list])
        if (item.value("number", 0LL) == number) return item;
    throw DomainError::not_found(std::string(what) + " " + std::to_string(number) +
                                 " does not exist on " + c.number());
}

// --- D5: acknowledge the customer, with when to expect handling.
void acknowledge(Complaint& c, Params& p, const ActionContext& ctx) {
    auto channel = p.text("channel", false, 100);
    auto message = p.text("message", false, 5000);
    p.finish();
    auto expected = sla_clock::due(c, Milestone::solution_plan);
    if (!expected) expected = sla_clock::due(c, Milestone::resolution);
    json ack = stamp(ctx);
    ack["channel"] = channel.value_or(std::string(name(c.channel())));
    if (message) ack["message"] = *message;
    ack["expected_by"] = expected ? json(format_time(*expected)) : json(nullptr);
    c.doc()["acknowledgement"] = ack;
    sla_clock::meet(c, Milestone::first_response, ctx.now);
    set_state(c, S::acknowledged);
}

// --- D6, D7: category and priority; the SLA follows, and so does the owner while the matrix chose
// it.
void classify(Complaint& c, Params& p, const ActionContext& ctx) {
    auto category = p.text("category", false, 200);
    auto priority = p.choice("priority", false, priority_names());
    auto phase = p.choice("phase", false, {"pre_sale", "after_sale"});
    auto tags = p.strings("tags");
    auto confidence = p.integer("confidence_percent", false, 0, 100);
    auto source = p.text("source", false, 200);
    if (category && !ctx.config.categories.contains(*category))
        p.error("category", "unknown category \"" + *category + "\"");
    if (!category && !priority && !phase && tags.empty())
        p.error("category", "give at least one of category, priority, phase, tags");
    p.finish();
    json record = stamp(ctx);
    record["source"] = source.value_or("staff");
    if (confidence) record["confidence_percent"] = *confidence;
    apply_classification(c, Classification{category, priority, phase, tags, record}, ctx.config,
                         ctx.now);
}

// --- D9: exactly one accountable owner, chosen by staff or by the matrix.
void assign(Complaint& c, Params& p, const ActionContext& ctx) {
    auto owner = p.text("owner", false, 200);
    auto team = p.text("team", false, 200);
    auto automatic = p.boolean("auto", false).value_or(false);
    auto reason = p.text("reason", false, 2000);
    if (team && ctx.config.responsibility.team(*team) == nullptr)
        p.error("team", "unknown team \"" + *team + "\"");
    if (!automatic && !owner)
        p.error("owner", "required (or \"auto\": true to use the responsibility matrix)");
    if (automatic && (owner || team)) p.error("auto", "give either \"auto\" or an owner, not both");
    p.finish();
    json& d = c.doc();
    if (automatic) {
        auto who = ctx.config.responsibility.assign(c.category(), d.value("product", ""),
                                                    d.value("region", ""));
        d["team"] = who.team;
        d["owner"] = who.owner;
        d["assignment"] = with_stamp({{"source", "matrix"}, {"rule", who.rule}}, ctx);
    } else {
        d["owner"] = *owner;
        if (team) d["team"] = *team;
        d["assignment"] = with_stamp({{"source", "manual"}}, ctx);
    }
    if (reason) d["assignment"]["reason"] = *reason;
}

// --- D10: the handling log.
void note(Complaint& c, Params& p, const ActionContext& ctx) {
    auto text = p.text("text", true);
    auto evidence = p.strings("evidence");
    p.finish();
    json entry = with_stamp({{"kind", "note"}, {"text", *text}}, ctx);
    if (!evidence.empty()) entry["evidence"] = evidence;
    c.doc()["log"].push_back(entry);
}

// Someone must be told something now (an escalation policy's decision, D8/D13):
// recorded in the log; notifiers subscribed to complaint.notify deliver it.
void notify(Complaint& c, Params& p, const ActionContext& ctx) {
    auto to = p.text("to", true, 200);
    auto message = p.text("message", true, 4000);
    auto reason = p.text("reason", false, 200);
    auto customer = p.boolean("customer", false).value_or(false);
    p.finish();
    json entry = with_stamp(
        {{"kind", "notification"}, {"to", *to}, {"message", *message}, {"customer", customer}},
        ctx);
    if (reason) entry["reason"] = *reason;
    c.doc()["log"].push_back(entry);
}

void contact(Complaint& c, Params& p, const ActionContext& ctx) {
    auto channel = p.choice("channel", true,
                            {"phone", "email", "sms", "chat", "visit", "letter", "social_media"});
    auto direction = p.choice("direction", false, {"outbound", "inbound"}).value_or("outbound");
    auto summary = p.text("summary", true, 20000);
    auto source_id = p.text("source_id", false, 1000);
    json attachments = read_attachments(p, p.body());
    p.finish();
    json entry = with_stamp({{"kind", "contact"},
                             {"channel", *channel},
                             {"direction", direction},
                             {"summary", *summary}},
                            ctx);
    if (source_id) entry["source_id"] = *source_id;
    if (!attachments.empty()) entry["attachments"] = attachments;
    c.doc()["log"].push_back(entry);
    if (direction == "outbound") sla_clock::meet(c, Milestone::first_response, ctx.now);
}

// --- D11: who is responsible, and why.
void determine_responsibility(Complaint& c, Params& p, const ActionContext& ctx) {
    auto party =
        p.choice("party", true, {"product_quality", "service_process", "external", "customer"});
    auto reasoning = p.text("reasoning", true);
    auto department = p.text("department", false, 200);
    p.finish();
    json record = with_stamp({{"party", *party}, {"reasoning", *reasoning}}, ctx);
    if (department) record["department"] = *department;
    c.doc()["determination"] = record;
    set_state(c, S::investigating);
}

// --- D12: proposals, accepted or rejected with a reason, revised until agreed.
void propose(Complaint& c, Params& p, const ActionContext& ctx) {
    auto type = p.choice("type", true,
                         {"repair", "replace", "refund", "return", "compensation", "apology"});
    auto description = p.text("description", true);
    auto deadline = p.time("deadline", true);
    auto compensation = p.text("compensation", false, 1000);
    if (deadline && *deadline <= ctx.now) p.error("deadline", "must be in the future");
    p.finish();
    json& proposals = c.doc()["proposals"];
    json proposal = with_stamp({{"number", static_cast<long long>(proposals.size()) + 1},
                                {"type", *type},
                                {"description", *description},
                                {"deadline", format_time(*deadline)},
                                {"status", "pending"}},
                               ctx);
    if (compensation) proposal["compensation"] = *compensation;
    proposals.push_back(proposal);
    sla_clock::meet(c, Milestone::solution_plan, ctx.now);
    set_state(c, S::proposed);
}

json& pending_proposal(Complaint& c) {
    for (auto& p : c.doc()["proposals"])
        if (p["status"] == "pending") return p;
    throw DomainError::not_found("no pending proposal on " + c.number());
}

void accept(Complaint& c, Params& p, const ActionContext& ctx) {
    auto confirmed_by = p.text("confirmed_by", true, 200);
    auto channel = p.text("channel", false, 100);
    auto note = p.text("note", false, 2000);
    p.finish();
    json& proposal = pending_proposal(c);
    proposal["status"] = "accepted";
    // The written confirmation (D12): who on the customer's side agreed, when, how.
    proposal["confirmation"] = with_stamp({{"confirmed_by", *confirmed_by}}, ctx);
    if (channel) proposal["confirmation"]["channel"] = *channel;
    if (note) proposal["confirmation"]["note"] = *note;
    set_state(c, S::agreed);
}

void reject(Complaint& c, Params& p, const ActionContext& ctx) {
    auto reason = p.text("reason", true);
    p.finish();
    json& proposal = pending_proposal(c);
    proposal["status"] = "rejected";
    proposal["rejection"] = with_stamp({{"reason", *reason}}, ctx);
    set_state(c, S::investigating);
}

// --- D13: work orders with department, owner, due date and progress.
void add_work_order(Complaint& c, Params& p, const ActionContext& ctx) {
    auto kind =
        p.choice("kind", true, {"repair", "replacement", "shipment", "refund", "visit", "other"});
    auto department = p.text("department", true, 200);
    auto owner = p.text("owner", true, 200);
    auto due = p.time("due_at", true);
    auto description = p.text("description", false);
    if (due && *due <= ctx.now) p.error("due_at", "must be in the future");
    p.finish();
    json& orders = c.doc()["work_orders"];
    json order = with_stamp({{"number", static_cast<long long>(orders.size()) + 1},
                             {"kind", *kind},
                             {"department", *department},
                             {"owner", *owner},
                             {"due_at", format_time(*due)},
                             {"status", "open"},
                             {"progress_percent", 0},
                             {"updates", json::array()}},
                            ctx);
    if (description) order["description"] = *description;
    orders.push_back(order);
    set_state(c, S::executing);
}

void update_work_order(Complaint& c, Params& p, const ActionContext& ctx) {
    auto number = p.integer("work_order", true, 1, 100000);
    auto progress = p.integer("progress_percent", false, 0, 100);
    auto status = p.choice("status", false, {"open", "done", "cancelled"});
    auto text = p.text("note", false);
    auto new_due = p.time("due_at", false);
    auto delay_reason = p.text("delay_reason", false);
    if (new_due && !delay_reason) p.error("delay_reason", "required when the due date moves (D13)");
    if (!progress && !status && !text && !new_due)
        p.error("note", "give a progress, a status, a note or a new due date");
    p.finish();
    json& order = find_numbered(c, "work_orders", *number, "work order");
    if (order["status"] != "open")
        throw DomainError::conflict(
            "work order " + std::to_string(*number) + " is " + order["status"].get<std::string>(),
            std::string(name(c.state())), allowed_actions(c.state()));
    json update = stamp(ctx);
    if (progress) order["progress_percent"] = update["progress_percent"] = *progress;
    if (status) order["status"] = update["status"] = *status;
    if (status && *status == "done") order["progress_percent"] = 100;
    if (text) update["note"] = *text;
    if (new_due) {
        update["due_before"] = order["due_at"];
        order["due_at"] = update["due_at"] = format_time(*new_due);
        update["delay_reason"] = *delay_reason;
    }
    order["updates"].push_back(update);
}

// --- D14: escalation with level, from, to and reason.
void escalate(Complaint& c, Params& p, const ActionContext& ctx) {
    auto to = p.text("to", true, 200);
    auto reason = p.choice("reason", true,
                           {"beyond_authority", "unresolved", "repeat", "group", "sla_warning",
                            "sla_breach", "other"});
    auto detail = p.text("detail", false);
    auto reassign = p.boolean("reassign", false).value_or(false);
    p.finish();
    json& d = c.doc();
    int level = d.value("escalation_level", 0) + 1;
    json record =
        with_stamp({{"level", level}, {"from", d["owner"]}, {"to", *to}, {"reason", *reason}}, ctx);
    if (detail) record["detail"] = *detail;
    d["escalations"].push_back(record);
    d["escalation_level"] = level;
    if (reassign) {
        d["owner"] = *to;
        d["assignment"] = with_stamp({{"source", "manual"}, {"reason", "escalation"}}, ctx);
    }
}

// --- Waiting for the customer pauses the SLA clock.
void wait_for_customer(Complaint& c, Params& p, const ActionContext& ctx) {
    auto reason = p.text("reason", true);
    p.finish();
    c.doc()["waiting"] = with_stamp({{"reason", *reason}, {"from_state", name(c.state())}}, ctx);
    sla_clock::pause(c, ctx.now);
    set_state(c, S::waiting);
}

void resume(Complaint& c, Params& p, const ActionContext& ctx) {
    auto note = p.text("note", false);
    p.finish();
    json& d = c.doc();
    State back = parse_state(d["waiting"].value("from_state", "")).value_or(S::investigating);
    sla_clock::resume(c, ctx.config.sla, ctx.now);
    if (note) d["log"].push_back(with_stamp({{"kind", "note"}, {"text", *note}}, ctx));
    d.erase("waiting");
    set_state(c, back);
}

// --- Resolution, then closure with the customer's confirmation (D16).
void resolve(Complaint& c, Params& p, const ActionContext& ctx) {
    auto summary = p.text("summary", true);
    p.finish();
    std::vector<std::string> open;
    for (const auto& order : c.doc()["work_orders"])
        if (order["status"] == "open")
            open.push_back(std::to_string(order["number"].get<long long>()));
    if (!open.empty()) {
        std::string list;
        for (const auto& n : open) list += (list.empty() ? "" : ", ") + n;
        throw DomainError::invalid(
            {{"/summary", "work orders still open: " + list + " (finish or cancel them first)"}});
    }
    c.doc()["resolution"] = with_stamp({{"summary", *summary}}, ctx);
    sla_clock::meet(c, Milestone::resolution, ctx.now);
    set_state(c, S::resolved);
}

std::string random_token() {
    std::random_device random;
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (int i = 0; i < 6; ++i)
        for (unsigned v = random(), k = 0; k < 8; ++k, v >>= 4) out += hex[v & 15];
    return out;
}

void close(Complaint& c, Params& p, const ActionContext& ctx) {
    auto confirmed = p.boolean("customer_confirmed", true);
    auto channel = p.text("channel", false, 100);
    auto comment = p.text("customer_comment", false);
    if (confirmed && !*confirmed)
        p.error("customer_confirmed",
                "closure needs the customer's confirmation (D16); reopen or keep handling instead");
    p.finish();
    json closure = with_stamp({{"customer_confirmed", true}}, ctx);
    if (channel) closure["channel"] = *channel;
    if (comment) closure["customer_comment"] = *comment;
    c.doc()["closure"] = closure;
    // D17: a single-use survey link for the customer. The number in front lets the
    // public survey page find the complaint; the random part makes it unguessable.
    c.doc()["survey_invitation"] = with_stamp({{"token", c.number() + "." + random_token()},
                                               {"round", c.doc().value("handling_round", 1)},
                                               {"used_at", nullptr}},
                                              ctx);
    set_state(c, S::closed);
}

void reopen_as_second_handling(Complaint& c, const ActionContext& ctx,
                               const std::string& supervisor, const std::string& reason) {
    json& d = c.doc();
    int round = d.value("handling_round", 1) + 1;
    d["handling_round"] = round;
    d["supervisor"] = supervisor;
    d["reopenings"].push_back(
        with_stamp({{"round", round}, {"reason", reason}, {"supervisor", supervisor}}, ctx));
    d.erase("closure");
    d.erase("resolution");
    sla_clock::restart(c, ctx.config.sla, ctx.now,
                       {Milestone::solution_plan, Milestone::resolution});
    set_state(c, S::investigating);
}

std::string supervisor_of(const Complaint& c, const ActionContext& ctx) {
    const auto* team = ctx.config.responsibility.team(c.team());
    return team != nullptr ? team->supervisor : c.owner();
}

// --- D17, D18: the survey; a dissatisfied customer reopens the complaint.
void survey(Complaint& c, Params& p, const ActionContext& ctx) {
    auto score = p.integer("score", true, 1, 5);
    auto comment = p.text("comment", false);
    auto resolved = p.boolean("resolved", false).value_or(true);
    auto token = p.text("token", false, 200);
    json& invitation = c.doc()["survey_invitation"];
    if (token) {
        // From the customer's link: it must be this complaint's, and unused.
        if (!invitation.is_object() || invitation.value("token", "") != *token)
            p.error("token", "is not this complaint's survey link");
        else if (!invitation.value("used_at", json()).is_null())
            p.error("token", "was used already: the survey was answered");
    }
    p.finish();
    if (invitation.is_object() && invitation.value("used_at", json()).is_null())
        invitation["used_at"] = format_time(ctx.now);
    json entry = with_stamp(
        {{"score", *score}, {"resolved", resolved}, {"round", c.doc().value("handling_round", 1)}},
        ctx);
    if (comment) entry["comment"] = *comment;
    c.doc()["surveys"].push_back(entry);
    if (*score <= 2 || !resolved)
        reopen_as_second_handling(c, ctx, supervisor_of(c, ctx),
                                  !resolved ? "survey: the customer says it is not resolved"
                                            : "survey: score " + std::to_string(*score));
}

void reopen(Complaint& c, Params& p, const ActionContext& ctx) {
    auto reason = p.text("reason", true);
    auto supervisor = p.text("supervisor", false, 200);
    p.finish();
    reopen_as_second_handling(c, ctx, supervisor.value_or(supervisor_of(c, ctx)), *reason);
}

void withdraw(Complaint& c, Params& p, const ActionContext& ctx) {
    auto reason = p.text("reason", true);
    p.finish();
    c.doc()["withdrawal"] = with_stamp({{"reason", *reason}, {"from_state", name(c.state())}}, ctx);
    c.doc()["sla"]["paused_at"] = nullptr;
    set_state(c, S::withdrawn);
}

// --- D20: archived complaints are kept, read-only, retrievable by number.
void archive(Complaint& c, Params& p, const ActionContext& ctx) {
    p.finish();
    c.doc()["archive"] = stamp(ctx);
    set_state(c, S::archived);
}

// --- D19: the closure report of a major or complex complaint.
void closure_report(Complaint& c, Params& p, const ActionContext& ctx) {
    auto summary = p.text("summary", true);
    auto root_cause = p.text("root_cause", true);
    auto actions = p.text("actions", true);
    auto prevention = p.text("prevention", true);
    p.finish();
    c.doc()["closure_report"] = with_stamp({{"summary", *summary},
                                            {"root_cause", *root_cause},
                                            {"actions", *actions},
                                            {"prevention", *prevention}},
                                           ctx);
}

const std::vector<Action>& actions() {
    static const std::vector<Action> table = {
        {"acknowledge", {S::received}, {"channel", "message"}, acknowledge},
        {"classify",
         {S::received, S::acknowledged, S::investigating, S::waiting},
         {"category", "priority", "phase", "tags", "confidence_percent", "source"},
         classify},
        {"assign", kHandling, {"owner", "team", "auto", "reason"}, assign},
        {"note",
         {S::received, S::acknowledged, S::investigating, S::proposed, S::agreed, S::executing,
          S::resolved, S::closed, S::waiting, S::withdrawn},
         {"text", "evidence"},
         note},
        {"notify",
         {S::received, S::acknowledged, S::investigating, S::proposed, S::agreed, S::executing,
          S::resolved, S::closed, S::waiting},
         {"to", "message", "reason", "customer"},
         notify},
        {"contact",
         {S::received, S::acknowledged, S::investigating, S::proposed, S::agreed, S::executing,
          S::resolved, S::closed, S::waiting},
         {"channel", "direction", "summary", "source_id", "attachments"},
         contact},
        {"determine-responsibility",
         {S::acknowledged, S::investigating},
         {"party", "reasoning", "department"},
         determine_responsibility},
        {"propose",
         {S::acknowledged, S::investigating},
         {"type", "description", "deadline", "compensation"},
         propose},
        {"accept", {S::proposed}, {"confirmed_by", "channel", "note"}, accept},
        {"reject", {S::proposed}, {"reason"}, reject},
        {"add-work-order",
         {S::agreed, S::executing},
         {"kind", "department", "owner", "due_at", "description"},
         add_work_order},
        {"update-work-order",
         {S::executing},
         {"work_order", "progress_percent", "status", "note", "due_at", "delay_reason"},
         update_work_order},
        {"escalate", kHandling, {"to", "reason", "detail", "reassign"}, escalate},
        {"wait-for-customer",
         {S::acknowledged, S::investigating, S::proposed, S::agreed, S::executing, S::resolved},
         {"reason"},
         wait_for_customer},
        {"resume", {S::waiting}, {"note"}, resume},
        {"resolve", {S::agreed, S::executing}, {"summary"}, resolve},
        {"close", {S::resolved}, {"customer_confirmed", "channel", "customer_comment"}, close},
        {"survey", {S::closed}, {"score", "comment", "resolved", "token"}, survey},
        {"reopen", {S::resolved, S::closed}, {"reason", "supervisor"}, reopen},
        {"withdraw",
         {S::received, S::acknowledged, S::investigating, S::proposed, S::agreed, S::executing,
          S::waiting},
         {"reason"},
         withdraw},
        {"archive", {S::closed, S::withdrawn}, {}, archive},
        {"closure-report",
         {S::resolved, S::closed},
         {"summary", "root_cause", "actions", "prevention"},
         closure_report},
    };
    return table;
}

// D15: while the work goes on, the customer hears how it stands at regular
// intervals; whatever told the customer something starts the interval again.
void keep_customer_informed(Complaint& c, const std::string& action, const ActionContext& ctx) {
    static const std::set<std::string> kTellsCustomer = {
        "acknowledge", "propose", "accept", "reject", "update-work-order", "resume", "reopen"};
    State now = c.state();
    if (now == S::resolved || now == S::closed || now == S::withdrawn || now == S::archived) {
        sla_clock::progress_stop(c);
        return;
    }
    const json& log = c.doc()["log"];
    bool told =
        kTellsCustomer.count(action) > 0 ||
        (action == "contact" && !log.empty() && log.back().value("direction", "") == "outbound");
    if (told) sla_clock::progress_told(c, ctx.config.sla, ctx.now);
}

const Action* find_action(std::string_view name) {
    for (const auto& a : actions())
        if (a.name == name) return &a;
    return nullptr;
}

}  // namespace

const std::vector<std::string>& action_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const auto& a : actions()) out.push_back(a.name);
        return out;
    }();
    return names;
}

std::vector<std::string> allowed_actions(State state) {
    std::vector<std::string> out;
    for (const auto& a : actions())
        if (std::find(a.allowed.begin(), a.allowed.end(), state) != a.allowed.end())
            out.push_back(a.name);
    return out;
}

std::vector<std::string> action_fields(std::string_view action) {
    const Action* a = find_action(action);
    return a == nullptr ? std::vector<std::string>{}
                        : std::vector<std::string>(a->fields.begin(), a->fields.end());
}

std::vector<std::string> action_states(std::string_view action) {
    std::vector<std::string> out;
    if (const Action* a = find_action(action))
        for (State s : a->allowed) out.emplace_back(name(s));
    return out;
}

bool is_allowed(std::string_view action, State state) {
    const Action* a = find_action(action);
    return a != nullptr &&
           std::find(a->allowed.begin(), a->allowed.end(), state) != a->allowed.end();
}

bool already_recorded(const Complaint& c, const json& params) {
    if (!params.is_object() || !params.contains("source_id") || !params["source_id"].is_string())
        return false;
    const json& id = params["source_id"];
    for (const auto& entry : c.doc()["log"])
        if (entry.is_object() && entry.value("source_id", json()) == id) return true;
    return false;
}

void apply_action(Complaint& c, std::string_view action, const json& params,
                  const ActionContext& ctx) {
    const Action* a = find_action(action);
    if (a == nullptr) throw DomainError::not_found("no action \"" + std::string(action) + "\"");
    State state = c.state();
    if (std::find(a->allowed.begin(), a->allowed.end(), state) == a->allowed.end()) {
        auto allowed = allowed_actions(state);
        std::string list;
        for (const auto& n : allowed) list += (list.empty() ? "" : ", ") + n;
        throw DomainError::conflict("cannot " + a->name + " complaint " + c.number() +
                                        " in state " + std::string(name(state)) +
                                        "; allowed there: " + (list.empty() ? "none" : list),
                                    std::string(name(state)), allowed);
    }
    static const json kNoParams = json::object();
    Params p(params.is_null() ? kNoParams : params,
             a->fields);  // both lvalues: Params keeps a reference
    a->apply(c, p, ctx);
    keep_customer_informed(c, a->name, ctx);
    json& d = c.doc();
    d["updated_at"] = format_time(ctx.now);
    d["version"] = c.version() + 1;
}

}  // namespace redress::domain
