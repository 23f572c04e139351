#include <httplib.h>

#include <regex>

#include "http/api/api_context.hpp"
#include "http/api/router.hpp"
#include "version.hpp"

namespace redress::http {
using nlohmann::json;

namespace {

const std::vector<std::pair<int, std::string>> kProblems = {
    {400, "Malformed request: JSON syntax (with the byte offset) or a query parameter"},
    {401, "No valid bearer token"},
    {403, "The token's role may not do this"},
    {404, "No such complaint, instance or action"},
    {409, "Not allowed in the current state (the state and the allowed actions are given)"},
    {413, "The body is larger than http.max_body_bytes"},
    {415, "The body is not application/json"},
    {422, "Invalid fields, each named by its JSON pointer"},
    {503, "The database is unavailable; nothing was changed"},
};

json operation(const RouteSpec& r) {
    json op = {{"summary", r.summary}, {"tags", {r.tag}}, {"operationId", r.method + " " + r.path}};
    if (r.access.kind == Access::Kind::open)
        op["security"] = json::array();
    else
        op["security"] = {{{"bearer", json::array()}}};
    if (r.access.kind == Access::Kind::permission)
        op["x-permission"] =
            std::string(r.access.permission == auth::Permission::read             ? "read"
                        : r.access.permission == auth::Permission::create         ? "create"
                        : r.access.permission == auth::Permission::act            ? "act"
                        : r.access.permission == auth::Permission::act_supervisor ? "act_supervisor"
                        : r.access.permission == auth::Permission::metrics        ? "metrics"
                                                                                  : "admin");
    json parameters = json::array();
    static const std::regex placeholder(R"(\{([a-z_]+)\})");
    for (auto it = std::sregex_iterator(r.path.begin(), r.path.end(), placeholder);
         it != std::sregex_iterator(); ++it)
        parameters.push_back({{"name", (*it)[1].str()},
                              {"in", "path"},
                              {"required", true},
                              {"schema", {{"type", "string"}}}});
    for (const auto& q : r.query)
        parameters.push_back({{"name", q.name},
                              {"in", "query"},
                              {"description", q.description},
                              {"schema", {{"type", q.type}}}});
    if (r.path == "/api/v1/complaints" && r.method == "POST")
        parameters.push_back({{"name", "Idempotency-Key"},
                              {"in", "header"},
                              {"description", "a retry with the same key returns the first answer"},
                              {"schema", {{"type", "string"}}}});
    if (!parameters.empty()) op["parameters"] = parameters;
    if (!r.request_schema.is_null())
        op["requestBody"] = {{"required", r.method == "POST" && r.path == "/api/v1/complaints"},
                             {"content", {{"application/json", {{"schema", r.request_schema}}}}}};
    json responses = {{std::to_string(r.success_status),
                       {{"description", "success"},
                        {"content", {{r.success_media_type, {{"schema", json::object()}}}}}}}};
    for (const auto& [status, text] : kProblems)
        responses[std::to_string(status)] = {
            {"description", text},
            {"content",
             {{"application/problem+json",
               {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}};
    op["responses"] = responses;
    return op;
}

}  // namespace

void add_openapi_route(Router& router) {
    RouteSpec spec{"GET",
                   "/api/v1/openapi.json",
                   "This document: every route, parameter, body and error",
                   Access::any_token(),
                   nullptr,
                   200,
                   "configuration"};
    router.add(spec, [&router](const httplib::Request&, httplib::Response& res, const Caller&) {
        json paths = json::object();
        for (const auto& r : router.routes()) {
            std::string method = r.method;
            std::transform(method.begin(), method.end(), method.begin(), ::tolower);
            paths[r.path][method] = operation(r);
        }
        json doc = {{"openapi", "3.1.0"},
                    {"info",
                     {{"title", "Redress API"},
                      {"version", kRedressVersion},
                      {"description",
                       "Complaint handling: intake, lifecycle, change feed and administration."}}},
                    {"paths", paths},
                    {"components",
                     {{"securitySchemes", {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}},
                      {"schemas",
                       {{"Problem",
                         {{"type", "object"},
                          {"description", "RFC 9457 problem details"},
                          {"properties",
                           {{"type", {{"type", "string"}}},
                            {"title", {{"type", "string"}}},
                            {"status", {{"type", "integer"}}},
                            {"detail", {{"type", "string"}}},
                            {"errors", {{"type", "array"}}},
                            {"state", {{"type", "string"}}},
                            {"allowed_actions", {{"type", "array"}}},
                            {"offset", {{"type", "integer"}}}}}}}}}}}};
        res.set_content(doc.dump(2), "application/json");
    });
}

}  // namespace redress::http
