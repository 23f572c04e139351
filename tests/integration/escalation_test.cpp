// escalation_sla loaded from disk, driven by a clock the test controls: the
// warning at 80 % of the allowed time, the breach, the ladder one rung per step,
// the pause while waiting for the customer, and urgent complaints telling the
// on-duty supervisor at once (D8, D14).
#include <catch2/catch.hpp>

#include "config/host_config.hpp"
#include "core/complaint_service.hpp"
#include "core/escalation.hpp"
#include "core/outbox_dispatcher.hpp"
#include "core/runtime.hpp"
#include "domain_fixture.hpp"
#include "host_process.hpp"
#include "plugin_rig.hpp"
#include "test_database.hpp"

using namespace redress;
using namespace redress::test;
using nlohmann::json;

namespace {

struct EscalationRig {
    TestDatabase t{"sqlite"};
    domain::ManualClock clock{shanghai("2026-11-23 10:00")};  // a Monday
    std::unique_ptr<plugins::PluginManager> plugins;
    std::unique_ptr<core::ComplaintService> service;
    std::unique_ptr<core::OutboxDispatcher> outbox;
    std::unique_ptr<core::SlaSweep> sweep;

    json instances;

    explicit EscalationRig(json settings = json::object(),
                           const std::string& plugin = "escalation_sla")
        : instances(json::array({{{"name", "sla"},
                                  {"plugin", plugin},
                                  {"kind", "escalation"},
                                  {"settings", settings}}})) {
        start();
    }
    ~EscalationRig() { plugins->shutdown(); }

    // The host stopped and started again on the same data.
    void restart() {
        sweep.reset();
        outbox.reset();
        service.reset();
        plugins->shutdown();
        plugins.reset();
        start();
    }
    void start() {
        plugins = start_plugins(t.dir().path(), instances);
        service = std::make_unique<core::ComplaintService>(t.db(), shipped_domain(), clock,
                                                           core::notifier_subscribers(*plugins));
        outbox =
            std::make_unique<core::OutboxDispatcher>(t.db(), *plugins, clock, core::OutboxPolicy{});
        outbox->set_escalation_handler(core::event_escalation(*service));
        sweep = std::make_unique<core::SlaSweep>(*service, core::running_escalations(*plugins),
                                                 std::chrono::seconds(30));
    }

    // Moves the clock to a Shanghai time, hands events over and sweeps.
    int at(const std::string& local) {
        clock.set(shanghai(local));
        outbox->deliver_due();
        int fired = sweep->sweep_once();
        outbox->deliver_due();
        return fired;
    }
    json doc(const std::string& number) { return service->find(number)->complaint.doc(); }
    std::vector<std::string> actions(const std::string& number) {
        std::vector<std::string> out;
        auto record = service->find(number);
        for (const auto& e : record->events) out.push_back(e.action + "/" + e.actor);
        return out;
    }
};

json entries(const json& doc, const std::string& kind) {
    json out = json::array();
    for (const auto& e : doc["log"])
        if (e["kind"] == kind) out.push_back(e);
    return out;
}

}  // namespace

TEST_CASE("escalation_sla: warning, breach and the ladder on the SLA clock", "[escalation]") {
    EscalationRig rig;
    auto number = rig.service->create(sample_intake("normal"), "agent").number();
    json d = rig.doc(number);
    // Normal: first response within 24 working hours; warned at 80 % of them.
    std::string due = d["sla"]["milestones"]["first_response"]["due_at"];
    std::string warn = d["sla"]["milestones"]["first_response"]["warn_at"];
    CHECK(warn < due);

    CHECK(rig.at("2026-11-23 12:00") == 0);
    rig.clock.set(*domain::parse_time(warn) - std::chrono::seconds(1));
    CHECK(rig.sweep->sweep_once() == 0);
    rig.clock.set(*domain::parse_time(warn));
    CHECK(rig.sweep->sweep_once() == 1);
    json warned = rig.doc(number);
    REQUIRE(entries(warned, "notification").size() == 1);
    CHECK(entries(warned, "notification")[0]["to"] == warned["owner"]);
    CHECK(entries(warned, "notification")[0]["reason"] == "sla_warning");
    CHECK(rig.sweep->sweep_once() == 0);  // a checkpoint fires once

    // The breach: the team lead at once, the department head four hours later.
    rig.clock.set(*domain::parse_time(due));
    CHECK(rig.sweep->sweep_once() == 1);
    json breached = rig.doc(number);
    CHECK(breached["escalation_level"] == 1);
    CHECK(breached["escalations"][0]["to"] == "cs.lead");
    CHECK(breached["escalations"][0]["reason"] == "sla_breach");
    CHECK(!breached["sla"]["follow_up_at"].is_null());
    rig.clock.advance(std::chrono::hours(3));
    CHECK(rig.sweep->sweep_once() == 0);
    rig.clock.advance(std::chrono::hours(1));
    CHECK(rig.sweep->sweep_once() == 1);
    json higher = rig.doc(number);
    CHECK(higher["escalation_level"] == 2);
    CHECK(higher["escalations"][1]["to"] == "cs.head");

    // Met at last: the next rung does not come.
    rig.service->act(number, "acknowledge", json::object(), "agent");
    rig.service->act(number, "contact",
                     {{"channel", "phone"}, {"summary", "called back"}, {"direction", "outbound"}},
                     "agent");
    rig.clock.advance(std::chrono::hours(25));
    rig.sweep->sweep_once();
    CHECK(rig.doc(number)["escalation_level"] == 2);

    auto trail = rig.actions(number);
    CHECK(std::count(trail.begin(), trail.end(), "sla-warning/clock") == 1);
    CHECK(std::count(trail.begin(), trail.end(), "sla-breach/clock") == 1);
    CHECK(std::count(trail.begin(), trail.end(), "escalate/sla") == 2);
}

