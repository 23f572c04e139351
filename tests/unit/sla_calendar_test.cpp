// The SLA clock on China's 2026 business calendar (D7): business hours,
// weekends, public holidays, make-up working days, pauses, and midnight in
// Asia/Shanghai.
#include <catch2/catch.hpp>

#include "domain/actions.hpp"
#include "domain/complaint.hpp"
#include "domain/sla_clock.hpp"
#include "domain_fixture.hpp"

using namespace redress::domain;
using redress::test::sample_intake;
using redress::test::shanghai;
using redress::test::shipped_domain;

namespace {

Complaint received(const std::string& priority, const std::string& local_time) {
    return new_complaint(sample_intake(priority), shipped_domain(), shanghai(local_time), "test");
}

std::string due(const Complaint& c, Milestone m) {
    auto t = sla_clock::due(c, m);
    return t ? format_time(*t) : "none";
}

std::string utc(const std::string& local) {
    return format_time(shanghai(local));
}

}  // namespace

TEST_CASE("urgent at 10:00 on a working day: response by 12:00, plan 24 business hours later",
          "[sla]") {
    auto c = received("urgent", "2026-11-23 10:00");  // a Monday
    CHECK(due(c, Milestone::first_response) == utc("2026-11-23 12:00"));
    // Mon 10-18 (8h) + Tue 9-18 (9h) + Wed 9-16 (7h) = 24 business hours.
    CHECK(due(c, Milestone::solution_plan) == utc("2026-11-25 16:00"));
    CHECK(c.next_due() == shanghai("2026-11-23 12:00"));
}

TEST_CASE("low on a Friday afternoon: 3 working days later, skipping the weekend", "[sla]") {
    auto c = received("low", "2026-11-20 15:00");  // a Friday
    CHECK(due(c, Milestone::first_response) == utc("2026-11-25 15:00"));
    CHECK(due(c, Milestone::solution_plan) == "none");  // D7: low has no plan target
}

TEST_CASE("a complaint on 30 September 2026 skips the National Day holiday", "[sla]") {
    auto low = received("low", "2026-09-30 10:00");
    // Oct 1-7 are holidays; Oct 8 (Thu), Oct 9 (Fri) and the make-up Saturday Oct 10 are worked.
    CHECK(due(low, Milestone::first_response) == utc("2026-10-10 10:00"));
    auto normal = received("normal", "2026-09-30 10:00");
    // Sep 30 10-18 (8h), Oct 8 9-18 (9h), Oct 9 9-16 (7h).
    CHECK(due(normal, Milestone::first_response) == utc("2026-10-09 16:00"));
}

TEST_CASE("a make-up working day counts, a holiday on a weekday does not", "[sla]") {
    auto sunday = received("urgent", "2026-09-20 10:00");  // make-up Sunday
    CHECK(due(sunday, Milestone::first_response) == utc("2026-09-20 12:00"));
    auto holiday = received("urgent", "2026-10-05 10:00");  // a Monday inside National Day
    CHECK(due(holiday, Milestone::first_response) == utc("2026-10-08 11:00"));
    const auto& cal = shipped_domain().sla.calendar();
    CHECK(cal.is_working_day(cctz::civil_day(2026, 2, 14)));         // Saturday, make-up
    CHECK_FALSE(cal.is_working_day(cctz::civil_day(2026, 2, 23)));   // Monday, Spring Festival
    CHECK_FALSE(cal.is_working_day(cctz::civil_day(2026, 11, 22)));  // an ordinary Sunday
}

