// The intake benchmark: complaints created over HTTP against a real host with
// the shipped plugins, at several numbers of keep-alive connections, beside
// the two floors (a bare cpp-httplib server answering a fixed 201, and bare
// SQLite inserts of the same row with the same durability), plus the host's
// start-up time and memory.
#pragma once

#include "bench_util.hpp"

namespace redress::bench {

int intake_command(const Args& args);
// A long run at steady load, the host's memory and open files sampled as it goes.
int soak_command(const Args& args);

}  // namespace redress::bench
