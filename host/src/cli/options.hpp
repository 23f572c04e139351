#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace redress::cli {

// The parsed command line: `redress [--config PATH] <command> [options]`.
struct Options {
    std::string command;            // serve, plugins, check-config, version, help
    std::filesystem::path config;   // --config, else $REDRESS_CONFIG, else config/redress.json
    bool json = false;              // plugins and train --json
    bool help = false;              // --help on any command
    std::string output;             // export and report --output FILE
    std::string period;             // report --period
    std::string format;             // report --format
    std::string name;               // token and new-plugin --name
    std::string kind;               // new-plugin --kind
    int port = -1;                  // serve --port (-1: as configured)
    std::string role;               // token create --role
    std::string instance;           // import, train and report --instance
    std::vector<std::string> rest;  // arguments the command did not take
};

// Throws std::invalid_argument with a message naming the bad argument.
Options parse_options(int argc, char** argv);

// Usage text of one command, or of the whole program for "" / "help".
std::string usage(const std::string& command);

}  // namespace redress::cli
