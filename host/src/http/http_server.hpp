#pragma once

#include <memory>
#include <string>
#include <thread>

#include "config/host_config.hpp"

namespace httplib {
class Server;
}

namespace redress::http {

struct ApiContext;
class Router;

// The host's HTTP endpoint (HTTPS when a certificate is configured): /healthz,
// the REST API under /api/v1, /admin, /metrics and the front-ends' mounts.
class HttpServer {
  public:
    HttpServer(const config::HttpConfig& config, ApiContext& api);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // Binds the listening socket; returns the port (useful with port 0). Throws
    // std::runtime_error naming the address when it cannot bind.
    int bind();
    // Serves on a thread of its own until stop().
    void start();
    // Stops accepting, lets requests in progress finish, joins the thread.
    void stop();

  private:
    void add_routes();

    config::HttpConfig config_;
    ApiContext& api_;
    std::unique_ptr<httplib::Server> server_;
    std::unique_ptr<Router> router_;
    std::thread thread_;
};

}  // namespace redress::http
