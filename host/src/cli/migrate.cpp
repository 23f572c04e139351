#include <cstdio>

#include "cli/commands.hpp"
#include "core/runtime.hpp"
#include "storage/migrations.hpp"

namespace redress::cli {

int run_migrate(const Options& options) {
    auto cfg = load_config_or_report(options);
    if (!cfg) return kExitUsage;
    auto db =
        storage::Database::open(cfg->storage_url, cfg->data_directory, 1, cfg->storage_schema);
    for (const auto& m : storage::migrate(*db))
        std::printf("%3d  %-40s %s\n", m.version, m.name.c_str(),
                    m.applied_now ? "applied now" : "already applied");
    std::printf("%s: schema version %d\n", db->display_url().c_str(),
                storage::latest_schema_version());
    return kExitOk;
}

}  // namespace redress::cli
