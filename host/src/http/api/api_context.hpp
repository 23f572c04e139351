#pragma once

#include "auth/token_store.hpp"
#include "config/host_config.hpp"
#include "core/complaint_service.hpp"
#include "domain/catalogue.hpp"
#include "http/metrics.hpp"
#include "plugins/plugin_manager.hpp"
#include "storage/database.hpp"
#include "storage/leases.hpp"

namespace redress::http {

// What the API's routes work with.
struct ApiContext {
    core::ComplaintService& complaints;
    auth::TokenStore& tokens;
    plugins::PluginManager& plugins;
    storage::Database& db;
    Metrics& metrics;
    const config::HostConfig& config;
    const domain::DomainConfig& domain;
    storage::Leases& leases;
};

class Router;

// /api/v1: complaints, their actions, customers' histories, the event feed, categories.
void add_complaint_routes(Router& router, ApiContext& ctx);
// /api/v1/reports/{instance}.
void add_report_routes(Router& router, ApiContext& ctx);
// /admin and /metrics.
void add_admin_routes(Router& router, ApiContext& ctx);
// GET /api/v1/openapi.json, built from every route added before it.
void add_openapi_route(Router& router);

}  // namespace redress::http
