#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "domain/catalogue.hpp"
#include "domain/time.hpp"

namespace redress::test {

// The shipped configuration: categories, responsibility matrix, SLA and the
// 2026 Chinese calendar (Asia/Shanghai).
const domain::DomainConfig& shipped_domain();

// "2026-11-23 10:00" in Asia/Shanghai.
domain::Time shanghai(const std::string& local);

// A complete intake request for a phone complaint.
nlohmann::json sample_intake(const std::string& priority = "normal");
// A short phone complaint whose description carries `n` (and `padding` more bytes).
nlohmann::json numbered_intake(long long n, std::size_t padding = 0);

}  // namespace redress::test
