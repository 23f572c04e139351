#pragma once

#include <string_view>

#include "config/host_config.hpp"
#include "domain/catalogue.hpp"
#include "domain/complaint.hpp"

namespace redress::core {

// True when `subscription` asks for events of `event_type` on complaints like
// `c` (the complaint as the event left it).
bool wants(const config::Subscription& subscription, std::string_view event_type,
           const domain::Complaint& c);

// Checks the instances' "where" conditions against the domain: a state,
// priority or channel Redress does not know, or a category or team the
// configuration does not have, would silently match nothing. Throws
// config::ConfigError naming each such value by its place in the file.
void check_subscriptions(const config::HostConfig& config, const domain::DomainConfig& domain);

}  // namespace redress::core
