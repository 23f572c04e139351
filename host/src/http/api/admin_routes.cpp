#include <httplib.h>

#include <regex>

#include <soci/soci.h>

#include "config/json_text.hpp"
#include "core/instance_sync.hpp"
#include "domain/time.hpp"
#include "http/api/api_context.hpp"
#include "http/api/query.hpp"
#include "http/api/router.hpp"
#include "http/problem.hpp"
#include "log/logger.hpp"
#include "storage/database.hpp"

namespace redress::http {
using auth::Permission;
using nlohmann::json;

namespace {

// Secrets never leave the host: members named like one, and passwords in URLs.
void redact(json& value) {
    static const std::regex secret_name("(password|passwd|secret|token|private_key|api_key)",
                                        std::regex::icase);
    static const std::regex url_password(R"(://([^:/@]*):([^@]*)@)");
    if (value.is_object()) {
        for (auto& [key, member] : value.items()) {
            if (std::regex_search(key, secret_name) && (member.is_string() || member.is_number()))
                member = "***";
            else
                redact(member);
        }
    } else if (value.is_array()) {
        for (auto& item : value) redact(item);
    } else if (value.is_string()) {
        value = std::regex_replace(value.get<std::string>(), url_password, "://$1:***@");
    }
}

std::string gauges(ApiContext& ctx) {
    std::string out =
        "# HELP redress_complaints Complaints by state and priority.\n# TYPE redress_complaints "
        "gauge\n";
    storage::Session s(ctx.db);
    {
        std::string state, priority;
        long long n = 0;
        soci::statement st =
            (s.prepare
                 << "SELECT state, priority, COUNT(*) FROM complaints GROUP BY state, priority",
             soci::into(state), soci::into(priority), soci::into(n));
        st.execute();
        while (st.fetch())
            out += "redress_complaints{state=\"" + state + "\",priority=\"" + priority + "\"} " +
                   std::to_string(n) + "\n";
    }
    long long overdue = 0, backlog = 0, dead = 0;
    long long now = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count();
    s << "SELECT COUNT(*) FROM complaints WHERE next_due_at IS NOT NULL AND next_due_at < :now",
        soci::use(now), soci::into(overdue);
    s << "SELECT COUNT(*) FROM outbox WHERE state = 'pending'", soci::into(backlog);
    s << "SELECT COUNT(*) FROM outbox WHERE state = 'dead'", soci::into(dead);
    out +=
        "# HELP redress_sla_breached_complaints Open complaints with an overdue SLA milestone.\n"
        "# TYPE redress_sla_breached_complaints gauge\nredress_sla_breached_complaints " +
        std::to_string(overdue) + "\n";
    out +=
        "# HELP redress_outbox_backlog Notifier deliveries waiting.\n# TYPE redress_outbox_backlog "
        "gauge\n"
        "redress_outbox_backlog " +
        std::to_string(backlog) + "\n";
    out +=
        "# HELP redress_outbox_dead Deliveries given up on.\n# TYPE redress_outbox_dead gauge\n"
        "redress_outbox_dead " +
        std::to_string(dead) + "\n";
    out +=
        "# HELP redress_plugin_failed_calls_total Calls into a plugin instance that failed.\n"
        "# TYPE redress_plugin_failed_calls_total counter\n";
    std::string states =
        "# HELP redress_plugin_instance_up 1 when the instance is running.\n"
        "# TYPE redress_plugin_instance_up gauge\n";
    for (const auto& instance : ctx.plugins.instances()) {
        json st = instance->status();
        std::string labels = "instance=\"" + prometheus_label(instance->name()) + "\",kind=\"" +
                             instance->config().kind + "\"";
        out += "redress_plugin_failed_calls_total{" + labels + "} " +
               std::to_string(st["failed_calls"].get<long long>()) + "\n";
        states += "redress_plugin_instance_up{" + labels + ",state=\"" +
                  st["state"].get<std::string>() + "\"} " + (st["state"] == "running" ? "1" : "0") +
                  "\n";
    }
    return out + states;
}

}  // namespace

void add_admin_routes(Router& router, ApiContext& ctx) {
    router.add({"GET", "/healthz", "Liveness: 200 while the host serves", Access::public_route(),
                nullptr, 200, "admin"},
               [](const httplib::Request&, httplib::Response& res, const Caller&) {
                   res.set_content(R"({"status":"ok"})", "application/json");
               });

    router.add({"GET", "/admin/plugins",
                "Modules found and configured instances with their state and reasons",
                Access::needs(Permission::admin), nullptr, 200, "admin"},
               [&ctx](const httplib::Request&, httplib::Response& res, const Caller&) {
                   send_json(res, 200, ctx.plugins.status());
               });

    for (bool enable : {false, true}) {
        std::string verb = enable ? "enable" : "disable";
        router.add({"POST", "/admin/instances/{name}/" + verb,
                    std::string(enable ? "Create and start" : "Stop and free") +
                        " a plugin instance now; remembered across restarts",
                    Access::needs(Permission::admin), nullptr, 200, "admin"},
                   [&ctx, enable, verb](const httplib::Request& req, httplib::Response& res,
                                        const Caller& caller) {
                       std::string name = req.matches[1].str();
                       if (ctx.plugins.find(name) == nullptr)
                           throw HttpError{404, "no instance named " + name};
                       std::string why;
                       if (!ctx.plugins.set_enabled(name, enable, why)) throw HttpError{409, why};
                       core::record_switch(ctx.db, name, enable, caller.name());
                       log::info("admin", caller.name() + " " + verb + "d instance " + name);
                       send_json(res, 200, ctx.plugins.find(name)->status());
                   });
    }

    router.add({"GET", "/admin/cluster",
                "This host's lease-holder name and every background job's lease: which host "
                "runs it, until when",
                Access::needs(Permission::admin), nullptr, 200, "admin"},
               [&ctx](const httplib::Request&, httplib::Response& res, const Caller&) {
                   send_json(res, 200,
                             {{"host", ctx.leases.holder()},
                              {"lease_seconds", ctx.leases.period().count() / 1000},
                              {"leases", ctx.leases.list()}});
               });

    RouteSpec upload{
        "POST",
        "/admin/instances/{name}/import",
        "Hand the request body (a CSV file, JSON lines...) to an intake instance's batch import",
        Access::needs(Permission::admin),
        nullptr,
        200,
        "admin"};
    upload.request_schema = {{"type", "string"},
                             {"description", "the batch, in the instance's own format"}};
    router.add(upload, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller&) {
        std::string name = req.matches[1].str();
        plugins::Instance* instance = ctx.plugins.find(name);
        if (instance == nullptr) throw HttpError{404, "no instance named " + name};
        if (instance->kind() != REDRESS_KIND_INTAKE)
            throw HttpError{409, "instance " + name + " is not an intake"};
        std::string report;
        auto result = instance->import_batch(req.body, report);
        if (result.status == REDRESS_UNSUPPORTED) throw HttpError{409, result.error};
        if (!result.ok())
            throw HttpError{result.status == REDRESS_INVALID ? 422 : 500, result.error};
        auto parsed = json::parse(report, nullptr, false);
        res.status = 200;
        if (parsed.is_discarded())
            res.set_content(report, "text/plain; charset=utf-8");
        else
            res.set_content(parsed.dump(2), "application/json");
    });

