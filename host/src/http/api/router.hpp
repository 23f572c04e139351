#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "auth/roles.hpp"
#include "auth/token_store.hpp"
#include "http/metrics.hpp"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace redress::http {

// An error to answer with a problem document.
struct HttpError {
    int status;
    std::string detail;
    nlohmann::json extra = nlohmann::json::object();  // extension members
};

// Who may call a route.
struct Access {
    enum class Kind { open, authenticated, permission } kind = Kind::permission;
    auth::Permission permission = auth::Permission::read;
    static Access public_route() { return {Kind::open, auth::Permission::read}; }
    static Access any_token() { return {Kind::authenticated, auth::Permission::read}; }
    static Access needs(auth::Permission p) { return {Kind::permission, p}; }
};

struct QueryParameter {
    std::string name, type, description;
};

// One route as registered and as documented in the OpenAPI document.
struct RouteSpec {
    std::string method;  // "GET", "POST"
    std::string path;    // an OpenAPI template: "/api/v1/complaints/{number}"
    std::string summary;
    Access access;
    nlohmann::json request_schema;  // null: no body
    int success_status = 200;
    std::string tag;
    std::vector<QueryParameter> query = {};
    std::string success_media_type = "application/json";
};

struct Caller {
    std::optional<auth::Principal> principal;  // empty on public routes
    const std::string& name() const;
};

using ApiHandler = std::function<void(const httplib::Request&, httplib::Response&, const Caller&)>;

// Registers routes on the server with what every route shares: authentication
// and the role check, problem documents for every error, and metrics. Keeps the
// specs for the OpenAPI document and the list of what was registered.
class Router {
  public:
    Router(httplib::Server& server, auth::TokenStore* tokens, Metrics& metrics);
    void add(RouteSpec spec, ApiHandler handler);
    const std::vector<RouteSpec>& routes() const noexcept { return routes_; }
    // Authenticates a request (for routes registered elsewhere, e.g. front-ends).
    // Throws HttpError 401 when no valid token is given.
    auth::Principal authenticate(const httplib::Request& req) const;

  private:
    httplib::Server& server_;
    auth::TokenStore* tokens_;
    Metrics& metrics_;
    std::vector<RouteSpec> routes_;
};

// Parses a JSON request body: 415 unless the media type is JSON, 400 with the
// byte offset when malformed. An empty body is {} when `empty_is_object`.
nlohmann::json parse_json_body(const httplib::Request& req, bool empty_is_object);

// Answers an exception as a problem document; returns the status used.
int answer_exception(httplib::Response& res, std::exception_ptr error);

}  // namespace redress::http
