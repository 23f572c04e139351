// time_text: the host's times ("2026-11-23T02:00:00.000Z", always UTC) shifted
// by seconds, keeping the same form, so they also compare as text.
#pragma once

#include <string>

namespace escalation_sla {

// "" when `utc` is not such a time.
std::string shift(const std::string& utc, double seconds);

}  // namespace escalation_sla