TEST_CASE("pausing stops the clock; resuming shifts due times by the paused business time",
          "[sla]") {
    const auto& config = shipped_domain();
    auto c = received("normal", "2026-11-23 10:00");
    // 48 business hours from Monday 10:00: Mon 8, Tue-Fri 9 each (44), next Monday 9-13.
    REQUIRE(due(c, Milestone::solution_plan) == utc("2026-11-30 13:00"));
    apply_action(c, "acknowledge", {}, {shanghai("2026-11-23 10:05"), "agent", config});
    apply_action(c, "wait-for-customer", {{"reason", "waiting for photos of the leak"}},
                 {shanghai("2026-11-23 14:00"), "agent", config});
    CHECK(c.state() == State::waiting);
    CHECK_FALSE(c.next_due().has_value());  // nothing runs while paused
    apply_action(c, "resume", {}, {shanghai("2026-11-24 11:00"), "agent", config});
    CHECK(c.state() == State::acknowledged);
    // Paused Mon 14-18 (4h) and Tue 9-11 (2h): 6 business hours later.
    CHECK(due(c, Milestone::solution_plan) == utc("2026-12-01 10:00"));
    CHECK(c.doc()["sla"]["paused_ms"] == 6 * 3600 * 1000);
}

TEST_CASE("times around midnight in Asia/Shanghai", "[sla]") {
    const auto& cal = shipped_domain().sla.calendar();
    // 00:30 on the 24th in Shanghai is still the 23rd in UTC: the business day is the 24th.
    Time early = shanghai("2026-11-24 00:30");
    CHECK(format_time(early) == "2026-11-23T16:30:00.000Z");
    CHECK(cal.local_day(early) == cctz::civil_day(2026, 11, 24));
    CHECK(format_complaint_number(cal.local_day(early), 42) == "CP-20261124-000042");
    // Received late at night: the 2 hours start at 09:00 the next working day.
    auto late = received("urgent", "2026-11-23 23:30");
    CHECK(due(late, Milestone::first_response) == utc("2026-11-24 11:00"));
    auto after_midnight = received("urgent", "2026-11-24 00:30");
    CHECK(due(after_midnight, Milestone::first_response) == utc("2026-11-24 11:00"));
    // Business time across a night counts only working hours.
    CHECK(cal.business_time_between(shanghai("2026-11-23 17:00"), shanghai("2026-11-24 10:00")) ==
          std::chrono::hours(2));
}

TEST_CASE("per-category targets override the priority's", "[sla]") {
    auto input = sample_intake("normal");
    input["category"] = "product.safety";
    auto c = new_complaint(input, shipped_domain(), shanghai("2026-11-23 10:00"), "test");
    CHECK(due(c, Milestone::first_response) == utc("2026-11-23 14:00"));  // 4h instead of 24h
}

TEST_CASE("reclassifying the priority reschedules unmet milestones", "[sla]") {
    const auto& config = shipped_domain();
    auto c = received("low", "2026-11-23 10:00");
    apply_action(c, "classify", {{"priority", "urgent"}},
                 {shanghai("2026-11-23 10:30"), "agent", config});
    CHECK(due(c, Milestone::first_response) == utc("2026-11-23 12:00"));
    CHECK(due(c, Milestone::solution_plan) == utc("2026-11-25 16:00"));
}

TEST_CASE("calendar and SLA files with mistakes are refused with the pointer", "[sla][config]") {
    using nlohmann::json;
    CHECK_THROWS_WITH(BusinessCalendar::from_json(json{{"time_zone", "Mars/Olympus"}}),
                      "/time_zone: unknown time zone \"Mars/Olympus\" (is tzdata installed?)");
    CHECK_THROWS_WITH(
        BusinessCalendar::from_json(json{{"working_hours", {{"monday", {"18:00-09:00"}}}}}),
        "/working_hours/monday/0: the interval ends before it starts");
    CHECK_THROWS_WITH(BusinessCalendar::from_json(json{{"holidays", {{{"from", "2026-02-30"}}}}}),
                      "/holidays/0/from: no such date 2026-02-30");
    CHECK_THROWS_WITH(
        SlaPolicy::from_json(json{{"targets", {{"urgent", {{"first_response", "2 hours"}}}}}},
                             BusinessCalendar::standard("UTC")),
        "/targets/urgent/first_response: expected a duration like \"2h\", \"90m\" or \"3d\", or "
        "null");
}

