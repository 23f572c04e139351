#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/complaint.hpp"

namespace soci {
class session;
}

namespace redress::storage {

// What GET /api/v1/complaints filters on. Empty members do not filter.
struct ComplaintFilter {
    std::vector<std::string> states, priorities, channels;
    std::string category;  // the category or any below it ("product" matches "product.fault")
    std::string team, owner, customer;
    std::optional<bool> breached;  // a milestone is overdue now
    std::optional<domain::Time> due_before, created_after, created_before;
    std::string text;  // in the number, subject, description, product, demand, customer
    domain::Time now{};
    std::int64_t cursor = 0;  // continue after this row id (newest first)
    int limit = 50;
};

// A text query counts its matches up to this many (see total_exact).
inline constexpr long long kTextTotalBound = 1000;

struct ComplaintPage {
    std::vector<domain::Complaint> items;
    long long total = 0;      // matching complaints, all pages
    bool total_exact = true;  // false: a text query's count stopped at kTextTotalBound
    std::optional<std::int64_t> next_cursor;  // absent on the last page
};

// Newest first (by row id, a stable order), `limit` at a time.
ComplaintPage find_complaints(soci::session& s, const ComplaintFilter& filter);

}  // namespace redress::storage