    router.add({"GET", "/admin/config", "The configuration in force, secrets redacted",
                Access::needs(Permission::admin), nullptr, 200, "admin"},
               [&ctx](const httplib::Request&, httplib::Response& res, const Caller&) {
                   json doc = config::parse_json_with_comments(
                       config::read_text_file(ctx.config.file), ctx.config.file.string());
                   redact(doc);
                   send_json(res, 200, doc);
               });

    router.add(
        {"GET",
         "/admin/outbox",
         "Notifier deliveries by state: pending, dead (given up on) or delivered",
         Access::needs(Permission::admin),
         nullptr,
         200,
         "admin",
         {{"state", "string", "pending (default), dead or delivered"},
          {"limit", "integer", "1-1000, default 100"}}},
        [&ctx](const httplib::Request& req, httplib::Response& res, const Caller&) {
            Query q(req, {"state", "limit"});
            std::string state = q.text("state").empty() ? "pending" : q.text("state");
            if (state != "pending" && state != "dead" && state != "delivered")
                throw HttpError{400, "query parameter \"state\": pending, dead or delivered"};
            int limit = static_cast<int>(q.integer("limit", 100, 1, 1000));
            storage::Session s(ctx.db);
            long long id = 0, event_id = 0, run_id = 0, next = 0, delivered = 0;
            int attempts = 0;
            std::string subscriber, error;
            soci::indicator error_ind = soci::i_null, delivered_ind = soci::i_null,
                            event_ind = soci::i_null, run_ind = soci::i_null;
            soci::statement st =
                (s.prepare << "SELECT id, event_id, report_run_id, subscriber, attempts,"
                              " next_attempt_at, last_error, delivered_at"
                              " FROM outbox WHERE state = :state ORDER BY id DESC LIMIT :limit",
                 soci::into(id), soci::into(event_id, event_ind), soci::into(run_id, run_ind),
                 soci::into(subscriber), soci::into(attempts), soci::into(next),
                 soci::into(error, error_ind), soci::into(delivered, delivered_ind),
                 soci::use(state), soci::use(limit));
            st.execute();
            json rows = json::array();
            while (st.fetch())
                rows.push_back(
                    {{"id", id},
                     {"event_id", event_ind == soci::i_ok ? json(event_id) : json(nullptr)},
                     {"report_run_id", run_ind == soci::i_ok ? json(run_id) : json(nullptr)},
                     {"subscriber", subscriber},
                     {"state", state},
                     {"attempts", attempts},
                     {"next_attempt_at", domain::format_time(domain::from_millis(next))},
                     {"last_error", error_ind == soci::i_ok ? json(error) : json(nullptr)},
                     {"delivered_at",
                      delivered_ind == soci::i_ok
                          ? json(domain::format_time(domain::from_millis(delivered)))
                          : json(nullptr)}});
            send_json(res, 200, {{"deliveries", rows}});
        });

