// The host's HTTP server in this process: started and stopped at once.
#include <catch2/catch.hpp>

#include <chrono>
#include <future>
#include <thread>

#include "auth/token_store.hpp"
#include "config/host_config.hpp"
#include "core/complaint_service.hpp"
#include "domain_fixture.hpp"
#include "http/api/api_context.hpp"
#include "http/http_server.hpp"
#include "http/metrics.hpp"
#include "plugins/plugin_manager.hpp"
#include "storage/leases.hpp"
#include "test_database.hpp"

using namespace redress;

TEST_CASE("http: a server stopped right after it started stops", "[http]") {
    // cpp-httplib's stop() is a no-op until its accept loop runs: a stop that
    // came first left the loop running and the host hanging at SIGTERM.
    test::TestDatabase t("sqlite");
    config::HostConfig cfg;
    cfg.http.port = 0;
    cfg.http.threads = 2;
    auto domain = test::shipped_domain();
    domain::ManualClock clock(test::shanghai("2026-11-24 10:00"));
    core::ComplaintService complaints(t.db(), domain, clock, nullptr);
    auth::TokenStore tokens(t.db());
    plugins::PluginManager plugins(cfg);
    storage::Leases leases(t.db(), "test", std::chrono::seconds(15));
    http::Metrics metrics;
    http::ApiContext api{complaints, tokens, plugins, t.db(), metrics, cfg, domain, leases};
    for (int i = 0; i < 50; ++i) {
        http::HttpServer server(cfg.http, api);
        REQUIRE(server.bind() > 0);
        auto stopped = std::async(std::launch::async, [&server] {
            server.start();
            server.stop();
        });
        // A hang leaves this test case's thread blocked: ctest's timeout names it.
        REQUIRE(stopped.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
    }
}
