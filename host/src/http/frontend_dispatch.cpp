#include "http/frontend_dispatch.hpp"

#include <httplib.h>
#include <strings.h>

#include <chrono>
#include <vector>

#include "http/api/router.hpp"
#include "http/metrics.hpp"
#include "http/problem.hpp"
#include "plugins/abi_strings.hpp"
#include "plugins/plugin_manager.hpp"

namespace redress::http {
namespace {

using plugins::str;
using plugins::view;

// Functions handed to the plugin: they must not throw into it.
void set_status(void* ctx, int status) {
    static_cast<httplib::Response*>(ctx)->status = status;
}

void set_header(void* ctx, redress_str name, redress_str value) {
    try {
        auto& res = *static_cast<httplib::Response*>(ctx);
        std::string key(view(name));
        res.headers.erase(key);
        res.set_header(key, std::string(view(value)));
    } catch (...) {
    }
}

void append_body(void* ctx, const char* data, std::size_t size) {
    try {
        if (data != nullptr && size > 0)
            static_cast<httplib::Response*>(ctx)->body.append(data, size);
    } catch (...) {
    }
}

// The HTTP library takes multipart/form-data bodies apart as it reads them; a
// plugin gets them put back together: the same parts, under a fresh boundary.
std::string reassemble_multipart(const httplib::Request& req, std::string& content_type) {
    const std::string boundary = "redress-" + std::to_string(req.files.size()) + "-f0rm-b0undary";
    content_type = "multipart/form-data; boundary=" + boundary;
    std::string body;
    for (const auto& [name, part] : req.files) {
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.name + "\"";
        if (!part.filename.empty()) body += "; filename=\"" + part.filename + "\"";
        body += "\r\n";
        if (!part.content_type.empty()) body += "Content-Type: " + part.content_type + "\r\n";
        body += "\r\n" + part.content + "\r\n";
    }
    return body + "--" + boundary + "--\r\n";
}

bool under(const std::string& path, const std::string& mount) {
    return path.compare(0, mount.size(), mount) == 0 &&
           (path.size() == mount.size() || path[mount.size()] == '/');
}

void dispatch(plugins::PluginManager& plugins, const Router& router, const httplib::Request& req,
              httplib::Response& res, std::string& route) {
    plugins::Instance* target = nullptr;
    for (const auto& instance : plugins.instances()) {
        if (instance->kind() != REDRESS_KIND_FRONTEND && instance->kind() != REDRESS_KIND_INTAKE)
            continue;
        const std::string& mount = instance->config().mount;
        if (under(req.path, mount) &&
            (target == nullptr || mount.size() > target->config().mount.size()))
            target = instance.get();
    }
    if (target == nullptr)
        return send_problem(res, 404, status_title(404), "no route for " + req.path);
    route = target->config().mount + "/*";
    // Intake pages are for customers: the plugin guards them itself.
    bool is_intake = target->kind() == REDRESS_KIND_INTAKE;
    if (!is_intake && !target->config().is_public) router.authenticate(req);  // throws 401
    const char* what = is_intake ? "intake " : "front-end ";
    if (target->state() != plugins::InstanceState::running)
        return send_problem(res, 503, status_title(503),
                            what + target->name() + " is not running (state: " +
                                std::string(plugins::state_name(target->state())) + ")");

    std::string body_text, content_type;
    const std::string* body = &req.body;
    if (req.is_multipart_form_data()) {
        body_text = reassemble_multipart(req, content_type);
        body = &body_text;
    }
    std::vector<redress_http_header> headers;
    headers.reserve(req.headers.size());
    for (const auto& [name, value] : req.headers) {
        bool replaced = !content_type.empty() && strcasecmp(name.c_str(), "Content-Type") == 0;
        headers.push_back({str(name), str(replaced ? content_type : value)});
    }
    std::string subpath = req.path.substr(target->config().mount.size());
    auto q = req.target.find('?');
    std::string query = q == std::string::npos ? std::string() : req.target.substr(q + 1);

    redress_http_request request{sizeof(redress_http_request),
                                 str(req.method),
                                 str(req.path),
                                 str(subpath),
                                 str(query),
                                 str(*body),
                                 str(req.remote_addr),
                                 headers.data(),
                                 headers.size()};
    res.status = 200;
    redress_http_response response{sizeof(redress_http_response), &res, &set_status, &set_header,
                                   &append_body};
    auto result = target->handle_http(request, response);
    if (result.status == REDRESS_UNSUPPORTED) {
        res.headers.clear();
        res.body.clear();
        return send_problem(res, 404, status_title(404),
                            what + target->name() + " serves no pages");
    }
    if (!result.ok()) {
        res.headers.clear();
        res.body.clear();
        send_problem(res, 500, "Plugin Error", what + target->name() + " failed: " + result.error);
        return;
    }
    if (!res.has_header("Content-Type")) res.set_header("Content-Type", "application/octet-stream");
}

}  // namespace

void dispatch_to_frontend(plugins::PluginManager& plugins, const Router& router, Metrics& metrics,
                          const httplib::Request& req, httplib::Response& res) {
    auto started = std::chrono::steady_clock::now();
    std::string route = "(no route)";
    try {
        dispatch(plugins, router, req, res, route);
    } catch (...) {
        answer_exception(res, std::current_exception());
    }
    metrics.record(
        req.method, route, res.status,
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
}

}  // namespace redress::http