TEST_CASE("escalation_sla: waiting for the customer stops the clock", "[escalation]") {
    EscalationRig rig;
    auto number = rig.service->create(sample_intake("urgent"), "agent").number();
    rig.service->act(number, "acknowledge", json::object(), "agent");
    rig.service->act(number, "wait-for-customer", {{"reason", "sending photos"}}, "agent");
    CHECK(rig.at("2026-11-23 18:00") == 0);  // long past the urgent two hours: paused
    CHECK(rig.doc(number)["escalation_level"] == 0);
    rig.service->act(number, "resume", json::object(), "agent");
    json resumed = rig.doc(number);
    // Resumed at 18:00 (after hours): the remaining time runs from the next working morning.
    CHECK(resumed["sla"]["milestones"]["solution_plan"]["due_at"] > "2026-11-24");
    CHECK(rig.at("2026-11-26 18:00") >= 1);
    CHECK(rig.doc(number)["escalation_level"].get<int>() >= 1);
}

TEST_CASE("an event's trigger, written from the stored texts, is the complaint's trigger",
          "[escalation]") {
    EscalationRig rig;
    json input = sample_intake("urgent");
    input["description"] = "漏水 \"quoted\" \\ and\ta tab";
    auto number = rig.service->create(input, "agent \"li\"").number();
    auto record = rig.service->find(number);
    REQUIRE(record);
    const auto& created = record->events.at(0);
    core::EventDelivery e{created.id,
                          created.seq,
                          "complaint." + created.action,
                          created.number,
                          created.actor,
                          domain::format_time(created.at),
                          created.changes.dump(),
                          record->complaint.doc().dump(),
                          record->complaint.team()};
    json event = json::parse(e.event_json());
    CHECK(event["actor"] == "agent \"li\"");
    CHECK(event["type"] == "complaint.created");
    CHECK_FALSE(event.contains("complaint"));
    json trigger = json::parse(rig.service->event_trigger(e));
    CHECK(trigger ==
          rig.service->trigger_for(record->complaint, {{"trigger", "event"}, {"event", event}}));
    CHECK(trigger["team"]["head"] == "cs.head");
    CHECK(trigger["complaint"]["description"] == input["description"]);
    // What a notifier receives: the same event with the complaint beside it.
    json document = json::parse(e.document());
    CHECK(document["complaint"] == record->complaint.doc());
    document.erase("complaint");
    CHECK(document == event);
}

TEST_CASE("escalation_sla: an urgent complaint tells the on-duty supervisor at once (D8)",
          "[escalation]") {
    EscalationRig rig(json{{"on_duty_supervisor", "duty.supervisor"}});
    auto urgent = rig.service->create(sample_intake("urgent"), "agent").number();
    auto normal = rig.service->create(sample_intake("normal"), "agent").number();
    rig.at("2026-11-23 10:00");
    json told = entries(rig.doc(urgent), "notification");
    REQUIRE(told.size() == 1);
    CHECK(told[0]["to"] == "duty.supervisor");
    CHECK(told[0]["reason"] == "urgent");
    CHECK(entries(rig.doc(normal), "notification").empty());
    rig.at("2026-11-23 10:01");  // its own notification is not handed back to it: no loop
    CHECK(entries(rig.doc(urgent), "notification").size() == 1);
}

TEST_CASE(
    "escalation_sla: a work order behind two days before its date has the customer told "
    "(D13)",
    "[escalation]") {
    EscalationRig rig;
    auto number = rig.service->create(sample_intake("normal"), "agent").number();
    rig.service->act(number, "acknowledge", json::object(), "agent");
    rig.service->act(number, "contact",
                     {{"channel", "phone"}, {"summary", "called"}, {"direction", "outbound"}},
                     "agent");
    rig.service->act(number, "propose",
                     {{"type", "repair"},
                      {"description", "replace the pump"},
                      {"deadline", "2026-12-01T18:00:00+08:00"}},
                     "agent");
    rig.service->act(number, "accept", {{"confirmed_by", "customer"}, {"channel", "phone"}},
                     "agent");
    rig.service->act(number, "add-work-order",
                     {{"kind", "repair"},
                      {"department", "service"},
                      {"owner", "tech.wu"},
                      {"due_at", "2026-11-30T10:00:00+08:00"}},
                     "agent");
    rig.at("2026-11-23 10:05");  // the add-work-order event asks for a follow-up
    CHECK(rig.doc(number)["sla"]["follow_up_at"] == "2026-11-28T02:00:00.000Z");
    rig.at("2026-11-28 10:00");
    json told = entries(rig.doc(number), "notification");
    REQUIRE(!told.empty());
    CHECK(told.back()["reason"] == "work_order_delay");
    CHECK_THAT(told.back()["message"].get<std::string>(), Catch::Contains("tell the customer"));
}

