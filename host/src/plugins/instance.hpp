#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <string>
#include <string_view>

#include <redress/redress.h>
#include <nlohmann/json.hpp>

#include "config/host_config.hpp"
#include "plugins/module.hpp"

namespace redress::plugins {
class Instance;
}

// The host's side of one instance's identity, handed to the plugin as an opaque pointer.
struct redress_host_context {
    redress::plugins::Instance* instance;
};

namespace redress::plugins {

enum class InstanceState { configured, disabled, failed, created, running, stopped };
std::string_view state_name(InstanceState state);

// The outcome of one call into a plugin.
struct CallResult {
    redress_status status = REDRESS_OK;
    std::string error;  // the plugin's message when status != REDRESS_OK
    bool ok() const noexcept { return status == REDRESS_OK; }
};

// One configured instance of a plugin kind. Owns the plugin's object between
// create() and destroy(); every call into the plugin goes through here, so that
// calls can be counted, refused when the instance is not running, and drained
// before the instance is destroyed.
class Instance {
  public:
    explicit Instance(config::InstanceConfig config);
    ~Instance();
    Instance(const Instance&) = delete;
    Instance& operator=(const Instance&) = delete;

    const config::InstanceConfig& config() const noexcept { return config_; }
    const std::string& name() const noexcept { return config_.name; }
    redress_kind kind() const noexcept { return kind_; }
    const std::shared_ptr<Module>& module() const noexcept { return module_; }
    InstanceState state() const;
    std::string reason() const;

    // Marks the instance failed (before or after creation) with a reason.
    void fail(std::string reason);
    void disable();
    // Checks the module provides the kind and the settings follow its schema, and
    // fills in the schema's defaults. Returns false (and the instance is failed) if not.
    bool configure(std::shared_ptr<Module> module);
    // Runs the factory of a configured instance.
    void create(const std::filesystem::path& data_directory);
    void start();
    // Refuses new calls, waits for calls in flight, then calls the plugin's stop.
    void stop();
    void reopen();
    // Frees the plugin's object (after stop). Safe to call in any state.
    void destroy();
    // At run time: stop and free a running instance and mark it disabled; or
    // bring a disabled (well-configured) one up. Returns false with `why` if not possible.
    bool switch_off(std::string& why);
    bool switch_on(const std::filesystem::path& data_directory, std::string& why);

    // The kind-specific calls. Each refuses (REDRESS_ERROR, "not running") unless running.
    CallResult deliver(std::string_view event);
    CallResult classify(std::string_view complaint, std::string& proposal);
    // REDRESS_UNSUPPORTED when the classifier does not learn (or predates API 1.2).
    CallResult train(std::string_view examples, std::string& report);
    CallResult evaluate(std::string_view trigger, std::string& decisions);
    CallResult generate(std::string_view request, std::string& content_type, std::string& document);
    CallResult import_batch(std::string_view input, std::string& result);
    // Front-ends, and intakes that serve pages (API 1.2; else REDRESS_UNSUPPORTED).
    CallResult handle_http(const redress_http_request& request,
                           const redress_http_response& response);

    nlohmann::json status() const;

    // Containment: called by the watchdog. Marks a running instance failed ("timed
    // out") when one of its calls has run longer than its call_timeout; the stuck
    // call keeps its thread, the instance takes no more calls, and it is never
    // stopped, freed or unloaded (that would pull the code from under the call).
    // Returns true when it timed the instance out now.
    bool check_timeout(std::chrono::steady_clock::time_point now);
    // A call is stuck in the plugin: the instance can be neither stopped nor restarted.
    bool abandoned() const noexcept { return abandoned_; }

    // Used by the host function table.
    const std::string& settings_text() const noexcept { return settings_text_; }
    const std::string& data_directory() const noexcept { return data_directory_; }
    void report_error(bool fatal, std::string message);
    // The complaint core plugins may call (nullptr: none in this command).
    void set_gateway(class ComplaintGateway* gateway) noexcept { gateway_ = gateway; }
    class ComplaintGateway* gateway() const noexcept {
        return gateway_;
    }

  private:
    template <class Calls, class F>
    CallResult call(F&& f);
    // Calls an optional function appended to a kind's table after API 1.0: the
    // plugin's table may predate it, or leave it NULL.
    template <class Calls, class Fn, class F>
    CallResult call_optional(Fn Calls::*member, std::string_view what, F&& f);
    void set_state(InstanceState state, std::string reason = {});
    // A running instance failed: marked failed; a required one stops the host.
    void fail_at_run_time(std::string reason);
    bool refuse_while_stuck(std::string& why) const;  // false, with why

    config::InstanceConfig config_;
    redress_kind kind_;
    std::shared_ptr<Module> module_;
    const redress_kind_provider* provider_ = nullptr;
    redress_host_context context_{this};
    std::string settings_text_;
    std::string data_directory_;

    class ComplaintGateway* gateway_ = nullptr;
    void* self_ = nullptr;
    const redress_instance_calls* calls_ = nullptr;

    mutable std::mutex status_mutex_;
    InstanceState state_ = InstanceState::configured;
    std::string reason_;
    std::string last_error_;
    std::atomic<std::uint64_t> calls_total_{0};
    std::atomic<std::uint64_t> calls_failed_{0};
    std::atomic<int> failures_in_a_row_{0};
    std::atomic<bool> abandoned_{false};
    // Start times of the calls in flight, oldest first, for the watchdog.
    mutable std::mutex in_flight_mutex_;
    std::multiset<std::chrono::steady_clock::time_point> in_flight_;

    // Kind calls hold it shared; start, stop and destroy hold it exclusively, which
    // drains the calls in flight.
    std::shared_mutex lifecycle_mutex_;
};

}  // namespace redress::plugins
