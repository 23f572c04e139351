#include <cstdio>
#include <stdexcept>

#include "cli/commands.hpp"
#include "cli/options.hpp"

int main(int argc, char** argv) {
    using namespace redress::cli;
    Options options;
    try {
        options = parse_options(argc, argv);
    } catch (const std::invalid_argument& e) {
        std::fprintf(stderr, "redress: %s\n\n%s", e.what(), usage("").c_str());
        return kExitUsage;
    }
    if (options.help || options.command == "help") {
        std::printf("%s", usage(options.command).c_str());
        return kExitOk;
    }
    try {
        if (options.command == "serve") return run_serve(options);
        if (options.command == "plugins") return run_plugins(options);
        if (options.command == "check-config") return run_check_config(options);
        if (options.command == "version") return run_version();
        if (options.command == "migrate") return run_migrate(options);
        if (options.command == "export") return run_export(options);
        if (options.command == "token") return run_token(options);
        if (options.command == "import") return run_import(options);
        if (options.command == "train") return run_train(options);
        if (options.command == "report") return run_report(options);
        if (options.command == "new-plugin") return run_new_plugin(options);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "redress %s: %s\n", options.command.c_str(), e.what());
        return kExitFailure;
    }
    return kExitUsage;
}
