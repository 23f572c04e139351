// GET /api/v1/reports/{instance}: a report instance's document for a period.
#include <httplib.h>

#include "core/report_request.hpp"
#include "http/api/api_context.hpp"
#include "http/api/query.hpp"
#include "http/api/router.hpp"

namespace redress::http {
using auth::Permission;
using nlohmann::json;

void add_report_routes(Router& router, ApiContext& ctx) {
    router.add(
        {"GET",
         "/api/v1/reports/{instance}",
         "An analysis report (D21, D23) of a period from a report instance: HTML with charts, "
         "CSV or JSON",
         Access::needs(Permission::read),
         nullptr,
         200,
         "reports",
         {{"period", "string", "a month (2026-10) or a quarter (2026-Q4); required"},
          {"format", "string", "html (default), csv or json"},
          {"category", "string", "only this category and its subcategories"},
          {"channel", "string", "only this channel"},
          {"team", "string", "only this team"},
          {"product", "string", "only this product"}}},
        [&ctx](const httplib::Request& req, httplib::Response& res, const Caller&) {
            Query q(req, {"period", "format", "category", "channel", "team", "product"});
            std::string name = req.matches[1].str();
            plugins::Instance* instance = ctx.plugins.find(name);
            if (instance == nullptr || instance->kind() != REDRESS_KIND_REPORT)
                throw HttpError{404, "no report instance named \"" + name + "\""};
            if (q.text("period").empty())
                throw HttpError{400, "query parameter \"period\": required (2026-10 or 2026-Q4)"};
            json filters = json::object();
            for (const char* key : {"category", "channel", "team", "product"})
                if (!q.text(key).empty()) filters[key] = q.text(key);
            json request;
            try {
                request = core::report_request(q.text("period"),
                                               q.text("format").empty() ? "html" : q.text("format"),
                                               filters, ctx.domain.sla.calendar());
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
