// The complaint record (D2-D4, D9) and its lifecycle state machine: every state
// against every action, allowed or refused with the state and what is allowed.
#include <catch2/catch.hpp>

#include <map>

#include "domain/actions.hpp"
#include "domain/complaint.hpp"
#include "domain/errors.hpp"
#include "domain_fixture.hpp"

using namespace redress::domain;
using nlohmann::json;
using redress::test::sample_intake;
using redress::test::shanghai;
using redress::test::shipped_domain;

namespace {

const Time kStart = shanghai("2026-11-23 10:00");

ActionContext at_minute(int minute) {
    return {kStart + std::chrono::minutes(minute), "agent.li", shipped_domain()};
}

// Valid parameters for each action.
json sample_params(const std::string& action) {
    static const std::map<std::string, json> samples = {
        {"acknowledge", json::object()},
        {"classify", {{"category", "product.fault"}, {"priority", "urgent"}}},
        {"assign", {{"owner", "li.lei"}, {"team", "quality"}}},
        {"note", {{"text", "checked the installation photos"}}},
        {"notify", {{"to", "quality.supervisor"}, {"message", "urgent: smoke from a fridge"}}},
        {"contact", {{"channel", "phone"}, {"summary", "called the customer back"}}},
        {"determine-responsibility",
         {{"party", "product_quality"}, {"reasoning", "a cracked inlet hose"}}},
        {"propose",
         {{"type", "replace"},
          {"description", "replace the machine"},
          {"deadline", "2026-12-31T10:00:00+08:00"}}},
        {"accept", {{"confirmed_by", "张伟"}}},
        {"reject", {{"reason", "wants a refund instead"}}},
        {"add-work-order",
         {{"kind", "replacement"},
          {"department", "logistics"},
          {"owner", "wang.fang"},
          {"due_at", "2026-12-20T18:00:00+08:00"}}},
        {"update-work-order", {{"work_order", 1}, {"progress_percent", 50}}},
        {"escalate", {{"to", "cs.head"}, {"reason", "beyond_authority"}}},
        {"wait-for-customer", {{"reason", "waiting for the invoice"}}},
        {"resume", json::object()},
        {"resolve", {{"summary", "machine replaced"}}},
        {"close", {{"customer_confirmed", true}}},
        {"survey", {{"score", 4}}},
        {"reopen", {{"reason", "leaks again"}}},
        {"withdraw", {{"reason", "solved it myself"}}},
        {"archive", json::object()},
        {"closure-report",
         {{"summary", "s"},
          {"root_cause", "hose batch 7"},
          {"actions", "recall"},
          {"prevention", "supplier audit"}}},
    };
    return samples.at(action);
}

// The actions that lead from a new complaint to each state.
const std::map<State, std::vector<std::string>>& paths() {
    static const std::map<State, std::vector<std::string>> p = {
        {State::received, {}},
        {State::acknowledged, {"acknowledge"}},
        {State::investigating, {"acknowledge", "determine-responsibility"}},
        {State::proposed, {"acknowledge", "propose"}},
        {State::agreed, {"acknowledge", "propose", "accept"}},
        {State::executing, {"acknowledge", "propose", "accept", "add-work-order"}},
        {State::resolved, {"acknowledge", "propose", "accept", "resolve"}},
        {State::closed, {"acknowledge", "propose", "accept", "resolve", "close"}},
        {State::waiting, {"acknowledge", "wait-for-customer"}},
        {State::withdrawn, {"withdraw"}},
        {State::archived, {"acknowledge", "propose", "accept", "resolve", "close", "archive"}},
    };
    return p;
}

Complaint complaint_in(State state) {
    Complaint c = new_complaint(sample_intake(), shipped_domain(), kStart, "intake");
    c.doc()["number"] = "CP-20261123-000001";
    int minute = 1;
    for (const auto& action : paths().at(state))
        apply_action(c, action, sample_params(action), at_minute(minute++));
    REQUIRE(c.state() == state);
    return c;
}

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

}  // namespace