    router.add({"POST", "/admin/outbox/{id}/retry",
                "Send a dead-lettered delivery again, from its first attempt",
                Access::needs(Permission::admin), nullptr, 200, "admin"},
               [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
                   std::string text = req.matches[1].str();
                   if (text.empty() || text.size() > 18 ||
                       text.find_first_not_of("0123456789") != std::string::npos)
                       throw HttpError{404, "no delivery " + text};
                   long long id = std::stoll(text),
                             now = domain::to_millis(domain::SystemClock().now());
                   storage::Session s(ctx.db);
                   soci::statement st =
                       (s.prepare << "UPDATE outbox SET state = 'pending', attempts = 0,"
                                     " next_attempt_at = :now WHERE id = :id AND state = 'dead'",
                        soci::use(now), soci::use(id));
                   st.execute(true);
                   if (st.get_affected_rows() != 1) {
                       int exists = 0;
                       s << "SELECT COUNT(*) FROM outbox WHERE id = :id", soci::use(id),
                           soci::into(exists);
                       throw HttpError{exists ? 409 : 404,
                                       exists ? "delivery " + text + " is not dead-lettered"
                                              : "no delivery " + text};
                   }
                   log::info("admin", caller.name() + " retries delivery " + text);
                   send_json(res, 200, {{"id", id}, {"state", "pending"}});
               });

    RouteSpec metrics{"GET",
                      "/metrics",
                      "Prometheus metrics: requests, latency, complaints, SLA, plugins, outbox",
                      Access::needs(Permission::metrics),
                      nullptr,
                      200,
                      "admin"};
    metrics.success_media_type = "text/plain";
    router.add(metrics, [&ctx](const httplib::Request&, httplib::Response& res, const Caller&) {
        res.set_content(ctx.metrics.render(gauges(ctx)), "text/plain; version=0.0.4");
    });
}

}  // namespace redress::http
