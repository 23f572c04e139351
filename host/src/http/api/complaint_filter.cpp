#include "http/api/complaint_filter.hpp"

#include <httplib.h>

#include <set>

#include "domain/enums.hpp"
#include "http/api/query.hpp"

namespace redress::http {
namespace {

template <class E, std::size_t N>
std::vector<std::string> names(const std::array<E, N>& values) {
    std::vector<std::string> out;
    for (auto v : values) out.emplace_back(domain::name(v));
    return out;
}

}  // namespace

const std::vector<QueryParameter>& list_parameters() {
    static const std::vector<QueryParameter> list = {
        {"status", "string", "comma-separated states"},
        {"priority", "string", "comma-separated: urgent, normal, low"},
        {"channel", "string", "comma-separated channels"},
        {"category", "string", "a category; includes the categories below it"},
        {"team", "string", "the owning team"},
        {"owner", "string", "the accountable owner"},
        {"customer", "string", "the customer id"},
        {"breached", "boolean", "true: a milestone is overdue now"},
        {"due_before", "string", "the next due time is at or before (RFC 3339)"},
        {"created_after", "string", "created at or after (RFC 3339)"},
        {"created_before", "string", "created before (RFC 3339)"},
        {"q", "string",
         "text in the number, subject, description, product, demand or customer; total then "
         "counts to 1000 (total_exact false beyond)"},
        {"cursor", "string", "next_cursor of the previous page"},
        {"limit", "integer", "1-200, default 50"},
    };
    return list;
}

storage::ComplaintFilter read_filter(const httplib::Request& req, bool with_customer) {
    std::set<std::string> allowed;
    for (const auto& p : list_parameters())
        if (with_customer || p.name != "customer") allowed.insert(p.name);
    Query q(req, allowed);
    storage::ComplaintFilter f;
    f.states = q.list("status", names(domain::kStates));
    f.priorities = q.list("priority", names(domain::kPriorities));
    f.channels = q.list("channel", names(domain::kChannels));
    f.category = q.text("category");
    f.team = q.text("team");
    f.owner = q.text("owner");
    if (with_customer) f.customer = q.text("customer");
    f.breached = q.boolean("breached");
    f.due_before = q.time("due_before");
    f.created_after = q.time("created_after");
    f.created_before = q.time("created_before");
    f.text = q.text("q");
    if (f.text.size() > 200) throw HttpError{400, "query parameter \"q\": at most 200 bytes"};
    f.cursor = q.integer("cursor", 0, 0, 1LL << 62);
    f.limit = static_cast<int>(q.integer("limit", 50, 1, 200));
    return f;
}

}  // namespace redress::http