TEST_CASE(
    "every action in every state: allowed, or refused naming the state and the allowed actions",
    "[lifecycle]") {
    for (State state : kStates) {
        for (const auto& action : action_names()) {
            Complaint c = complaint_in(state);
            std::string where = std::string(name(state)) + " x " + action;
            INFO(where);
            if (is_allowed(action, state)) {
                try {
                    apply_action(c, action, sample_params(action), at_minute(100));
                    CHECK(c.version() == static_cast<std::int64_t>(paths().at(state).size()) + 2);
                } catch (const DomainError& e) {
                    // Allowed in the state, but a precondition of the record refuses it (never a
                    // conflict).
                    CHECK(e.kind() != DomainError::Kind::conflict);
                    CHECK(where == "executing x resolve");  // work order 1 is still open
                }
            } else {
                try {
                    apply_action(c, action, sample_params(action), at_minute(100));
                    FAIL("allowed: " << where);
                } catch (const DomainError& e) {
                    CHECK(e.kind() == DomainError::Kind::conflict);
                    CHECK(e.state() == name(state));
                    CHECK(e.allowed() == allowed_actions(state));
                    auto allowed = allowed_actions(state);
                    CHECK(std::string(e.what()) ==
                          "cannot " + action + " complaint CP-20261123-000001 in state " +
                              std::string(name(state)) +
                              "; allowed there: " + (allowed.empty() ? "none" : joined(allowed)));
                    CHECK(c.state() == state);  // nothing changed
                }
            }
        }
    }
}

TEST_CASE("the actions allowed in a few states, spelled out", "[lifecycle]") {
    using V = std::vector<std::string>;
    CHECK(allowed_actions(State::closed) ==
          V{"note", "notify", "contact", "survey", "reopen", "archive", "closure-report"});
    CHECK(allowed_actions(State::archived).empty());
    CHECK(allowed_actions(State::proposed) == V{"assign", "note", "notify", "contact", "accept",
                                                "reject", "escalate", "wait-for-customer",
                                                "withdraw"});
    CHECK(allowed_actions(State::waiting) ==
          V{"classify", "assign", "note", "notify", "contact", "escalate", "resume", "withdraw"});
}

TEST_CASE("a new complaint: record, missing facts, owner, SLA", "[lifecycle][intake]") {
    auto input = sample_intake("urgent");
    input["customer"].erase("phone");
    input.erase("demand");
    input["category"] = "product.safety";
    Complaint c = new_complaint(input, shipped_domain(), kStart, "agent.li");
    CHECK(c.state() == State::received);
    CHECK(c.doc()["missing_fields"] ==
          json({"customer.contact", "demand"}));  // D4: flagged, not refused
    CHECK(c.team() == "quality");                 // the most specific rule: product.safety
    CHECK(c.owner() == "quality.duty");
    CHECK(c.doc()["received_by"] == "agent.li");
    CHECK(c.doc()["customer"]["type"] == "individual");
    CHECK(c.next_due() == shanghai("2026-11-23 12:00"));

    auto plain = sample_intake();
    plain.erase("priority");
    Complaint d = new_complaint(plain, shipped_domain(), kStart, "intake");
    CHECK(d.priority() == Priority::normal);
    CHECK(d.owner() == "cs.duty");  // unclassified: the matrix's fallback
    CHECK(d.customer_id() == "phone:+8613800138000");
    CHECK(d.doc()["missing_fields"].empty());
}

