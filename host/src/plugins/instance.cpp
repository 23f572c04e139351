#include "plugins/instance.hpp"

#include <signal.h>
#include <unistd.h>

#include "config/schema.hpp"
#include "log/logger.hpp"
#include "plugins/host_api.hpp"
#include "plugins/kind.hpp"
#include "plugins/sink.hpp"

namespace redress::plugins {
namespace fs = std::filesystem;
using nlohmann::json;

std::string_view state_name(InstanceState state) {
    switch (state) {
        case InstanceState::configured:
            return "configured";
        case InstanceState::disabled:
            return "disabled";
        case InstanceState::failed:
            return "failed";
        case InstanceState::created:
            return "created";
        case InstanceState::running:
            return "running";
        case InstanceState::stopped:
            return "stopped";
    }
    return "unknown";
}

Instance::Instance(config::InstanceConfig config)
    : config_(std::move(config)),
      kind_(kind_from_name(config_.kind).value_or(static_cast<redress_kind>(0))) {}

Instance::~Instance() {
    stop();
    destroy();
}

InstanceState Instance::state() const {
    std::lock_guard lock(status_mutex_);
    return state_;
}

std::string Instance::reason() const {
    std::lock_guard lock(status_mutex_);
    return reason_;
}

void Instance::set_state(InstanceState state, std::string reason) {
    std::lock_guard lock(status_mutex_);
    state_ = state;
    reason_ = std::move(reason);
}

void Instance::fail(std::string reason) {
    log::error(config_.name, "failed: " + reason);
    set_state(InstanceState::failed, std::move(reason));
}

void Instance::fail_at_run_time(std::string reason) {
    {
        std::lock_guard lock(status_mutex_);
        if (state_ != InstanceState::running) return;  // already failed, stopped or switched off
    }
    fail(reason);
    if (config_.required) {
        // The pipeline cannot go on without it: stop the host the way SIGTERM does.
        log::error("host", "required instance " + config_.name + " failed; stopping the host");
        ::kill(::getpid(), SIGTERM);
    }
}

bool Instance::check_timeout(std::chrono::steady_clock::time_point now) {
    if (config_.call_timeout.count() <= 0 || abandoned_) return false;
    std::chrono::steady_clock::duration running{};
    {
        std::lock_guard flight(in_flight_mutex_);
        if (in_flight_.empty()) return false;
        running = now - *in_flight_.begin();
    }
    if (running <= config_.call_timeout) return false;
    abandoned_ = true;
    fail_at_run_time("timed out: a call has run for more than " +
                     std::to_string(config_.call_timeout.count()) +
                     " ms; it is left running and the instance takes no more calls");
    // The stuck call holds this module's code: it must never be unloaded.
    new std::shared_ptr<Module>(module_);
    return true;
}

void Instance::disable() {
    set_state(InstanceState::disabled);
}

bool Instance::configure(std::shared_ptr<Module> module) {
    module_ = std::move(module);
    if (!module_->ok()) {
        fail(module_->reason());
        return false;
    }
    const ProvidedKind* provided = module_->find(kind_);
    if (provided == nullptr) {
        std::string kinds;
        for (const auto& k : module_->kinds())
            kinds += (kinds.empty() ? "" : ", ") + std::string(kind_name(k.kind));
        fail("module " + module_->id() + " (" + module_->file().string() + ") provides no " +
             config_.kind + " (it provides: " + kinds + ")");
        return false;
    }
    auto violations = config::validate(provided->settings_schema, config_.settings,
                                       config_.pointer + "/settings");
    if (!violations.empty()) {
        std::string text;
        for (const auto& v : violations)
            text += (text.empty() ? "" : "; ") + v.pointer + ": " + v.message;
        fail("invalid settings: " + text);
        return false;
    }
    json settings = config_.settings;
    config::apply_defaults(provided->settings_schema, settings);
    settings_text_ = settings.dump();
    provider_ = provided->provider;
    return true;
}

void Instance::create(const fs::path& data_directory) {
    if (provider_ == nullptr || state() != InstanceState::configured) return;
    fs::path dir = data_directory / "plugins" / config_.name;
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return fail("cannot create its data directory " + dir.string() + ": " + ec.message());
    data_directory_ = dir.string();

    std::string error;
    StringSink sink(error);
    redress_instance out{sizeof(redress_instance), nullptr, nullptr};
    redress_status status = provider_->create(&host_api(), &context_, &out, sink.get());
    if (status != REDRESS_OK)
        return fail(
            module_->file().string() + ": the factory failed: " +
            (error.empty() ? "status " + std::to_string(status) + " without a message" : error));
    if (out.self == nullptr || out.calls == nullptr)
        return fail(module_->file().string() + ": the factory returned no instance");
    if (out.calls->destroy == nullptr || out.calls->struct_size < minimum_calls_size(kind_)) {
        if (out.calls->destroy != nullptr) out.calls->destroy(out.self);
        return fail(module_->file().string() + ": the factory returned a malformed " +
                    config_.kind + " call table (size " + std::to_string(out.calls->struct_size) +
                    ", expected at least " + std::to_string(minimum_calls_size(kind_)) + ")");
    }
    self_ = out.self;
    calls_ = out.calls;
    set_state(InstanceState::created);
}

void Instance::start() {
    std::unique_lock lock(lifecycle_mutex_);
    if (state() != InstanceState::created) return;
    if (calls_->start != nullptr) {
        std::string error;
        StringSink sink(error);
        redress_status status = calls_->start(self_, sink.get());
        if (status != REDRESS_OK)
            return fail(module_->file().string() + ": start failed: " +
                        (error.empty() ? "status " + std::to_string(status) + " without a message"
                                       : error));
    }
    set_state(InstanceState::running);
    log::info(config_.name,
              "running (" + module_->id() + " " + module_->version() + ", " + config_.kind + ")");
}

void Instance::stop() {
    if (abandoned_) return;  // a call is stuck inside: waiting for it would never end
    bool was_running = false;
    {
        std::lock_guard lock(status_mutex_);
        was_running = state_ == InstanceState::running;
        if (was_running) state_ = InstanceState::stopped;  // refuses new calls from now on
    }
    std::unique_lock lock(lifecycle_mutex_);  // waits for the calls in flight
    if (was_running && calls_->stop != nullptr) calls_->stop(self_);
}

void Instance::reopen() {
    std::shared_lock lock(lifecycle_mutex_);
    if (state() == InstanceState::running && calls_->reopen != nullptr) calls_->reopen(self_);
}

void Instance::destroy() {
    if (abandoned_) return;
    std::unique_lock lock(lifecycle_mutex_);
    if (self_ == nullptr) return;
    calls_->destroy(self_);
    self_ = nullptr;
}

bool Instance::refuse_while_stuck(std::string& why) const {
    why = "instance " + config_.name + " has a call stuck in the plugin: " + reason() +
          " (restart the host to free it)";
    return false;
}

bool Instance::switch_off(std::string& why) {
    if (state() == InstanceState::disabled) return true;
    if (abandoned_) return refuse_while_stuck(why);
    if (state() == InstanceState::failed && provider_ == nullptr) {
        why = "instance " + config_.name + " failed before it could run: " + reason();
        return false;
    }
    stop();
    destroy();
    set_state(InstanceState::disabled);
    log::info(config_.name, "disabled");
    return true;
}

bool Instance::switch_on(const fs::path& data_directory, std::string& why) {
    if (abandoned_) return refuse_while_stuck(why);
    failures_in_a_row_ = 0;
    InstanceState s = state();
    if (s == InstanceState::running) return true;
    if (provider_ == nullptr) {
        why = "instance " + config_.name + " cannot run: " + reason();
        return false;
    }
    stop();
    destroy();
    set_state(InstanceState::configured);
    create(data_directory);
    start();
    if (state() != InstanceState::running) {
        why = "instance " + config_.name + " did not start: " + reason();
        return false;
    }
    return true;
}

void Instance::report_error(bool fatal, std::string message) {
    log::write(fatal ? log::Level::error : log::Level::warning, config_.name, message);
    std::lock_guard lock(status_mutex_);
    last_error_ = message;
    if (fatal && state_ != InstanceState::failed) {
        state_ = InstanceState::failed;
        reason_ = "the plugin reported a fatal error: " + message;
    }
}

template <class Calls, class F>
CallResult Instance::call(F&& f) {
    std::shared_lock lock(lifecycle_mutex_);
    InstanceState s = state();
    if (s != InstanceState::running)
        return {REDRESS_ERROR, "instance " + config_.name +
                                   " is not running (state: " + std::string(state_name(s)) + ")"};
    CallResult result;
    StringSink sink(result.error);
    ++calls_total_;
    std::multiset<std::chrono::steady_clock::time_point>::iterator started;
    {
        std::lock_guard flight(in_flight_mutex_);
        started = in_flight_.insert(std::chrono::steady_clock::now());
    }
    result.status = f(*reinterpret_cast<const Calls*>(calls_), sink.get());
    {
        std::lock_guard flight(in_flight_mutex_);
        in_flight_.erase(started);
    }
    if (result.status == REDRESS_OK) {
        failures_in_a_row_ = 0;
        return result;
    }
    ++calls_failed_;
    if (result.error.empty())
        result.error =
            "the plugin returned status " + std::to_string(result.status) + " without a message";
    {
        std::lock_guard status_lock(status_mutex_);
        last_error_ = result.error;
    }
    // Errors count against the instance; a refused input (INVALID), a busy receiver
    // (RETRY) or a missing optional call (UNSUPPORTED) is not the plugin misbehaving.
    if (result.status == REDRESS_ERROR && config_.max_failures > 0 &&
        ++failures_in_a_row_ == config_.max_failures)
        fail_at_run_time(std::to_string(config_.max_failures) +
                         " calls failed in a row; the last: " + result.error);
    return result;
}

namespace {
CallResult wrong_kind(const Instance& i, std::string_view call) {
    return {REDRESS_UNSUPPORTED, "instance " + i.name() + " is a " + i.config().kind +
                                     ", which has no " + std::string(call) + " call"};
}
}  // namespace

CallResult Instance::deliver(std::string_view event) {
    if (kind_ != REDRESS_KIND_NOTIFIER) return wrong_kind(*this, "deliver");
    return call<redress_notifier_calls>(
        [&](const redress_notifier_calls& c, const redress_sink* err) {
            return c.deliver(self_, {event.data(), event.size()}, err);
        });
}

CallResult Instance::classify(std::string_view complaint, std::string& proposal) {
    if (kind_ != REDRESS_KIND_CLASSIFIER) return wrong_kind(*this, "classify");
    return call<redress_classifier_calls>(
        [&](const redress_classifier_calls& c, const redress_sink* err) {
            StringSink out(proposal);
            return c.classify(self_, {complaint.data(), complaint.size()}, out.get(), err);
        });
}

template <class Calls, class Fn, class F>
CallResult Instance::call_optional(Fn Calls::*member, std::string_view what, F&& f) {
    return call<Calls>([&](const Calls& c, const redress_sink* err) {
        const Fn* field = &(c.*member);
        auto end = reinterpret_cast<const char*>(field + 1) - reinterpret_cast<const char*>(&c);
        if (c.base.struct_size < static_cast<std::size_t>(end) || *field == nullptr) {
            std::string msg = "instance " + config_.name + " offers no " + std::string(what);
            err->append(err->ctx, msg.data(), msg.size());
            return REDRESS_UNSUPPORTED;
        }
        return f(*field, err);
    });
}

CallResult Instance::train(std::string_view examples, std::string& report) {
    if (kind_ != REDRESS_KIND_CLASSIFIER) return wrong_kind(*this, "train");
    return call_optional(&redress_classifier_calls::train, "training",
                         [&](auto fn, const redress_sink* err) {
                             StringSink out(report);
                             return fn(self_, {examples.data(), examples.size()}, out.get(), err);
                         });
}

CallResult Instance::evaluate(std::string_view trigger, std::string& decisions) {
    if (kind_ != REDRESS_KIND_ESCALATION) return wrong_kind(*this, "evaluate");
    return call<redress_escalation_calls>(
        [&](const redress_escalation_calls& c, const redress_sink* err) {
            StringSink out(decisions);
            return c.evaluate(self_, {trigger.data(), trigger.size()}, out.get(), err);
        });
}

CallResult Instance::generate(std::string_view request, std::string& content_type,
                              std::string& document) {
    if (kind_ != REDRESS_KIND_REPORT) return wrong_kind(*this, "generate");
    return call<redress_report_calls>([&](const redress_report_calls& c, const redress_sink* err) {
        StringSink type(content_type), doc(document);
        return c.generate(self_, {request.data(), request.size()}, type.get(), doc.get(), err);
    });
}

CallResult Instance::import_batch(std::string_view input, std::string& result) {
    if (kind_ != REDRESS_KIND_INTAKE) return wrong_kind(*this, "import_batch");
    return call_optional(&redress_intake_calls::import_batch, "batch import",
                         [&](auto fn, const redress_sink* err) {
                             StringSink out(result);
                             return fn(self_, {input.data(), input.size()}, out.get(), err);
                         });
}

CallResult Instance::handle_http(const redress_http_request& request,
                                 const redress_http_response& response) {
    if (kind_ == REDRESS_KIND_INTAKE)
        return call_optional(
            &redress_intake_calls::handle_http, "pages",
            [&](auto fn, const redress_sink* err) { return fn(self_, &request, &response, err); });
    if (kind_ != REDRESS_KIND_FRONTEND) return wrong_kind(*this, "handle_http");
    return call<redress_frontend_calls>(
        [&](const redress_frontend_calls& c, const redress_sink* err) {
            return c.handle_http(self_, &request, &response, err);
        });
}

json Instance::status() const {
    std::lock_guard lock(status_mutex_);
    json j = {{"name", config_.name},
              {"plugin", config_.plugin},
              {"kind", config_.kind},
              {"enabled", config_.enabled},
              {"required", config_.required},
              {"state", state_name(state_)},
              {"module_version", module_ ? module_->version() : ""},
              {"api_version", module_ ? module_->api_version() : ""},
              {"file", module_ ? module_->file().string() : ""},
              {"calls", calls_total_.load()},
              {"failed_calls", calls_failed_.load()}};
    if (kind_ == REDRESS_KIND_FRONTEND || kind_ == REDRESS_KIND_INTAKE) j["mount"] = config_.mount;
    if (!reason_.empty()) j["reason"] = reason_;
    if (!last_error_.empty()) j["last_error"] = last_error_;
    return j;
}

}  // namespace redress::plugins
