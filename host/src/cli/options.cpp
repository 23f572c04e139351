#include "cli/options.hpp"

#include <cstdlib>
#include <map>
#include <stdexcept>

namespace redress::cli {
namespace {

const std::map<std::string, std::string>& command_help() {
    static const std::map<std::string, std::string> help = {
        {"serve",
         "Usage: redress serve [--config PATH] [--port N]\n"
         "Loads the plugins, starts every enabled instance and serves HTTP until SIGINT or\n"
         "SIGTERM. SIGHUP asks instances to reopen their files (log rotation).\n"
         "--port overrides http.port (0: any free port, logged).\n"
         "Exits 1 if an instance marked \"required\" fails, 2 if the configuration is invalid.\n"},
        {"plugins",
         "Usage: redress plugins [--config PATH] [--json]\n"
         "Lists every module found in the plugin paths and every configured instance with\n"
         "its kind, module version, API version, state and failure reason. Instances are\n"
         "created (their settings checked, their factory run) but not started.\n"
         "--json prints the document GET /admin/plugins serves.\n"},
        {"check-config",
         "Usage: redress check-config [--config PATH]\n"
         "Validates the configuration file and each instance's settings against the schema\n"
         "its plugin declares. Prints every problem as FILE: JSON-POINTER: PROBLEM and exits\n"
         "1 if there is any, 0 if the configuration is good.\n"},
        {"version",
         "Usage: redress version\nPrints the host version and the plugin API version.\n"},
        {"migrate",
         "Usage: redress migrate [--config PATH]\n"
         "Brings the database schema up to date (serve does it at start too) and lists the\n"
         "migrations with whether each was applied now.\n"},
        {"import",
         "Usage: redress import [--config PATH] --instance NAME FILE\n"
         "Hands FILE to the batch import of intake instance NAME (a CSV of phone calls,\n"
         "say) and prints its report. Complaints are recorded as by the running host;\n"
         "the host's outbox delivers their notifications.\n"},
        {"train",
         "Usage: redress train [--config PATH] --instance NAME [--json]\n"
         "Trains classifier instance NAME (one that learns, such as classifier_bayes) on the\n"
         "complaints in the store whose category a person gave, staff corrections first.\n"
         "The model is saved in the instance's data directory; a running host picks it up.\n"
         "Prints precision, recall and F1 per category on a held-out split (--json: the\n"
         "plugin's whole report).\n"},
        {"report",
         "Usage: redress report [--config PATH] --instance NAME --period PERIOD\n"
         "                      [--format html|csv|json] [--output FILE]\n"
         "Writes report instance NAME's document for PERIOD, a month (2026-10) or a\n"
         "quarter (2026-Q4) of the business calendar, to FILE or standard output. The\n"
         "figures are aggregated by the database, as for GET /api/v1/reports/NAME.\n"},
        {"token",
         "Usage: redress token create --name NAME --role ROLE\n"
         "       redress token list\n"
         "       redress token revoke --name NAME\n"
         "API tokens. create prints the new token once (only its hash is stored); roles are\n"
         "admin, supervisor, agent, intake and viewer (see docs/api.md).\n"},
        {"new-plugin",
         "Usage: redress new-plugin --kind KIND --name NAME DIR\n"
         "Writes a plugin project to start from into DIR (new or empty): CMakeLists.txt\n"
         "using find_package(RedressSDK), src/NAME.cpp deriving from the kind's base\n"
         "class, a Catch2 test that loads the built library, and a README. KIND is one\n"
         "of intake, classifier, escalation, notifier, report, frontend; NAME is the\n"
         "module id ([a-z][a-z0-9_]*). Builds with the redress-sdk-dev package.\n"},
        {"export",
         "Usage: redress export [--config PATH] [--output FILE]\n"
         "Writes every complaint with its full history (every event) as JSON lines, to\n"
         "FILE or standard output, archived ones included.\n"},
    };
    return help;
}

}  // namespace

std::string usage(const std::string& command) {
    const auto& help = command_help();
    if (auto it = help.find(command); it != help.end()) return it->second;
    return "Usage: redress [--config PATH] <command> [options]\n"
           "\n"
           "Redress, a complaint-handling CRM host.\n"
           "\n"
           "Commands:\n"
           "  serve          run the host: plugins and the HTTP endpoint\n"
           "  plugins        list modules and configured instances (--json)\n"
           "  check-config   validate the configuration and every instance's settings\n"
           "  migrate        bring the database schema up to date\n"
           "  export         write every complaint with its history as JSON lines (--output FILE)\n"
           "  token          create, list or revoke API tokens\n"
           "  import         hand a batch file to an intake instance (--instance NAME FILE)\n"
           "  report         a report instance's document for a period (--instance --period)\n"
           "  train          train a learning classifier on the store (--instance NAME)\n"
           "  new-plugin     write a plugin project to start from (--kind KIND --name NAME DIR)\n"
           "  version        print the host and plugin API versions\n"
           "\n"
           "Options:\n"
           "  --config PATH  configuration file (default: $REDRESS_CONFIG, else "
           "config/redress.json)\n"
           "  --help         this text, or a command's own with `redress <command> --help`\n";
}

Options parse_options(int argc, char** argv) {
    Options o;
    const char* env = std::getenv("REDRESS_CONFIG");
    o.config = env != nullptr && *env != '\0' ? env : "config/redress.json";
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            o.help = true;
        } else if (arg == "--config") {
            if (i + 1 >= argc) throw std::invalid_argument("--config needs a file path");
            o.config = argv[++i];
        } else if (arg.rfind("--config=", 0) == 0) {
            o.config = arg.substr(9);
        } else if (arg == "--name" || arg == "--role") {
            if (i + 1 >= argc) throw std::invalid_argument(arg + " needs a value");
            (arg == "--name" ? o.name : o.role) = argv[++i];
        } else if (arg == "--kind") {
            if (i + 1 >= argc) throw std::invalid_argument("--kind needs a plugin kind");
            o.kind = argv[++i];
        } else if (arg == "--port") {
            if (i + 1 >= argc) throw std::invalid_argument("--port needs a number");
            std::string value = argv[++i];
            if (value.empty() || value.size() > 5 ||
                value.find_first_not_of("0123456789") != std::string::npos ||
                std::stoi(value) > 65535)
                throw std::invalid_argument("--port needs a number from 0 to 65535, not \"" +
                                            value + "\"");
            o.port = std::stoi(value);
        } else if (arg == "--instance") {
            if (i + 1 >= argc) throw std::invalid_argument("--instance needs an instance name");
            o.instance = argv[++i];
        } else if (arg == "--output") {
            if (i + 1 >= argc) throw std::invalid_argument("--output needs a file path");
            o.output = argv[++i];
        } else if (arg == "--period" || arg == "--format") {
            if (i + 1 >= argc) throw std::invalid_argument(arg + " needs a value");
            (arg == "--period" ? o.period : o.format) = argv[++i];
        } else if (arg == "--json") {
            o.json = true;
        } else if (arg == "--version") {
            o.command = "version";
        } else if (!arg.empty() && arg[0] == '-') {
            throw std::invalid_argument("unknown option " + arg);
        } else if (o.command.empty()) {
            o.command = arg;
        } else {
            o.rest.push_back(arg);
        }
    }
    if (o.command.empty()) o.command = "help";
    if (o.command != "help" && !command_help().count(o.command))
        throw std::invalid_argument("unknown command \"" + o.command + "\"");
    bool takes_one = o.command == "token" || o.command == "import" || o.command == "new-plugin";
    if (o.rest.size() > (takes_one ? 1u : 0u))
        throw std::invalid_argument("unexpected argument \"" + o.rest.back() + "\"");
    if (!o.role.empty() && o.command != "token")
        throw std::invalid_argument("--role applies to `redress token` only");
    if (!o.name.empty() && o.command != "token" && o.command != "new-plugin")
        throw std::invalid_argument(
            "--name applies to `redress token` and `redress new-plugin` only");
    if (!o.kind.empty() && o.command != "new-plugin")
        throw std::invalid_argument("--kind applies to `redress new-plugin` only");
    if (o.port >= 0 && o.command != "serve")
        throw std::invalid_argument("--port applies to `redress serve` only");
    if (o.json && o.command != "plugins" && o.command != "train")
        throw std::invalid_argument("--json applies to `redress plugins` and `redress train` only");
    if (!o.instance.empty() && o.command != "import" && o.command != "train" &&
        o.command != "report")
        throw std::invalid_argument(
            "--instance applies to `redress import`, `redress train` and `redress report` only");
    if (!o.output.empty() && o.command != "export" && o.command != "report")
        throw std::invalid_argument(
            "--output applies to `redress export` and `redress report` only");
    if ((!o.period.empty() || !o.format.empty()) && o.command != "report")
        throw std::invalid_argument("--period and --format apply to `redress report` only");
    return o;
}

}  // namespace redress::cli
