#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace soci {
class session;
}

namespace redress::storage {

// What an analysis report asks for: complaints received in [from, to) (Unix
// milliseconds), optionally only one category (and its subcategories), channel,
// team or product.
struct StatisticsRequest {
    long long from = 0, to = 0;
    std::string category, channel, team, product;
};

// The figures of D21 and D23, aggregated by SQL in the database (nothing is
// loaded complaint by complaint): volume by category, channel, product, region
// and team; the top recurring problems; the on-time rate per SLA milestone;
// handling time (average and percentiles) of closed complaints; first-line
// resolution; satisfaction (average and distribution); reopenings and
// escalations; and per team and per owner the same at a glance.
nlohmann::json statistics(soci::session& s, const StatisticsRequest& request);

// Reads a request from JSON: {"from", "to" (RFC 3339), "filters": {...}}.
// Throws std::invalid_argument naming the bad member.
StatisticsRequest statistics_request(const nlohmann::json& doc);

}  // namespace redress::storage
