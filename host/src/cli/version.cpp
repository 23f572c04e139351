#include <redress/redress.h>

#include <cstddef>
#include <cstdio>

#include "cli/commands.hpp"
#include "version.hpp"

// Present when jemalloc is in the process (linked into the host, or preloaded):
// the allocator line says which one serves the host and with what settings.
extern "C" int mallctl(const char* name, void* oldp, std::size_t* oldlenp, void* newp,
                       std::size_t newlen) __attribute__((weak));

namespace redress::cli {

namespace {

template <typename T>
T jemalloc_value(const char* name) {
    T value{};
    std::size_t size = sizeof value;
    if (mallctl(name, &value, &size, nullptr, 0) != 0) return T{};
    return value;
}

void print_allocator() {
    if (!mallctl) {
        std::printf("allocator: system malloc\n");
        return;
    }
    const char* version = jemalloc_value<const char*>("version");
    std::printf("allocator: jemalloc %s (narenas %u, tcache_max %zu, dirty_decay_ms %zd)\n",
                version ? version : "?", jemalloc_value<unsigned>("opt.narenas"),
                jemalloc_value<std::size_t>("opt.tcache_max"),
                jemalloc_value<ssize_t>("opt.dirty_decay_ms"));
}

}  // namespace

int run_version() {
    std::printf("redress %s (plugin API %d.%d)\n", kRedressVersion, REDRESS_API_VERSION_MAJOR,
                REDRESS_API_VERSION_MINOR);
    print_allocator();
    return kExitOk;
}

}  // namespace redress::cli