TEST_CASE("malformed intake names every bad field", "[lifecycle][intake]") {
    json input = {{"channel", "fax"},
                  {"customer", {{"email", "not-an-address"}, {"type", "robot"}}},
                  {"priority", "whenever"},
                  {"category", "weather"},
                  {"purchased_at", "last tuesday"},
                  {"colour", "red"},
                  {"tags", {1}}};
    try {
        new_complaint(input, shipped_domain(), kStart, "intake");
        FAIL("accepted");
    } catch (const DomainError& e) {
        REQUIRE(e.kind() == DomainError::Kind::invalid);
        std::map<std::string, std::string> fields;
        for (const auto& f : e.fields()) fields[f.field] = f.message;
        CHECK(
            fields["/channel"] ==
            "must be one of phone, email, web_form, chat, social_media, walk_in, api, got \"fax\"");
        CHECK(fields["/customer/email"] == "is not an e-mail address");
        CHECK(fields["/customer/type"] == "must be one of individual, enterprise, got \"robot\"");
        CHECK(fields["/priority"] == "must be one of urgent, normal, low, got \"whenever\"");
        CHECK(fields["/category"] == "unknown category \"weather\"");
        CHECK(fields["/purchased_at"] == "expected a time like 2026-11-23T10:00:00+08:00");
        CHECK(fields["/colour"] == "unknown field");
        CHECK(fields["/tags/0"] == "expected a non-empty string");
        CHECK(fields["/description"] == "required (say what happened, or at least give a subject)");
    }
}

TEST_CASE(
    "the whole loop: rejected, revised, agreed, executed, closed, dissatisfied, second handling",
    "[lifecycle]") {
    Complaint c = complaint_in(State::acknowledged);
    int m = 10;
    auto act = [&](const std::string& action, json params) {
        apply_action(c, action, params, at_minute(m++));
    };
    act("classify", {{"category", "product.fault"}});
    CHECK(c.team() == "technical_support");  // the matrix re-routes what it had routed
    CHECK(c.owner() == "tech.lead");
    act("determine-responsibility",
        {{"party", "product_quality"}, {"reasoning", "inlet hose cracked"}});
    act("propose", {{"type", "repair"},
                    {"description", "replace the hose"},
                    {"deadline", "2026-12-01T18:00:00+08:00"}});
    act("reject", {{"reason", "wants a new machine"}});
    CHECK(c.state() == State::investigating);
    act("propose", {{"type", "replace"},
                    {"description", "new machine"},
                    {"deadline", "2026-12-05T18:00:00+08:00"}});
    act("accept", {{"confirmed_by", "张伟"}, {"channel", "phone"}});
    CHECK(c.doc()["proposals"][0]["status"] == "rejected");
    CHECK(c.doc()["proposals"][0]["rejection"]["reason"] == "wants a new machine");
    CHECK(c.doc()["proposals"][1]["status"] == "accepted");
    CHECK(c.doc()["proposals"][1]["confirmation"]["confirmed_by"] == "张伟");
    act("add-work-order", {{"kind", "shipment"},
                           {"department", "logistics"},
                           {"owner", "wang.fang"},
                           {"due_at", "2026-12-04T18:00:00+08:00"}});
    CHECK_THROWS_WITH(act("resolve", {{"summary", "done"}}),
                      "/summary: work orders still open: 1 (finish or cancel them first)");
    CHECK_THROWS_WITH(
        act("update-work-order", {{"work_order", 1}, {"due_at", "2026-12-06T18:00:00+08:00"}}),
        "/delay_reason: required when the due date moves (D13)");
    act("update-work-order", {{"work_order", 1}, {"status", "done"}, {"note", "delivered"}});
    act("resolve", {{"summary", "new machine delivered and installed"}});
    act("close", {{"customer_confirmed", true}, {"channel", "phone"}});
    CHECK(c.state() == State::closed);
    act("survey", {{"score", 2}, {"comment", "took too long"}});
    // D18: dissatisfied -> second handling under the team's supervisor, with fresh plan and
    // resolution targets.
    CHECK(c.state() == State::investigating);
    CHECK(c.doc()["handling_round"] == 2);
    CHECK(c.doc()["supervisor"] == "tech.supervisor");
    CHECK(c.doc()["surveys"][0]["score"] == 2);
    CHECK(c.next_due().has_value());
}

TEST_CASE("closure needs the customer's confirmation", "[lifecycle]") {
    Complaint c = complaint_in(State::resolved);
    CHECK_THROWS_WITH(apply_action(c, "close", {{"customer_confirmed", false}}, at_minute(50)),
                      "/customer_confirmed: closure needs the customer's confirmation (D16); "
                      "reopen or keep handling "
                      "instead");
    CHECK(c.state() == State::resolved);
}
