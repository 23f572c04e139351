#pragma once

#include <filesystem>

#include "auth/token_store.hpp"
#include "config/host_config.hpp"
#include "storage/database.hpp"

namespace redress::core {

// With no active admin token, creates one and writes it to
// "<data dir>/admin-token", readable by the host's user only, and logs where.
void ensure_admin_token(auth::TokenStore& tokens, const std::filesystem::path& data_directory);

// Applies the instance switches made through the admin API (they outlive restarts).
void apply_instance_switches(storage::Database& db, config::HostConfig& config);

}  // namespace redress::core
