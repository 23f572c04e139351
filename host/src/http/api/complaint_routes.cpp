#include <httplib.h>

#include <set>

#include "domain/actions.hpp"
#include "http/api/api_context.hpp"
#include "http/api/complaint_filter.hpp"
#include "http/api/query.hpp"
#include "http/api/router.hpp"
#include "http/problem.hpp"

namespace redress::http {
using auth::Permission;
using nlohmann::json;

namespace {

json view(const domain::Complaint& c) {
    json v = c.doc();
    v["allowed_actions"] = domain::allowed_actions(c.state());
    return v;
}

template <class E, std::size_t N>
std::vector<std::string> names(const std::array<E, N>& values) {
    std::vector<std::string> out;
    for (auto v : values) out.emplace_back(domain::name(v));
    return out;
}

json page_json(const storage::ComplaintPage& page) {
    json items = json::array();
    for (const auto& c : page.items) items.push_back(view(c));
    return {{"items", items},
            {"total", page.total},
            {"total_exact", page.total_exact},
            {"next_cursor",
             page.next_cursor ? json(std::to_string(*page.next_cursor)) : json(nullptr)}};
}

std::string first_match(const httplib::Request& req) {
    return req.matches.size() > 1 ? req.matches[1].str() : "";
}

}  // namespace

void add_complaint_routes(Router& router, ApiContext& ctx) {
    router.add({"POST", "/api/v1/complaints", "Record a new complaint from any channel (D1-D4)",
                Access::needs(Permission::create),
                json{{"type", "object"},
                     {"required", {"channel"}},
                     {"properties",
                      {{"channel", {{"enum", names(domain::kChannels)}}},
                       {"customer", {{"type", "object"}}},
                       {"subject", {{"type", "string"}}},
                       {"description", {{"type", "string"}}},
                       {"demand", {{"type", "string"}}},
                       {"product", {{"type", "string"}}},
                       {"region", {{"type", "string"}}},
                       {"priority", {{"enum", names(domain::kPriorities)}}},
                       {"category", {{"type", "string"}}},
                       {"attachments", {{"type", "array"}}}}}},
                201, "complaints"},
               [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
                   json input = parse_json_body(req, false);
                   std::string key = req.get_header_value("Idempotency-Key");
                   if (key.size() > 200)
                       throw HttpError{400, "Idempotency-Key: at most 200 characters"};
                   auto result = ctx.complaints.create(input, caller.name(), key);
                   if (result.replayed) res.set_header("Idempotency-Replayed", "true");
                   res.set_header("Location", "/api/v1/complaints/" + result.complaint.number());
                   send_json(res, 201, view(result.complaint));
               });

    RouteSpec list{"GET",
                   "/api/v1/complaints",
                   "List complaints with filters, text search and cursor pagination",
                   Access::needs(Permission::read),
                   nullptr,
                   200,
                   "complaints",
                   list_parameters()};
    router.add(list, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller&) {
        send_json(res, 200, page_json(ctx.complaints.list(read_filter(req, true))));
    });

    router.add({"GET", "/api/v1/complaints/{number}",
                "A complaint with its timeline (every event), proposals, work orders, escalations "
                "and surveys",
                Access::needs(Permission::read), nullptr, 200, "complaints"},
               [&ctx](const httplib::Request& req, httplib::Response& res, const Caller&) {
                   Query(req, {});
                   auto record = ctx.complaints.find(first_match(req));
                   if (!record) throw HttpError{404, "no complaint " + first_match(req)};
                   json body = view(record->complaint);
                   json timeline = json::array();
                   for (const auto& e : record->events) timeline.push_back(e.to_json());
                   body["timeline"] = timeline;
                   send_json(res, 200, body);
               });

    for (const auto& action : domain::action_names()) {
        json properties = json::object();
        for (const auto& field : domain::action_fields(action)) properties[field] = json::object();
        std::string states;
        for (const auto& s : domain::action_states(action))
            states += (states.empty() ? "" : ", ") + s;
        router.add(
            {"POST", "/api/v1/complaints/{number}/" + action,
             "Lifecycle action \"" + action + "\" (allowed in: " + states + ")",
             Access::needs(auth::permission_for_action(action)),
             json{{"type", "object"}, {"additionalProperties", false}, {"properties", properties}},
             200, "lifecycle"},
            [&ctx, action](const httplib::Request& req, httplib::Response& res,
                           const Caller& caller) {
                Query(req, {});
                json params = parse_json_body(req, true);
                send_json(
                    res, 200,
                    view(ctx.complaints.act(first_match(req), action, params, caller.name())));
            });
    }

    RouteSpec history{"GET",
                      "/api/v1/customers/{id}/complaints",
                      "A customer's complaints, newest first (to spot repeat complainants)",
                      Access::needs(Permission::read),
                      nullptr,
                      200,
                      "customers",
                      list_parameters()};
    history.query.erase(
        std::remove_if(history.query.begin(), history.query.end(),
                       [](const QueryParameter& p) { return p.name == "customer"; }),
        history.query.end());
    router.add(history, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller&) {
        auto filter = read_filter(req, false);
        filter.customer = first_match(req);
        send_json(res, 200, page_json(ctx.complaints.list(filter)));
    });

    router.add({"GET",
                "/api/v1/events",
                "The change feed: events after a cursor, in commit order",
                Access::needs(Permission::read),
                nullptr,
                200,
                "events",
                {{"after", "string",
                  "the next_cursor of the previous answer; 0 or absent: from the start; "
                  "\"latest\": no events, only the cursor to follow from now on"},
                 {"limit", "integer", "1-1000, default 100"}}},
               [&ctx](const httplib::Request& req, httplib::Response& res, const Caller&) {
                   Query q(req, {"after", "limit"});
                   if (q.text("after") == "latest") {
                       send_json(
                           res, 200,
                           {{"events", json::array()},
                            {"next_cursor", std::to_string(ctx.complaints.latest_event_id())}});
                       return;
                   }
                   auto after = q.integer("after", 0, 0, 1LL << 62);
                   auto events = ctx.complaints.events_after(
                       after, static_cast<int>(q.integer("limit", 100, 1, 1000)));
                   json list = json::array();
                   for (const auto& e : events) list.push_back(e.to_json());
                   std::int64_t next = events.empty() ? after : events.back().id;
                   send_json(res, 200, {{"events", list}, {"next_cursor", std::to_string(next)}});
               });

    router.add({"GET", "/api/v1/categories", "The category tree (D6)",
                Access::needs(Permission::read), nullptr, 200, "configuration"},
               [&ctx](const httplib::Request&, httplib::Response& res, const Caller&) {
                   send_json(res, 200, ctx.domain.categories.document());
               });
}

}  // namespace redress::http
