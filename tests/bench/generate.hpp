// The data generator of the benchmarks: realistic complaints (channels,
// categories, priorities, Chinese and English text, full lifecycles with their
// events) written straight through the storage layer in large transactions, so
// a million take minutes, not hours. Every complaint is built by the same domain
// code the host runs (new_complaint, apply_action), so documents, events, SLA
// checkpoints and report facts are what the host itself would have stored.
#pragma once

#include <cstdint>

#include "domain/catalogue.hpp"
#include "storage/database.hpp"

namespace redress::bench {

struct GenerateOptions {
    std::int64_t complaints = 1000;
    double open_share = 0.2;  // left open somewhere in the procedure
    domain::Time until;       // received over the year before this
    std::uint32_t seed = 42;
    // Open complaints received this recently keep their SLA checkpoints in the
    // future (0: anywhere in the year, so most open ones are long overdue).
    std::int64_t open_within_hours = 0;
};

struct GenerateResult {
    std::int64_t complaints = 0, events = 0;
    double seconds = 0;
};

GenerateResult generate(storage::Database& db, const domain::DomainConfig& config,
                        const GenerateOptions& options);

}  // namespace redress::bench
