#pragma once

#include "domain/complaint.hpp"
#include "domain/sla.hpp"

namespace redress::domain::sla_clock {

// The running SLA of a complaint lives in its document under "sla":
//   {"base": <start>, "paused_at": null|<time>, "paused_ms": <business ms paused>,
//    "milestones": {"first_response": {"target": "2h", "due_at": ..., "met_at": null}, ...}}

// Sets every unmet milestone's due time from the policy for the complaint's
// current priority and category: base + target, shifted by the paused business time.
void schedule(Complaint& c, const SlaPolicy& policy);
// Starts over from `base` (second handling): the given milestones become unmet again.
void restart(Complaint& c, const SlaPolicy& policy, Time base,
             std::initializer_list<Milestone> milestones);
// Marks a milestone met (the first time only).
void meet(Complaint& c, Milestone m, Time now);
// Stops every running milestone.
void pause(Complaint& c, Time now);
// Restarts them, shifted by the business time spent paused.
void resume(Complaint& c, const SlaPolicy& policy, Time now);
// The due time of a milestone, if it applies and is unmet.
std::optional<Time> due(const Complaint& c, Milestone m);

}  // namespace redress::domain::sla_clock
