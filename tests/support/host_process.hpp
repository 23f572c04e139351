#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace redress::test {

// The outcome of running the redress binary to completion.
struct CommandResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// Runs `redress <args...>` and waits for it.
CommandResult run_redress(const std::vector<std::string>& args);

// Starts `binary args...` with stdout and stderr going to files; returns its pid.
pid_t start_process(const std::string& binary, const std::vector<std::string>& args,
                    const std::filesystem::path& out, const std::filesystem::path& err);
// Waits for a process to end; its exit code (128+signal if killed), or -1 on timeout.
int wait_process(pid_t pid, std::chrono::milliseconds timeout);

// A real `redress serve` process. Its stderr goes to a file; the port is read
// from the "listening on" line, so configs use port 0 and never collide.
class HostProcess {
  public:
    explicit HostProcess(const std::filesystem::path& config);
    ~HostProcess();
    HostProcess(const HostProcess&) = delete;
    HostProcess& operator=(const HostProcess&) = delete;

    // Waits until the host listens (true) or exits (false).
    bool wait_until_listening(std::chrono::milliseconds timeout = std::chrono::seconds(15));
    int port() const noexcept { return port_; }
    // Sends `sig` and waits for the exit status (-1 on timeout).
    int stop(int sig = 15, std::chrono::milliseconds timeout = std::chrono::seconds(15));
    // Waits for the process to end by itself; returns its exit status (-1 on timeout).
    int wait_exit(std::chrono::milliseconds timeout = std::chrono::seconds(15));
    void signal(int sig) const;
    std::string log() const;
    // The admin token the host wrote on its first start (data/admin-token beside the config).
    std::string admin_token() const;

  private:
    std::filesystem::path config_dir_;
    std::filesystem::path log_file_;
    pid_t pid_ = -1;
    int port_ = 0;
    std::optional<int> exit_code_;
};

// The "domain" section naming the shipped configuration files by absolute path.
nlohmann::json shipped_domain_files();

// An RFC 3339 time `days` days from now (10:00 UTC): deadlines a host on the
// real clock accepts whenever the test runs.
std::string days_from_now(int days);

// A minimal host configuration: port 0, the fixture directory as plugin path,
// data under `dir`, and these instances; `overrides` is merged in (RFC 7396).
// Returns the written file.
std::filesystem::path write_host_config(const std::filesystem::path& dir,
                                        const nlohmann::json& instances,
                                        const nlohmann::json& overrides = nullptr);

}  // namespace redress::test
