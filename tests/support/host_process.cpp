#include "host_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <regex>
#include <stdexcept>
#include <thread>

#include "domain/time.hpp"
#include "paths.hpp"
#include "temp_dir.hpp"

extern char** environ;

namespace redress::test {
namespace {

pid_t spawn_binary(std::string binary, const std::vector<std::string>& args,
                   const std::filesystem::path& out, const std::filesystem::path& err) {
    std::vector<char*> argv;
    argv.push_back(binary.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_t pid = -1;
    int rc = posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw std::runtime_error("cannot start " + binary);
    return pid;
}

pid_t spawn(const std::vector<std::string>& args, const std::filesystem::path& out,
            const std::filesystem::path& err) {
    return spawn_binary(kRedressBinary, args, out, err);
}

// Polls for the exit of `pid`; returns the exit code (128+signal if killed) or nullopt.
std::optional<int> poll_exit(pid_t pid, std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        int status = 0;
        pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        if (std::chrono::steady_clock::now() > deadline) return std::nullopt;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

}  // namespace

pid_t start_process(const std::string& binary, const std::vector<std::string>& args,
                    const std::filesystem::path& out, const std::filesystem::path& err) {
    return spawn_binary(binary, args, out, err);
}

int wait_process(pid_t pid, std::chrono::milliseconds timeout) {
    return poll_exit(pid, timeout).value_or(-1);
}

CommandResult run_redress(const std::vector<std::string>& args) {
    TempDir dir;
    pid_t pid = spawn(args, dir / "out", dir / "err");
    CommandResult r;
    r.exit_code = poll_exit(pid, std::chrono::seconds(60)).value_or(-1);
    r.out = read_file(dir / "out");
    r.err = read_file(dir / "err");
    return r;
}

HostProcess::HostProcess(const std::filesystem::path& config)
    : config_dir_(config.parent_path()),
      log_file_(config.parent_path() /
                ("host-" + std::to_string(::getpid()) + "-" +
                 std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) +
                 ".log")) {
    pid_ = spawn({"serve", "--config", config.string()}, "/dev/null", log_file_);
}

HostProcess::~HostProcess() {
    if (!exit_code_ && pid_ > 0) {
        ::kill(pid_, SIGKILL);
        poll_exit(pid_, std::chrono::seconds(5));
    }
}

bool HostProcess::wait_until_listening(std::chrono::milliseconds timeout) {
    static const std::regex listening(R"(listening on https?://[^:]+:(\d+))");
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        std::smatch m;
        std::string text = log();
        if (std::regex_search(text, m, listening)) {
            port_ = std::stoi(m[1]);
            return true;
        }
        if (!exit_code_) exit_code_ = poll_exit(pid_, std::chrono::milliseconds(0));
        if (exit_code_) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
}

void HostProcess::signal(int sig) const {
    ::kill(pid_, sig);
}

int HostProcess::stop(int sig, std::chrono::milliseconds timeout) {
    if (!exit_code_) signal(sig);
    return wait_exit(timeout);
}

int HostProcess::wait_exit(std::chrono::milliseconds timeout) {
    if (!exit_code_) exit_code_ = poll_exit(pid_, timeout);
    return exit_code_.value_or(-1);
}

std::string HostProcess::log() const {
    return read_file(log_file_);
}

std::string HostProcess::admin_token() const {
    std::string token = read_file(config_dir_ / "data" / "admin-token");
    while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) token.pop_back();
    return token;
}

nlohmann::json shipped_domain_files() {
    std::string dir = std::string(REDRESS_TEST_SOURCE_DIR) + "/config/";
    return {{"categories", dir + "categories.json"},
            {"responsibility", dir + "responsibility.json"},
            {"sla", dir + "sla.json"},
            {"calendar", dir + "calendars/cn-2026.json"}};
}

std::filesystem::path write_host_config(const std::filesystem::path& dir,
                                        const nlohmann::json& instances,
                                        const nlohmann::json& overrides) {
    nlohmann::json cfg = {{"data_directory", (dir / "data").string()},
                          {"plugins", {{"paths", {kFixtureDir, kPluginDir}}}},
                          {"http", {{"bind", "127.0.0.1"}, {"port", 0}, {"threads", 4}}},
                          {"domain", shipped_domain_files()},
                          {"instances", instances}};
    if (overrides.is_object()) cfg.merge_patch(overrides);
    auto file = dir / "redress.json";
    write_file(file, cfg.dump(2));
    return file;
}

std::string days_from_now(int days) {
    using namespace std::chrono;
    auto day = floor<std::chrono::days>(system_clock::now()) + std::chrono::days(days);
    return domain::format_time(time_point_cast<milliseconds>(day + hours(10)));
}

}  // namespace redress::test
