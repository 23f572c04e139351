// The figures front-ends show: the report instances and their documents for a
// period, the period's statistics, and who the caller is.
#include <httplib.h>

#include <set>
#include <vector>

#include "core/report_request.hpp"
#include "domain/actions.hpp"
#include "http/api/api_context.hpp"
#include "http/api/query.hpp"
#include "http/api/router.hpp"
#include "http/problem.hpp"
#include "plugins/plugin_manager.hpp"

namespace redress::http {
using auth::Permission;
using nlohmann::json;

namespace {

constexpr std::pair<Permission, const char*> kPermissions[] = {
    {Permission::read, "read"},       {Permission::create, "create"},
    {Permission::act, "act"},         {Permission::act_supervisor, "act_supervisor"},
    {Permission::metrics, "metrics"}, {Permission::admin, "admin"}};

// The filters reports and statistics share, after the route's own parameters.
constexpr const char* kFilters[] = {"category", "channel", "team", "product"};

std::vector<QueryParameter> with_filters(std::vector<QueryParameter> own) {
    own.insert(own.end(), {{"category", "string", "only this category and its subcategories"},
                           {"channel", "string", "only this channel"},
                           {"team", "string", "only this team"},
                           {"product", "string", "only this product"}});
    return own;
}

std::set<std::string> names_of(const std::vector<QueryParameter>& parameters) {
    std::set<std::string> out;
    for (const auto& p : parameters) out.insert(p.name);
    return out;
}

json filters_of(const Query& q) {
    json filters = json::object();
    for (const char* key : kFilters)
        if (!q.text(key).empty()) filters[key] = q.text(key);
    return filters;
}

const std::vector<QueryParameter> kStatisticsParameters = with_filters(
    {{"from", "string", "RFC 3339; required"}, {"to", "string", "RFC 3339; required"}});
const std::vector<QueryParameter> kReportParameters =
    with_filters({{"period", "string", "a month (2026-10) or a quarter (2026-Q4); required"},
                  {"format", "string", "html (default), csv or json"}});

}  // namespace

void add_report_routes(Router& router, ApiContext& ctx) {
    router.add({"GET", "/api/v1/session",
                "Who the token is: its name (the actor on events), role, permissions and the "
                "lifecycle actions the role may take",
                Access::any_token(), nullptr, 200, "session"},
               [](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
                   Query(req, {});
                   const auth::Principal& who = *caller.principal;
                   json permissions = json::array(), actions = json::array();
                   for (const auto& [p, name] : kPermissions)
                       if (auth::allows(who.role, p)) permissions.push_back(name);
                   for (const auto& action : domain::action_names())
                       if (auth::allows(who.role, auth::permission_for_action(action)))
                           actions.push_back(action);
                   send_json(res, 200,
                             {{"name", who.name},
                              {"role", std::string(auth::name(who.role))},
                              {"permissions", permissions},
                              {"actions", actions}});
               });

    router.add({"GET", "/api/v1/reports", "The report instances that are running",
                Access::needs(Permission::read), nullptr, 200, "reports"},
               [&ctx](const httplib::Request& req, httplib::Response& res, const Caller&) {
                   Query(req, {});
                   json list = json::array();
                   for (const auto& instance : ctx.plugins.instances())
                       if (instance->kind() == REDRESS_KIND_REPORT &&
                           instance->state() == plugins::InstanceState::running)
                           list.push_back({{"instance", instance->name()},
                                           {"plugin", instance->module()->id()},
                                           {"description", instance->module()->description()}});
                   send_json(res, 200, {{"reports", list}});
               });

    router.add(
        {"GET", "/api/v1/statistics",
         "The D21/D23 figures of complaints received in [from, to), aggregated by the database",
         Access::needs(Permission::read), nullptr, 200, "reports", kStatisticsParameters},
        [&ctx](const httplib::Request& req, httplib::Response& res, const Caller&) {
            Query q(req, names_of(kStatisticsParameters));
            json doc = {{"from", q.text("from")}, {"to", q.text("to")}, {"filters", filters_of(q)}};
            storage::StatisticsRequest request;
            try {
                request = storage::statistics_request(doc);
            } catch (const std::invalid_argument& e) {
                throw HttpError{400, std::string("query parameter ") + (e.what() + 1)};
            }
            send_json(res, 200, ctx.complaints.statistics(request));
        });

    router.add(
        {"GET", "/api/v1/reports/{instance}",
         "An analysis report (D21, D23) of a period from a report instance: HTML with charts, "
         "CSV or JSON",
         Access::needs(Permission::read), nullptr, 200, "reports", kReportParameters},
        [&ctx](const httplib::Request& req, httplib::Response& res, const Caller&) {
            Query q(req, names_of(kReportParameters));
            std::string name = req.matches[1].str();
            plugins::Instance* instance = ctx.plugins.find(name);
            if (instance == nullptr || instance->kind() != REDRESS_KIND_REPORT)
                throw HttpError{404, "no report instance named \"" + name + "\""};
            if (q.text("period").empty())
                throw HttpError{400, "query parameter \"period\": required (2026-10 or 2026-Q4)"};
            json request;
            try {
                request = core::report_request(q.text("period"),
                                               q.text("format").empty() ? "html" : q.text("format"),
                                               filters_of(q), ctx.domain.sla.calendar());
            } catch (const std::invalid_argument& e) {
                throw HttpError{400, std::string("query parameter ") + e.what()};
            }
            auto out = core::run_report(*instance, request);
            if (!out.result.ok())
                throw HttpError{out.result.status == REDRESS_INVALID ? 400 : 502,
                                "report " + name + " failed: " + out.result.error};
            res.status = 200;
            res.set_content(out.document, out.content_type.c_str());
        });
}

}  // namespace redress::http
