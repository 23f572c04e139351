#include "http/http_server.hpp"

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <stdexcept>
#include <thread>

#include "http/api/api_context.hpp"
#include "http/api/router.hpp"
#include "http/frontend_dispatch.hpp"
#include "http/problem.hpp"
#include "log/logger.hpp"
#include "plugins/plugin_manager.hpp"

namespace redress::http {

namespace {

std::unique_ptr<httplib::Server> make_server(const config::HttpConfig& config) {
    if (config.tls_certificate.empty()) return std::make_unique<httplib::Server>();
    auto server = std::make_unique<httplib::SSLServer>(config.tls_certificate.c_str(),
                                                       config.tls_private_key.c_str());
    if (!server->is_valid())
        throw std::runtime_error(
            "cannot use the TLS certificate " + config.tls_certificate.string() + " and key " +
            config.tls_private_key.string() + " (unreadable, or they do not match)");
    return server;
}

}  // namespace

HttpServer::HttpServer(const config::HttpConfig& config, ApiContext& api)
    : config_(config), api_(api), server_(make_server(config)) {
    int threads = config_.threads;
    server_->new_task_queue = [threads] {
        return new httplib::ThreadPool(static_cast<std::size_t>(threads));
    };
    // Without TCP_NODELAY, Nagle plus delayed ACK add ~40 ms to every answer.
    server_->set_tcp_nodelay(true);
    server_->set_payload_max_length(config_.max_body_bytes);
    server_->set_keep_alive_max_count(1000);
    server_->set_keep_alive_timeout(5);
    server_->set_read_timeout(10, 0);
    server_->set_write_timeout(10, 0);
    add_routes();
}

HttpServer::~HttpServer() {
    stop();
}

void HttpServer::add_routes() {
    router_ = std::make_unique<Router>(*server_, &api_.tokens, api_.metrics);
    add_admin_routes(*router_, api_);
    add_complaint_routes(*router_, api_);
    add_report_routes(*router_, api_);
    add_openapi_route(*router_);
    // Everything else belongs to a front-end's mount, or to nobody (404).
    auto dispatch = [this](const httplib::Request& req, httplib::Response& res) {
        dispatch_to_frontend(api_.plugins, *router_, api_.metrics, req, res);
    };
    server_->Get(".*", dispatch);
    server_->Post(".*", dispatch);
    server_->Put(".*", dispatch);
    server_->Patch(".*", dispatch);
    server_->Delete(".*", dispatch);
    server_->Options(".*", dispatch);

    server_->set_exception_handler(
        [](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
            std::string what = "unknown error";
            try {
                std::rethrow_exception(ep);
            } catch (const std::exception& e) {
                what = e.what();
            } catch (...) {
            }
            log::error("http", req.method + " " + req.path + ": " + what);
            send_problem(res, 500, "Internal Server Error", what);
        });
    // Errors httplib produces itself (413, 400...) get a problem document too.
    server_->set_error_handler([](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return;
        std::string detail = res.status == 413
                                 ? "the request body is larger than the configured limit"
                                 : req.method + " " + req.path;
        send_problem(res, res.status, status_title(res.status), detail);
    });
}

int HttpServer::bind() {
    int port = config_.port == 0
                   ? server_->bind_to_any_port(config_.bind)
                   : (server_->bind_to_port(config_.bind, config_.port) ? config_.port : -1);
    if (port < 0)
        throw std::runtime_error("cannot listen on " + config_.bind + ":" +
                                 std::to_string(config_.port) +
                                 " (address in use, or not an address of this machine)");
    return port;
}

void HttpServer::start() {
    auto ended = std::make_shared<std::atomic<bool>>(false);
    thread_ = std::thread([this, ended] {
        server_->listen_after_bind();
        *ended = true;
    });
    // cpp-httplib's stop() does nothing until the accept loop has started, and
    // the loop then runs for ever: a SIGTERM right after start-up hung the host.
    // So start() returns once the loop runs (or has already ended).
    while (!server_->is_running() && !*ended)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

void HttpServer::stop() {
    if (!thread_.joinable()) return;
    server_->stop();
    thread_.join();
}

}  // namespace redress::http
