#include <redress/redress.h>

#include <cstdio>

#include "cli/commands.hpp"
#include "version.hpp"

namespace redress::cli {

int run_version() {
    std::printf("redress %s (plugin API %d.%d)\n", kRedressVersion, REDRESS_API_VERSION_MAJOR,
                REDRESS_API_VERSION_MINOR);
    return kExitOk;
}

}  // namespace redress::cli
