#pragma once

#include <string>
#include <vector>

#include "domain/complaint.hpp"
#include "domain/sla.hpp"

namespace redress::domain::sla_clock {

// The running SLA of a complaint lives in its document under "sla":
//   {"base": <start>, "paused_at": null|<time>, "paused_ms": <business ms paused>,
//    "follow_up_at": null|<time>, "progress_due_at": null|<time>,
//    "milestones": {"first_response": {"target": "2h", "warn_at": ..., "due_at": ...,
//                                      "met_at": null, "warned_at": null, "breached_at": null}}}
// warn_at is the policy's warning share of the allowed time; warned_at and
// breached_at record that the clock fired (once each).

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

// The customer was told how the complaint stands (D15): the next progress
// update is due one policy interval from `now`.
void progress_told(Complaint& c, const SlaPolicy& policy, Time now);
// No more progress updates: the work is done.
void progress_stop(Complaint& c);

// A moment the clock must act on: a milestone's warning or breach, a
// follow-up an escalation policy asked for, or a progress update owed.
struct Checkpoint {
    std::string kind;       // "warning", "breach", "follow_up" or "progress"
    std::string milestone;  // "" for a follow-up
    Time at;
};
// The checkpoints due at `now` that have not fired (none while paused).
std::vector<Checkpoint> due_checkpoints(const Complaint& c, Time now);
// Records that a checkpoint fired, so it never fires again.
void fire(Complaint& c, const Checkpoint& checkpoint, Time now);
// The earliest checkpoint still to fire (the sweep's index), if any.
std::optional<Time> next_check(const Complaint& c);
// Asks the clock to fire a follow-up at `at` (an escalation ladder's next step).
void follow_up(Complaint& c, Time at);

}  // namespace redress::domain::sla_clock