TEST_CASE("D15: a progress update is owed every 3 working days until the work is done", "[sla]") {
    const auto& config = shipped_domain();
    auto c = received("normal", "2026-11-23 10:00");  // a Monday
    auto progress_due = [&] {
        const auto& at = c.doc()["sla"]["progress_due_at"];
        return at.is_string() ? at.get<std::string>() : std::string("none");
    };
    auto owed = [&](const std::string& local) {
        for (const auto& k : sla_clock::due_checkpoints(c, shanghai(local)))
            if (k.kind == "progress") return true;
        return false;
    };
    CHECK(progress_due() == utc("2026-11-26 10:00"));
    CHECK_FALSE(owed("2026-11-26 09:59"));
    CHECK(owed("2026-11-26 10:00"));
    // Whatever tells the customer something starts the interval again...
    apply_action(c, "acknowledge", {}, {shanghai("2026-11-24 10:00"), "agent", config});
    CHECK(progress_due() == utc("2026-11-27 10:00"));
    apply_action(c, "contact",
                 {{"channel", "phone"}, {"summary", "called back"}, {"direction", "outbound"}},
                 {shanghai("2026-11-25 10:00"), "agent", config});
    CHECK(progress_due() == utc("2026-11-30 10:00"));  // over the weekend
    // ...what the customer told us does not.
    apply_action(c, "contact",
                 {{"channel", "phone"}, {"summary", "asked again"}, {"direction", "inbound"}},
                 {shanghai("2026-11-26 10:00"), "agent", config});
    CHECK(progress_due() == utc("2026-11-30 10:00"));
    // Nothing is owed while we wait for the customer (the clock is paused).
    apply_action(c, "wait-for-customer", {{"reason", "photos"}},
                 {shanghai("2026-11-26 11:00"), "agent", config});
    CHECK_FALSE(owed("2026-12-10 10:00"));
    apply_action(c, "resume", {}, {shanghai("2026-11-27 10:00"), "agent", config});
    CHECK(progress_due() == utc("2026-12-02 10:00"));
    // Once the work is done, the closure is the last word.
    apply_action(
        c, "propose",
        {{"type", "repair"}, {"description", "fix"}, {"deadline", utc("2026-12-30 18:00")}},
        {shanghai("2026-11-27 11:00"), "agent", config});
    apply_action(c, "accept", {{"confirmed_by", "customer"}},
                 {shanghai("2026-11-27 12:00"), "agent", config});
    apply_action(c, "resolve", {{"summary", "fixed"}},
                 {shanghai("2026-11-27 13:00"), "agent", config});
    CHECK(progress_due() == "none");
    CHECK_FALSE(owed("2027-01-10 10:00"));
}

TEST_CASE("D15: progress updates can be spaced differently or turned off", "[sla][config]") {
    using nlohmann::json;
    json doc = {
        {"targets",
         {{"urgent", {{"first_response", "2h"}, {"solution_plan", "24h"}, {"resolution", "3d"}}},
          {"normal", {{"first_response", "2h"}, {"solution_plan", "24h"}, {"resolution", "3d"}}},
          {"low", {{"first_response", "2h"}, {"solution_plan", "24h"}, {"resolution", "3d"}}}}}};
    auto calendar = BusinessCalendar::standard("Asia/Shanghai");
    CHECK(SlaPolicy::from_json(doc, calendar).progress_every()->text == "3d");
    doc["progress_every"] = "24h";
    CHECK(SlaPolicy::from_json(doc, calendar).progress_every()->text == "24h");
    doc["progress_every"] = nullptr;
    CHECK_FALSE(SlaPolicy::from_json(doc, calendar).progress_every().has_value());
    doc["progress_every"] = "weekly";
    CHECK_THROWS_WITH(SlaPolicy::from_json(doc, calendar),
                      "/progress_every: expected a duration like \"3d\" or \"24h\", or null");
}