TEST_CASE("escalation_repeat: repeats, complaints reopened twice and groups go up (D14)",
          "[escalation]") {
    EscalationRig rig(json{{"group_threshold", 3}, {"group_by", {"product"}}}, "escalation_repeat");
    auto intake = [](const std::string& phone, const std::string& product) {
        json i = sample_intake("normal");
        i["customer"]["phone"] = phone;
        i["product"] = product;
        i["category"] = "product.fault";
        return i;
    };
    auto first = rig.service->create(intake("13900000001", "TV-55"), "agent").number();
    auto repeat = rig.service->create(intake("13900000001", "TV-55"), "agent").number();
    rig.at("2026-11-23 10:01");
    CHECK(rig.doc(first)["escalation_level"] == 0);
    json repeated = rig.doc(repeat);
    REQUIRE(repeated["escalations"].size() == 1);
    CHECK(repeated["escalations"][0]["reason"] == "repeat");
    CHECK(repeated["escalations"][0]["to"] == "tech.supervisor");  // product -> technical support

    // Three complaints on one product within the window: a group complaint.
    auto third = rig.service->create(intake("13900000003", "TV-55"), "agent").number();
    rig.at("2026-11-23 10:02");
    json grouped = rig.doc(third);
    REQUIRE(grouped["escalations"].size() == 1);
    CHECK(grouped["escalations"][0]["reason"] == "group");
    CHECK(grouped["escalations"][0]["to"] == "management");
    CHECK_THAT(grouped["escalations"][0]["detail"].get<std::string>(),
               Catch::Contains("3 complaints on product \"TV-55\""));

    // The group goes up again when it has doubled, not with every complaint.
    std::vector<std::string> later;
    for (const char* phone : {"13900000004", "13900000005", "13900000006"})
        later.push_back(rig.service->create(intake(phone, "TV-55"), "agent").number());
    rig.at("2026-11-23 10:03");
    CHECK(rig.doc(later[0])["escalations"].empty());
    CHECK(rig.doc(later[1])["escalations"].empty());
    json doubled = rig.doc(later[2]);
    REQUIRE(doubled["escalations"].size() == 1);
    CHECK(doubled["escalations"][0]["reason"] == "group");
    CHECK_THAT(doubled["escalations"][0]["detail"].get<std::string>(),
               Catch::Contains("6 complaints on product \"TV-55\""));

    // A restart remembers the group and that it went up at 6.
    rig.restart();
    auto seventh = rig.service->create(intake("13900000007", "TV-55"), "agent").number();
    rig.at("2026-11-23 10:04");
    CHECK(rig.doc(seventh)["escalations"].empty());
    auto forming = rig.service->create(intake("13900000010", "TV-65"), "agent").number();
    forming = rig.service->create(intake("13900000011", "TV-65"), "agent").number();
    rig.at("2026-11-23 10:05");
    CHECK(rig.doc(forming)["escalations"].empty());
    rig.restart();
    auto third_65 = rig.service->create(intake("13900000012", "TV-65"), "agent").number();
    rig.at("2026-11-23 10:06");
    REQUIRE(rig.doc(third_65)["escalations"].size() == 1);
    CHECK_THAT(rig.doc(third_65)["escalations"][0]["detail"].get<std::string>(),
               Catch::Contains("3 complaints on product \"TV-65\""));

    // Reopened twice: the department head.
    auto n = rig.service->create(intake("13900000009", "WM-X1"), "agent").number();
    auto round = [&](const std::string& reopen_reason) {
        rig.service->act(
            n, "propose",
            {{"type", "repair"}, {"description", "fix"}, {"deadline", "2026-12-30T18:00:00+08:00"}},
            "agent");
        rig.service->act(n, "accept", {{"confirmed_by", "customer"}}, "agent");
        rig.service->act(n, "resolve", {{"summary", "fixed"}}, "agent");
        rig.service->act(n, "reopen", {{"reason", reopen_reason}}, "agent");
    };
    rig.service->act(n, "acknowledge", json::object(), "agent");
    round("still broken");
    rig.at("2026-11-23 11:00");
    CHECK(rig.doc(n)["escalations"].empty());
    round("broken again");
    rig.at("2026-11-23 12:00");
    json twice = rig.doc(n);
    REQUIRE(twice["escalations"].size() == 1);
    CHECK(twice["escalations"][0]["reason"] == "unresolved");
    CHECK(twice["escalations"][0]["to"] == "tech.head");
}
