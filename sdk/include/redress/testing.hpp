/*
 * Redress plugin SDK: a test host for plugin unit tests.
 *
 * redress::testing::Plugin loads a built plugin library exactly as the host does
 * (dlopen, the entry symbol, the API version check), creates one instance of one
 * kind with the settings given, and calls it through the same C tables. The
 * host functions it offers record what the instance asked for, so a test can
 * check what was submitted and logged:
 *
 *     redress::testing::Plugin p(PLUGIN_FILE, REDRESS_KIND_CLASSIFIER, R"({"threshold": 2})");
 *     p.start();
 *     std::string proposal = p.classify(R"({"description": "洗衣机漏水"})");
 *
 * Settings are handed over as given: the real host validates them against the
 * kind's schema and fills in its defaults first, so pass a complete object.
 * Failures are thrown as redress::testing::CallFailed with the plugin's status
 * and message. Header-only, C++17, POSIX (dlopen); link with ${CMAKE_DL_LIBS}.
 */
#ifndef REDRESS_TESTING_HPP
#define REDRESS_TESTING_HPP

#include <dlfcn.h>

#include <cstddef>
#include <filesystem>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "redress.h"

namespace redress::testing {

/// A call that did not answer REDRESS_OK.
class CallFailed : public std::runtime_error {
  public:
    CallFailed(redress_status status, const std::string& message)
        : std::runtime_error(message), status_(status) {}
    redress_status status() const noexcept { return status_; }

