#pragma once

#include <memory>
#include <string>
#include <thread>

#include "config/host_config.hpp"

namespace httplib {
class Server;
}

namespace redress::plugins {
class PluginManager;
}

namespace redress::http {

// The host's HTTP endpoint: /healthz, /admin/plugins and the front-ends' mounts.
class HttpServer {
  public:
    HttpServer(const config::HttpConfig& config, plugins::PluginManager& plugins);
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
    plugins::PluginManager& plugins_;
    std::unique_ptr<httplib::Server> server_;
    std::thread thread_;
};

}  // namespace redress::http
