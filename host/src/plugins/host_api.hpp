#pragma once

#include <redress/redress.h>

namespace redress::plugins {

// The function table every instance receives. Static; valid for the process lifetime.
const redress_host_api& host_api() noexcept;

}  // namespace redress::plugins