  private:
    redress_status status_;
};

/// What a front-end or web intake page answered.
struct HttpAnswer {
    int status = 200;
    std::map<std::string, std::string> headers;
    std::string body;
};

/// One recorded request of the instance to its host.
struct HostCall {
    std::string
        function;  // "submit_complaint", "complaint_action", "submit_complaints", "report_error"
    std::string argument;  // the JSON (or message) it passed
};

class Plugin {
  public:
    /// Loads `library`, finds the provider of `kind` and creates an instance named
    /// `name` with `settings` (JSON text). `data_directory` is created if missing.
    Plugin(const std::filesystem::path& library, redress_kind kind, std::string settings = "{}",
           std::string name = "test",
           std::filesystem::path data_directory = std::filesystem::temp_directory_path() /
                                                  "redress-plugin-test")
        : kind_(kind), settings_(std::move(settings)), name_(std::move(name)) {
        std::filesystem::create_directories(data_directory);
        data_directory_ = data_directory.string();
        handle_ = dlopen(library.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (handle_ == nullptr) throw std::runtime_error(std::string("dlopen: ") + dlerror());
        auto entry =
            reinterpret_cast<redress_module_entry_fn>(dlsym(handle_, REDRESS_MODULE_ENTRY_SYMBOL));
        if (entry == nullptr) throw std::runtime_error("no " REDRESS_MODULE_ENTRY_SYMBOL);
        module_ = entry();
        if (module_ == nullptr || module_->api_major != REDRESS_API_VERSION_MAJOR)
            throw std::runtime_error("the module is built for another plugin API major version");
        const redress_kind_provider* provider = nullptr;
        for (std::size_t i = 0; i < module_->kind_count; ++i)
            if (module_->kinds[i].kind == kind) provider = &module_->kinds[i];
        if (provider == nullptr) throw std::runtime_error("the module provides no such kind");
        schema_ = text(provider->settings_schema);
        api_ = host_api();
        std::string error;
        redress_sink sink = sink_into(error);
        instance_.struct_size = sizeof instance_;
        redress_status s = provider->create(&api_, reinterpret_cast<redress_host_context*>(this),
                                            &instance_, &sink);
        if (s != REDRESS_OK) throw CallFailed(s, error);
    }

    ~Plugin() {
        if (started_) stop();
        if (instance_.calls != nullptr) instance_.calls->destroy(instance_.self);
        if (module_ != nullptr && module_->shutdown != nullptr) module_->shutdown();
        if (handle_ != nullptr) dlclose(handle_);
    }
    Plugin(const Plugin&) = delete;
    Plugin& operator=(const Plugin&) = delete;

    const redress_module& module() const noexcept { return *module_; }
    std::string id() const { return text(module_->id); }
    /// The settings schema the kind declared (JSON text).
    const std::string& settings_schema() const noexcept { return schema_; }

    void start() {
        if (instance_.calls->start != nullptr) {
            std::string error;
            redress_sink sink = sink_into(error);
            check(instance_.calls->start(instance_.self, &sink), error);
        }
        started_ = true;
    }
    void stop() {
        if (instance_.calls->stop != nullptr) instance_.calls->stop(instance_.self);
        started_ = false;
    }

    std::string classify(std::string_view complaint) {
        return one_output<redress_classifier_calls>(&redress_classifier_calls::classify, complaint);
    }
    std::string evaluate(std::string_view trigger) {
        return one_output<redress_escalation_calls>(&redress_escalation_calls::evaluate, trigger);
    }
    std::string import_batch(std::string_view input) {
        return one_output<redress_intake_calls>(&redress_intake_calls::import_batch, input);
    }
    void deliver(std::string_view event) {
        auto calls = table<redress_notifier_calls>();
        std::string error;
        redress_sink e = sink_into(error);
        check(calls->deliver(instance_.self, str(event), &e), error);
    }
    /// The report's media type and document.
    std::pair<std::string, std::string> generate(std::string_view request) {
        auto calls = table<redress_report_calls>();
        std::string type, doc, error;
        redress_sink t = sink_into(type), d = sink_into(doc), e = sink_into(error);
        check(calls->generate(instance_.self, str(request), &t, &d, &e), error);
        return {type, doc};
    }
    /// A request to a front-end, or to a web intake's pages; `subpath` is the
    /// part after the mount ("/" for its root).
    HttpAnswer http(std::string_view method, std::string_view subpath, std::string_view body = "",
                    std::string_view query = "",
                    std::vector<std::pair<std::string, std::string>> headers = {}) {
        std::vector<redress_http_header> h;
        for (const auto& [n, v] : headers) h.push_back({str(n), str(v)});
        std::string path = "/" + name_ + std::string(subpath);
        redress_http_request request{sizeof(redress_http_request),
                                     str(method),
                                     str(path),
                                     str(subpath),
                                     str(query),
                                     str(body),
                                     str("127.0.0.1"),
                                     h.data(),
                                     h.size()};
        HttpAnswer answer;
        redress_http_response response{sizeof(redress_http_response), &answer, &set_status,
                                       &set_header, &append_body};
        std::string error;
        redress_sink e = sink_into(error);
        redress_status s = REDRESS_UNSUPPORTED;
        if (kind_ == REDRESS_KIND_FRONTEND)
            s = table<redress_frontend_calls>()->handle_http(instance_.self, &request, &response,
                                                             &e);
        else if (kind_ == REDRESS_KIND_INTAKE && table<redress_intake_calls>()->handle_http)
            s = table<redress_intake_calls>()->handle_http(instance_.self, &request, &response, &e);
        check(s, error);
        return answer;
    }

    /// What query_statistics answers (JSON text); until set it answers
    /// REDRESS_UNSUPPORTED, as the test host has no store.
    void set_statistics(std::string figures) {
        std::lock_guard<std::mutex> lock(mutex_);
        statistics_ = std::move(figures);
    }

    /// What the instance asked of its host, in order.
    std::vector<HostCall> calls() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return calls_;
    }
    /// Log lines, "<level>: <message>".
    std::vector<std::string> log() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return log_;
    }

  private:
    static redress_str str(std::string_view s) noexcept { return {s.data(), s.size()}; }
    static std::string text(redress_str s) { return s.data ? std::string(s.data, s.size) : ""; }
    static void append(void* ctx, const char* data, std::size_t size) {
        static_cast<std::string*>(ctx)->append(data, size);
    }
    static redress_sink sink_into(std::string& out) noexcept {
        return {sizeof(redress_sink), &out, &append};
    }
    static void check(redress_status s, const std::string& error) {
        if (s != REDRESS_OK) throw CallFailed(s, error.empty() ? "failed" : error);
    }
    static Plugin& self(redress_host_context* ctx) { return *reinterpret_cast<Plugin*>(ctx); }

    template <class Table>
    const Table* table() const {
        if (instance_.calls->struct_size < sizeof(Table))
            throw std::logic_error("the instance is not of the kind this call belongs to");
        return reinterpret_cast<const Table*>(instance_.calls);
    }
    template <class Table, class Call>
    std::string one_output(Call Table::*call, std::string_view input) {
        auto calls = table<Table>();
        if (calls->*call == nullptr) throw CallFailed(REDRESS_UNSUPPORTED, "not provided");
        std::string out, error;
        redress_sink o = sink_into(out), e = sink_into(error);
        check((calls->*call)(instance_.self, str(input), &o, &e), error);
        return out;
    }

