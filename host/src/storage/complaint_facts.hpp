#pragma once

#include <cstdint>

#include "domain/complaint.hpp"

namespace soci {
class session;
}

namespace redress::storage::facts {

// The figures reports aggregate, one row per complaint in complaint_facts, kept
// by every write of the complaint so that analysis runs as SQL in the database:
// product, region, closure time and handling time, handling round, escalation
// level, first survey score, first-line resolution, and per SLA milestone
// whether it was met on time (1), late (0) or is still running (NULL).
void upsert(soci::session& s, std::int64_t complaint_id, const domain::Complaint& c);

// Writes the facts of complaints stored before this version of them existed.
// Returns how many rows it wrote.
int backfill(soci::session& s);

}  // namespace redress::storage::facts
