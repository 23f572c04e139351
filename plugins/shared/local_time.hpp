// local_time: a host time ("2026-11-24T02:00:00.000Z", UTC) as people in one
// time zone read it.
#pragma once

#include <string>

namespace redress_plugins {

// Shown at `offset` ("+08:00"): "2026-11-24 10:00 (UTC+08:00)"; `iso_utc` as it
// is when it is not such a time.
std::string local_time(const std::string& iso_utc, const std::string& offset);

}  // namespace redress_plugins
