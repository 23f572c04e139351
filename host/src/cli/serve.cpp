#include <malloc.h>
#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "auth/token_store.hpp"
#include "cli/commands.hpp"
#include "config/host_config.hpp"
#include "config/problem.hpp"
#include "core/bootstrap.hpp"
#include "core/escalation.hpp"
#include "core/instance_sync.hpp"
#include "core/outbox_dispatcher.hpp"
#include "core/report_schedule.hpp"
#include "core/runtime.hpp"
#include "core/service_gateway.hpp"
#include "core/training.hpp"
#include "http/api/api_context.hpp"
#include "http/http_server.hpp"
#include "log/logger.hpp"
#include "plugins/plugin_manager.hpp"

namespace redress::cli {
namespace {

log::Level level_named(const std::string& name) {
    if (name == "debug") return log::Level::debug;
    if (name == "warning") return log::Level::warning;
    if (name == "error") return log::Level::error;
    return log::Level::info;
}

// On glibc's malloc (a host built without jemalloc, or with sanitizers; jemalloc
// ignores this) each thread that contends for the heap gets an arena of its own, up to
// eight per core; with one thread per keep-alive connection that is how the
// resident set grew from 26 MB at 8 connections to 37 MB at 64. One arena per
// core keeps it near the 8-connection figure (docs/performance.md). An
// administrator's MALLOC_ARENA_MAX still wins.
void limit_malloc_arenas() {
    if (std::getenv("MALLOC_ARENA_MAX")) return;
    const unsigned cores = std::thread::hardware_concurrency();
    mallopt(M_ARENA_MAX, static_cast<int>(cores < 2 ? 2 : cores));
}

}  // namespace

int run_serve(const Options& options) {
    limit_malloc_arenas();
    // Block the signals in every thread (threads inherit the mask) and take them
    // synchronously here, so shutdown runs in a normal context, not a handler.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    auto loaded = load_config_or_report(options);
    if (!loaded) return kExitUsage;
    config::HostConfig cfg = *loaded;
    if (options.port >= 0) cfg.http.port = static_cast<std::uint16_t>(options.port);
    log::set_threshold(level_named(cfg.log_level));

    std::error_code ec;
    std::filesystem::create_directories(cfg.data_directory, ec);
    if (ec) {
        log::error("host", "cannot create the data directory " + cfg.data_directory.string() +
                               ": " + ec.message());
        return kExitFailure;
    }

    // Storage and the domain configuration come first: without them nothing can be recorded.
    std::unique_ptr<storage::Database> db;
    std::optional<domain::DomainConfig> domain;
    try {
        db = core::open_database(cfg);
        domain = core::load_domain(cfg);
    } catch (const std::exception& e) {
        log::error("host", e.what());
        return kExitFailure;
    }
    log::info("host",
              "storage " + db->display_url() + ", calendar " + domain->sla.calendar().zone_name());
    auth::TokenStore tokens(*db);
    try {
        core::ensure_admin_token(tokens, cfg.data_directory);
        core::apply_instance_switches(*db, cfg);
    } catch (const std::exception& e) {
        log::error("host", e.what());
        return kExitFailure;
    }

    // Background jobs run where their lease is held: one host at a time when
    // several share the database.
    storage::Leases leases(
        *db, cfg.cluster.host_id.empty() ? storage::Leases::default_holder() : cfg.cluster.host_id,
        cfg.cluster.lease);
    log::info("cluster", "lease holder " + leases.holder());

    plugins::PluginManager plugins(cfg);
    plugins.discover();
    plugins.create_instances();

    // The complaint core exists before instances start: an intake may submit at once.
    domain::SystemClock clock;
    core::ComplaintService complaints(*db, *domain, clock, core::notifier_subscribers(plugins));
    core::OutboxDispatcher outbox(*db, plugins, clock,
                                  {cfg.outbox.max_attempts, cfg.outbox.first_retry,
                                   cfg.outbox.max_retry, cfg.outbox.poll, 100});
    complaints.set_after_commit([&outbox] { outbox.wake(); });
    complaints.set_classifiers(core::running_classifiers(plugins));
    outbox.set_escalation_handler(core::event_escalation(complaints));
    core::SlaSweep sla_sweep(complaints, core::running_escalations(plugins), cfg.sla_sweep);
    outbox.set_leases(&leases);
    sla_sweep.set_leases(&leases);
    core::ServiceGateway gateway(complaints, &leases);
    plugins.set_gateway(&gateway);

    plugins.start_instances();
    if (auto failed = plugins.failed_required(); !failed.empty()) {
        for (const auto* instance : failed)
            log::error("host",
                       "required instance " + instance->name() + " failed: " + instance->reason());
        plugins.shutdown();
        return kExitFailure;
    }
    outbox.start();
    core::TrainingSchedule training(*db, plugins);
    training.start();
    core::ReportSchedule reports(*db, plugins, clock, domain->sla.calendar());
    reports.set_after_commit([&outbox] { outbox.wake(); });
    reports.set_leases(&leases);
    reports.start();
    sla_sweep.start();
    core::InstanceSwitchSync switches(*db, plugins, cfg.cluster.sync);
    switches.start();
    http::Metrics metrics;
    http::ApiContext api{complaints, tokens, plugins, *db, metrics, cfg, *domain, leases};
    std::unique_ptr<http::HttpServer> server;
    int port = 0;
    try {
        server = std::make_unique<http::HttpServer>(cfg.http, api);
        port = server->bind();
    } catch (const std::exception& e) {
        log::error("host", e.what());
        plugins.shutdown();
        return kExitFailure;
    }
    server->start();
    log::info("host", std::string("listening on ") +
                          (cfg.http.tls_certificate.empty() ? "http" : "https") + "://" +
                          cfg.http.bind + ":" + std::to_string(port));

    for (;;) {
        int sig = 0;
        if (sigwait(&signals, &sig) != 0) continue;
        if (sig == SIGHUP) {
            log::info("host", "SIGHUP: reopening files");
            plugins.reopen();
            continue;
        }
        log::info("host", std::string(sig == SIGINT ? "SIGINT" : "SIGTERM") + ": shutting down");
        break;
    }
    if (auto stuck = plugins.stuck_instances(); !stuck.empty()) {
        // Stopping waits for every thread, and a thread stuck in a plugin never ends.
        // Everything acknowledged is already committed, so leaving now loses nothing.
        log::error("host", "calls are stuck in " + stuck +
                               ": exiting without waiting for them (nothing acknowledged is lost)");
        std::_Exit(plugins.failed_required().empty() ? kExitOk : kExitFailure);
    }
    // The order matters: no new requests, then no running instances, then no code.
    server->stop();
    switches.stop();
    training.stop();
    reports.stop();
    sla_sweep.stop();
    outbox.stop();
    leases.release_all();  // the other hosts take the jobs over now, not at expiry
    // A required instance that failed while running is what stopped the host.
    auto failed = plugins.failed_required();
    for (const auto* instance : failed)
        log::error("host",
                   "required instance " + instance->name() + " failed: " + instance->reason());
    plugins.shutdown();
    log::info("host", "stopped");
    return failed.empty() ? kExitOk : kExitFailure;
}

}  // namespace redress::cli
