// jemalloc's settings for the host, read by jemalloc before main() (compiled in
// only when the host is linked with it). The host runs a thread per keep-alive
// connection and allocates most in short JSON trees: one arena keeps the
// memory of idle threads shared, and a small per-thread cache of small sizes
// keeps most of jemalloc's speed without a large cache in every thread.
// Measured in docs/performance.md ("CPU per complaint"): against glibc's
// malloc about a fifth less CPU per complaint, at the same resident memory.
// An administrator's MALLOC_CONF is applied after these and wins.
#include <jemalloc/jemalloc.h>

extern "C" {
const char* malloc_conf =
    "narenas:1,tcache_max:1024,tcache_nslots_small_max:32,dirty_decay_ms:1000,muzzy_decay_ms:0";
}
