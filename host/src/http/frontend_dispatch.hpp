#pragma once

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace redress::plugins {
class PluginManager;
}

namespace redress::http {

class Router;
class Metrics;

// Routes a request to the front-end instance whose mount is the longest prefix of
// its path. One host-owned dispatcher, because routes cannot be removed from a
// running server while instances can stop and start. Answers 404 when no mount
// matches and 503 when the instance is not running. A front-end that is not
// configured "public" needs a valid token (any role).
void dispatch_to_frontend(plugins::PluginManager& plugins, const Router& router, Metrics& metrics,
                          const httplib::Request& req, httplib::Response& res);

}  // namespace redress::http