    void record(std::string function, std::string argument) {
        std::lock_guard<std::mutex> lock(mutex_);
        calls_.push_back({std::move(function), std::move(argument)});
    }

    static void set_status(void* ctx, int status) {
        static_cast<HttpAnswer*>(ctx)->status = status;
    }
    static void set_header(void* ctx, redress_str name, redress_str value) {
        static_cast<HttpAnswer*>(ctx)->headers[text(name)] = text(value);
    }
    static void append_body(void* ctx, const char* data, std::size_t size) {
        static_cast<HttpAnswer*>(ctx)->body.append(data, size);
    }

    // Submitted complaints are "recorded" with numbers TEST-1, TEST-2...: the
    // answer is the complaint with "number" added.
    static std::string numbered(Plugin& p, std::string complaint) {
        auto brace = complaint.find('{');
        std::lock_guard<std::mutex> lock(p.mutex_);
        std::string number = "TEST-" + std::to_string(++p.numbers_);
        if (brace == std::string::npos) return complaint;
        bool empty = complaint.find_first_not_of(" \t\r\n", brace + 1) == complaint.find('}');
        return complaint.insert(brace + 1, "\"number\":\"" + number + "\"" + (empty ? "" : ","));
    }

    static redress_host_api host_api() {
        redress_host_api a{};
        a.struct_size = sizeof a;
        a.api_major = REDRESS_API_VERSION_MAJOR;
        a.api_minor = REDRESS_API_VERSION_MINOR;
        a.log = [](redress_host_context* c, redress_log_level level, redress_str message) {
            static const char* names[] = {"debug", "info", "warning", "error"};
            std::lock_guard<std::mutex> lock(self(c).mutex_);
            self(c).log_.push_back(std::string(names[level & 3]) + ": " + text(message));
        };
        a.instance_name = [](redress_host_context* c) { return str(self(c).name_); };
        a.settings = [](redress_host_context* c) { return str(self(c).settings_); };
        a.report_error = [](redress_host_context* c, int fatal, redress_str message) {
            self(c).record(fatal ? "report_error(fatal)" : "report_error", text(message));
        };
        a.data_directory = [](redress_host_context* c) { return str(self(c).data_directory_); };
        a.submit_complaint = [](redress_host_context* c, redress_str complaint, redress_str,
                                const redress_sink* result, const redress_sink*) {
            self(c).record("submit_complaint", text(complaint));
            std::string answer = numbered(self(c), text(complaint));
            result->append(result->ctx, answer.data(), answer.size());
            return REDRESS_OK;
        };
        a.complaint_action = [](redress_host_context* c, redress_str number, redress_str action,
                                redress_str params, const redress_sink* result,
                                const redress_sink*) {
            self(c).record("complaint_action",
                           text(number) + " " + text(action) + " " + text(params));
            std::string answer = "{\"number\":\"" + text(number) + "\"}";
            result->append(result->ctx, answer.data(), answer.size());
            return REDRESS_OK;
        };
        a.submit_complaints = [](redress_host_context* c, redress_str batch, int,
                                 const redress_sink*, const redress_sink* error) {
            self(c).record("submit_complaints", text(batch));
            static const char why[] = "the test host records batches but does not answer them";
            error->append(error->ctx, why, sizeof why - 1);
            return REDRESS_UNSUPPORTED;
        };
        a.query_statistics = [](redress_host_context* c, redress_str request,
                                const redress_sink* result, const redress_sink* error) {
            self(c).record("query_statistics", text(request));
            std::string figures;
            {
                std::lock_guard<std::mutex> lock(self(c).mutex_);
                figures = self(c).statistics_;
            }
            if (!figures.empty()) {
                result->append(result->ctx, figures.data(), figures.size());
                return REDRESS_OK;
            }
            static const char why[] = "the test host has no store (see set_statistics)";
            error->append(error->ctx, why, sizeof why - 1);
            return REDRESS_UNSUPPORTED;
        };
        a.hold_lease = [](redress_host_context*, redress_str) { return 1; };
        return a;
    }

    redress_kind kind_;
    std::string settings_, name_, data_directory_, schema_;
    void* handle_ = nullptr;
    const redress_module* module_ = nullptr;
    redress_host_api api_{};
    redress_instance instance_{};
    bool started_ = false;
    mutable std::mutex mutex_;
    std::vector<HostCall> calls_;
    std::vector<std::string> log_;
    std::string statistics_;
    long numbers_ = 0;
};

}  // namespace redress::testing

#endif  // REDRESS_TESTING_HPP
