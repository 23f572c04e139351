#include "http/api/router.hpp"

#include <httplib.h>

#include <chrono>

#include <soci/soci.h>

#include "config/json_text.hpp"
#include "domain/errors.hpp"
#include "http/problem.hpp"
#include "log/logger.hpp"

namespace redress::http {
using nlohmann::json;

namespace {

std::string to_regex(const std::string& path) {
    std::string out;
    for (std::size_t i = 0; i < path.size(); ++i) {
        char c = path[i];
        if (c == '{') {
            i = path.find('}', i);
            out += "([^/]+)";
        } else {
            if (std::string(".+*?()[]^$|\\").find(c) != std::string::npos) out += '\\';
            out += c;
        }
    }
    return out;
}

void send(httplib::Response& res, const HttpError& e) {
    json doc = {{"type", "about:blank"},
                {"title", status_title(e.status)},
                {"status", e.status},
                {"detail", e.detail}};
    doc.update(e.extra);
    res.status = e.status;
    res.set_content(doc.dump(-1, ' ', false, json::error_handler_t::replace),
                    "application/problem+json");
}

}  // namespace

const std::string& Caller::name() const {
    static const std::string anonymous = "anonymous";
    return principal ? principal->name : anonymous;
}

Router::Router(httplib::Server& server, auth::TokenStore* tokens, Metrics& metrics)
    : server_(server), tokens_(tokens), metrics_(metrics) {}

auth::Principal Router::authenticate(const httplib::Request& req) const {
    std::string header = req.get_header_value("Authorization");
    const std::string scheme = "Bearer ";
    if (header.size() <= scheme.size() || header.compare(0, scheme.size(), scheme) != 0)
        throw HttpError{401, "this route needs \"Authorization: Bearer <token>\""};
    if (tokens_ == nullptr) throw HttpError{503, "authentication is not available"};
    auto principal = tokens_->authenticate(header.substr(scheme.size()));
    if (!principal) throw HttpError{401, "the token is unknown or revoked"};
    return *principal;
}

void Router::add(RouteSpec spec, ApiHandler handler) {
    auto wrapped = [this, spec, handler = std::move(handler)](const httplib::Request& req,
                                                              httplib::Response& res) {
        auto started = std::chrono::steady_clock::now();
        try {
            Caller caller;
            if (spec.access.kind != Access::Kind::open) {
                caller.principal = authenticate(req);
                if (spec.access.kind == Access::Kind::permission &&
                    !auth::allows(caller.principal->role, spec.access.permission))
                    throw HttpError{403, "role " + std::string(auth::name(caller.principal->role)) +
                                             " of token " + caller.principal->name + " may not " +
                                             spec.method + " " + spec.path};
            }
            res.status = 200;
            handler(req, res, caller);
        } catch (...) {
            answer_exception(res, std::current_exception());
        }
        if (res.status == 401) res.set_header("WWW-Authenticate", "Bearer realm=\"redress\"");
        double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        metrics_.record(spec.method, spec.path, res.status, seconds);
    };
    std::string pattern = to_regex(spec.path);
    if (spec.method == "GET")
        server_.Get(pattern, wrapped);
    else if (spec.method == "POST")
        server_.Post(pattern, wrapped);
    else if (spec.method == "PUT")
        server_.Put(pattern, wrapped);
    else if (spec.method == "DELETE")
        server_.Delete(pattern, wrapped);
    routes_.push_back(std::move(spec));
}

json parse_json_body(const httplib::Request& req, bool empty_is_object) {
    if (req.body.empty() && empty_is_object) return json::object();
    std::string type = req.get_header_value("Content-Type");
    std::string media = type.substr(0, type.find(';'));
    while (!media.empty() && media.back() == ' ') media.pop_back();
    if (media != "application/json" &&
        !(media.size() > 5 && media.compare(media.size() - 5, 5, "+json") == 0))
        throw HttpError{415, "send the body as application/json (got \"" +
                                 (type.empty() ? "nothing" : type) + "\")"};
    try {
        return json::parse(req.body);
    } catch (const json::parse_error& e) {
        std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
        throw HttpError{
            400,
            "malformed JSON at byte " + std::to_string(offset) + ": " + config::json_error_text(e),
            {{"offset", offset}}};
    } catch (const json::exception& e) {  // e.g. a number too large for any type
        throw HttpError{400, "malformed JSON: " + config::json_error_text(e)};
    }
}

int answer_exception(httplib::Response& res, std::exception_ptr error) {
    try {
        std::rethrow_exception(error);
    } catch (const HttpError& e) {
        send(res, e);
    } catch (const domain::DomainError& e) {
        using K = domain::DomainError::Kind;
        if (e.kind() == K::not_found) {
            send(res, {404, e.what()});
        } else if (e.kind() == K::conflict) {
            send(res, {409, e.what(), {{"state", e.state()}, {"allowed_actions", e.allowed()}}});
        } else {
            json errors = json::array();
            for (const auto& f : e.fields())
                errors.push_back({{"field", f.field}, {"message", f.message}});
            send(res, {422, "the request has invalid fields", {{"errors", errors}}});
        }
    } catch (const soci::soci_error& e) {
        log::error("storage", e.what());
        send(res,
             {503, "the database is unavailable; nothing was changed: " + e.get_error_message()});
    } catch (const std::exception& e) {
        log::error("http", e.what());
        send(res, {500, e.what()});
    } catch (...) {
        send(res, {500, "unknown error"});
    }
    return res.status;
}

}  // namespace redress::http
