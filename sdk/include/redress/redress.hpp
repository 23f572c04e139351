// redress.hpp - the header-only C++ layer over the Redress plugin ABI (redress.h).
//
// Write a plugin as ordinary C++: derive from the base class of its kind, take a
// `redress::Host` in the constructor, override the calls, and describe the module
// once at the bottom of the main file:
//
//     class AuditLog : public redress::Notifier {
//     public:
//         explicit AuditLog(redress::Host host) : Notifier(host) { /* read host.settings() */ }
//         void deliver(std::string_view event_json) override { ... }
//     };
//
//     REDRESS_MODULE("notifier_audit", "1.0.0", "Writes events to the audit store",
//                    redress::provide<AuditLog>(R"({"type": "object"})"))
//
// Everything here is compiled into the plugin; only the C types of redress.h
// cross to the host. Exceptions never cross: the generated trampolines catch
// them and return a status with the exception's message. Throw `redress::Error`
// (or `Invalid`, `RetryLater`, `Unsupported`) to choose the status yourself.
//
// JSON is passed as text, so use whichever JSON library you like.
#ifndef REDRESS_HPP
#define REDRESS_HPP

#include <redress/redress.h>

#include <cstddef>
#include <exception>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>

namespace redress {

inline std::string_view view(redress_str s) noexcept {
    return s.size == 0 ? std::string_view{} : std::string_view(s.data, s.size);
}

constexpr redress_str str(std::string_view s) noexcept {
    return redress_str{s.data(), s.size()};
}

/// Writes `data` into a host-owned sink (the host copies it at once).
inline void write(const redress_sink* sink, std::string_view data) noexcept {
    if (sink != nullptr && sink->append != nullptr && !data.empty())
        sink->append(sink->ctx, data.data(), data.size());
}

/// One UTF-8 sequence decoded: its code point and its length in bytes.
struct CodePoint {
    char32_t value = 0;
    std::size_t size = 0;  // 0: the bytes at that place are not well-formed UTF-8
};

/// Decodes the sequence starting at `text[at]` (rejecting overlong forms,
/// surrogates and code points past U+10FFFF).
inline CodePoint decode_utf8(std::string_view text, std::size_t at) noexcept {
    auto b = static_cast<unsigned char>(text[at]);
    std::size_t n = b < 0x80           ? 1
                    : (b >> 5) == 0x6  ? 2
                    : (b >> 4) == 0xE  ? 3
                    : (b >> 3) == 0x1E ? 4
                                       : 0;
    if (n == 0 || at + n > text.size()) return {};
    char32_t c = n == 1 ? b : b & (0x7F >> n);
    for (std::size_t k = 1; k < n; ++k) {
        auto next = static_cast<unsigned char>(text[at + k]);
        if ((next & 0xC0) != 0x80) return {};
        c = (c << 6) | (next & 0x3F);
    }
    static constexpr char32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (c < smallest[n] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return {};
    return {c, n};
}

/// Whether `text` is well-formed UTF-8. Everything a plugin hands the host as
/// JSON must be; check outside input (CSV cells, form fields) with it and say
/// which field is not.
inline bool is_utf8(std::string_view text) noexcept {
    for (std::size_t i = 0; i < text.size();) {
        std::size_t n = decode_utf8(text, i).size;
        if (n == 0) return false;
        i += n;
    }
    return true;
}

/// An error with the status the host should see. Plain std::exception maps to REDRESS_ERROR.
class Error : public std::runtime_error {
  public:
    explicit Error(const std::string& message, redress_status status = REDRESS_ERROR)
        : std::runtime_error(message), status_(status) {}
    redress_status status() const noexcept { return status_; }

  private:
    redress_status status_;
};

/// The input (settings, document) is not acceptable.
class Invalid : public Error {
  public:
    explicit Invalid(const std::string& message) : Error(message, REDRESS_INVALID) {}
};

/// A transient failure; the host may retry (notifier deliveries are retried with backoff).
class RetryLater : public Error {
  public:
    explicit RetryLater(const std::string& message) : Error(message, REDRESS_RETRY) {}
};

/// The call is not offered by this instance.
class Unsupported : public Error {
  public:
    explicit Unsupported(const std::string& message) : Error(message, REDRESS_UNSUPPORTED) {}
};

/// The host's services for one instance. Cheap to copy; valid for the instance's lifetime.
class Host {
  public:
    Host(const redress_host_api* api, redress_host_context* ctx) noexcept : api_(api), ctx_(ctx) {}

    void log(redress_log_level level, std::string_view message) const noexcept {
        api_->log(ctx_, level, str(message));
    }
    void debug(std::string_view message) const noexcept { log(REDRESS_LOG_DEBUG, message); }
    void info(std::string_view message) const noexcept { log(REDRESS_LOG_INFO, message); }
    void warning(std::string_view message) const noexcept { log(REDRESS_LOG_WARNING, message); }
    void error(std::string_view message) const noexcept { log(REDRESS_LOG_ERROR, message); }

    /// The instance's name from the configuration.
    std::string_view name() const noexcept { return view(api_->instance_name(ctx_)); }
    /// The validated settings object as JSON text, with schema defaults filled in.
    std::string_view settings() const noexcept { return view(api_->settings(ctx_)); }
    /// A directory of the instance's own for files it keeps.
    std::string_view data_directory() const noexcept { return view(api_->data_directory(ctx_)); }
    /// Reports a failure outside a host call; `fatal` marks the instance failed.
    void report_error(std::string_view message, bool fatal = false) const noexcept {
        api_->report_error(ctx_, fatal ? 1 : 0, str(message));
    }

    /// Records a new complaint (the JSON of POST /api/v1/complaints) and returns
    /// the stored complaint as JSON. A non-empty `source_id` makes it idempotent.
    /// Throws Invalid (what() is the host's JSON explanation), RetryLater, or
    /// Unsupported on a host older than API 1.1.
    std::string submit_complaint(std::string_view complaint_json,
                                 std::string_view source_id = {}) const {
        if (!has_complaint_calls())
            throw Unsupported("the host predates plugin API 1.1: no submit_complaint");
        return call_host([&](const redress_sink* result, const redress_sink* error) {
            return api_->submit_complaint(ctx_, str(complaint_json), str(source_id), result, error);
        });
    }

    /// Records a batch (a JSON array of {"complaint": {...}, "source_id": "..."}) and
    /// returns the JSON array of per-item answers described in redress.h. With
    /// `atomic`, all items are recorded or none. Needs a host of API 1.2 or later.
    std::string submit_complaints(std::string_view batch_json, bool atomic) const {
        if (!has_call(offsetof(redress_host_api, submit_complaints) +
                      sizeof(api_->submit_complaints)) ||
            api_->submit_complaints == nullptr)
            throw Unsupported("the host predates plugin API 1.2: no submit_complaints");
        return call_host([&](const redress_sink* result, const redress_sink* error) {
            return api_->submit_complaints(ctx_, str(batch_json), atomic ? 1 : 0, result, error);
        });
    }

    /// The figures of a period, aggregated by the host's database (see redress.h).
    std::string query_statistics(std::string_view request_json) const {
        if (!has_call(offsetof(redress_host_api, query_statistics) +
                      sizeof(api_->query_statistics)) ||
            api_->query_statistics == nullptr)
            throw Unsupported("the host predates plugin API 1.2: no query_statistics");
        return call_host([&](const redress_sink* result, const redress_sink* error) {
            return api_->query_statistics(ctx_, str(request_json), result, error);
        });
    }

    /// True while this host should do `job` (work of this instance that must run
    /// on one host at a time when several share a database); renews the lease.
    /// Hosts before API 1.3 run alone, so it is always true there.
    bool hold_lease(std::string_view job) const noexcept {
        if (!has_call(offsetof(redress_host_api, hold_lease) + sizeof(api_->hold_lease)) ||
            api_->hold_lease == nullptr)
            return true;
        return api_->hold_lease(ctx_, str(job)) != 0;
    }

    /// Applies a lifecycle action to a complaint by number; returns the updated complaint as JSON.
    std::string complaint_action(std::string_view number, std::string_view action,
                                 std::string_view params_json = "{}") const {
        if (!has_complaint_calls())
            throw Unsupported("the host predates plugin API 1.1: no complaint_action");
        return call_host([&](const redress_sink* result, const redress_sink* error) {
            return api_->complaint_action(ctx_, str(number), str(action), str(params_json), result,
                                          error);
        });
    }

    /// The API version of the running host (may be newer than the SDK's).
    unsigned api_major() const noexcept { return api_->api_major; }
    unsigned api_minor() const noexcept { return api_->api_minor; }
    const redress_host_api* api() const noexcept { return api_; }
    redress_host_context* context() const noexcept { return ctx_; }

  private:
    bool has_call(std::size_t end_of_field) const noexcept {
        return api_->struct_size >= end_of_field;
    }
    bool has_complaint_calls() const noexcept {
        return has_call(offsetof(redress_host_api, complaint_action) +
                        sizeof(api_->complaint_action)) &&
               api_->submit_complaint != nullptr && api_->complaint_action != nullptr;
    }
    template <class F>
    std::string call_host(F&& f) const {
        std::string result, error;
        redress_sink result_sink{sizeof(redress_sink), &result, &append_to};
        redress_sink error_sink{sizeof(redress_sink), &error, &append_to};
        redress_status status = f(&result_sink, &error_sink);
        if (status != REDRESS_OK)
            throw Error(error.empty() ? "the host refused the call" : error, status);
        return result;
    }
    static void append_to(void* ctx, const char* data, std::size_t size) noexcept {
        try {
            static_cast<std::string*>(ctx)->append(data, size);
        } catch (...) {
        }
    }

    const redress_host_api* api_;
    redress_host_context* ctx_;
};

/// A read-only view of an HTTP request routed to a front-end.
class HttpRequest {
  public:
    explicit HttpRequest(const redress_http_request* r) noexcept : r_(r) {}
    std::string_view method() const noexcept { return view(r_->method); }
    std::string_view path() const noexcept { return view(r_->path); }
    std::string_view subpath() const noexcept { return view(r_->subpath); }
    std::string_view query() const noexcept { return view(r_->query); }
    std::string_view body() const noexcept { return view(r_->body); }
    std::string_view remote_addr() const noexcept { return view(r_->remote_addr); }
    /// The first header of that name (case-insensitive), if any.
    std::optional<std::string_view> header(std::string_view name) const noexcept {
        for (std::size_t i = 0; i < r_->header_count; ++i) {
            std::string_view n = view(r_->headers[i].name);
            if (n.size() == name.size() && equal_nocase(n, name)) return view(r_->headers[i].value);
        }
        return std::nullopt;
    }

  private:
    static bool equal_nocase(std::string_view a, std::string_view b) noexcept {
        for (std::size_t i = 0; i < a.size(); ++i) {
            char x = a[i], y = b[i];
            if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
            if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
            if (x != y) return false;
        }
        return true;
    }
    const redress_http_request* r_;
};

/// The answer to an HTTP request, written straight into the host's response.
class HttpResponse {
  public:
    explicit HttpResponse(const redress_http_response* r) noexcept : r_(r) {}
    void status(int code) const noexcept { r_->set_status(r_->ctx, code); }
    void header(std::string_view name, std::string_view value) const noexcept {
        r_->set_header(r_->ctx, str(name), str(value));
    }
    void write(std::string_view data) const noexcept {
        if (!data.empty()) r_->append_body(r_->ctx, data.data(), data.size());
    }

  private:
    const redress_http_response* r_;
};

/// What every instance is. Construct in the factory, start, stop, destroy.
class Instance {
  public:
    explicit Instance(Host host) noexcept : host_(host) {}
    virtual ~Instance() = default;
    Instance(const Instance&) = delete;
    Instance& operator=(const Instance&) = delete;

    /// Begin work (threads, files). Throw to fail the start; the instance is then marked failed.
    virtual void start() {}
    /// End what start began. Must return once stopped.
    virtual void stop() {}
    /// Reopen written files after log rotation (SIGHUP).
    virtual void reopen() {}

    const Host& host() const noexcept { return host_; }

  private:
    Host host_;
};

/// Turns outside messages into complaints, from start to stop.
class Intake : public Instance {
  public:
    static constexpr redress_kind kind = REDRESS_KIND_INTAKE;
    using Instance::Instance;
    /// Imports one batch (a CSV file...); returns a JSON report. Optional.
    virtual std::string import_batch(std::string_view /*input*/) {
        throw Unsupported("this intake has no batch import");
    }
    /// Serves the channel's public pages under "/intake/<name>" (a form). Optional:
    /// without an override the host answers 404.
    virtual void handle(const HttpRequest& /*request*/, HttpResponse& /*response*/) {
        throw Unsupported("this intake serves no pages");
    }
};

/// Proposes category, priority, tags and confidence for a complaint.
class Classifier : public Instance {
  public:
    static constexpr redress_kind kind = REDRESS_KIND_CLASSIFIER;
    using Instance::Instance;
    /// Takes the complaint as JSON (at intake as received, before its SLA
    /// deadlines are set) and returns the proposal as a JSON object.
    virtual std::string classify(std::string_view complaint_json) = 0;
    /// Learns from a JSON array of labelled examples (see redress.h) and returns a
    /// JSON report. Optional: classifiers that do not learn leave it out.
    virtual std::string train(std::string_view /*examples_json*/) {
        throw Unsupported("this classifier does not learn");
    }
};

/// Decides warnings, escalations and reassignment from events and the SLA clock.
class Escalation : public Instance {
  public:
    static constexpr redress_kind kind = REDRESS_KIND_ESCALATION;
    using Instance::Instance;
    /// Takes an event or clock trigger as JSON; returns a JSON array of decisions.
    virtual std::string evaluate(std::string_view trigger_json) = 0;
};

/// Delivers committed events. Throw RetryLater for a transient failure.
class Notifier : public Instance {
  public:
    static constexpr redress_kind kind = REDRESS_KIND_NOTIFIER;
    using Instance::Instance;
    virtual void deliver(std::string_view event_json) = 0;
};

/// A generated document and its media type.
struct Document {
    std::string content_type;
    std::string body;
};

/// Produces documents for a period and filters.
class Report : public Instance {
  public:
    static constexpr redress_kind kind = REDRESS_KIND_REPORT;
    using Instance::Instance;
    virtual Document generate(std::string_view request_json) = 0;
};

/// Serves pages under the instance's URL prefix.
class Frontend : public Instance {
  public:
    static constexpr redress_kind kind = REDRESS_KIND_FRONTEND;
    using Instance::Instance;
    virtual void handle(const HttpRequest& request, HttpResponse& response) = 0;
};

namespace detail {

// Runs `f`, turning any exception into a status and a message in `error`.
template <class F>
redress_status guard(const redress_sink* error, F&& f) noexcept {
    try {
        f();
        return REDRESS_OK;
    } catch (const Error& e) {
        write(error, e.what());
        return e.status();
    } catch (const std::exception& e) {
        write(error, e.what());
        return REDRESS_ERROR;
    } catch (...) {
        write(error, "unknown exception");
        return REDRESS_ERROR;
    }
}

inline Instance* self(void* p) noexcept {
    return static_cast<Instance*>(p);
}

// stop and reopen have no error channel: a failure goes to the host's log.
template <class F>
void logged(void* p, std::string_view what, F&& f) noexcept {
    try {
        f();
    } catch (const std::exception& e) {
        self(p)->host().error(std::string(what) + " failed: " + e.what());
    } catch (...) {
        self(p)->host().error(std::string(what) + " failed: unknown exception");
    }
}

inline redress_status start(void* p, const redress_sink* error) noexcept {
    return guard(error, [&] { self(p)->start(); });
}
inline void stop(void* p) noexcept {
    logged(p, "stop", [&] { self(p)->stop(); });
}
inline void reopen(void* p) noexcept {
    logged(p, "reopen", [&] { self(p)->reopen(); });
}
inline void destroy(void* p) noexcept {
    delete self(p);
}

template <class Calls>
constexpr Calls with_base() noexcept {
    Calls calls{};
    calls.base = redress_instance_calls{sizeof(Calls), &start, &stop, &reopen, &destroy};
    return calls;
}

template <class Base>
struct calls;

// Front-ends and intake pages answer HTTP the same way.
template <class Base>
redress_status handle_http(void* p, const redress_http_request* request,
                           const redress_http_response* response,
                           const redress_sink* error) noexcept {
    return guard(error, [&] {
        HttpRequest req(request);
        HttpResponse resp(response);
        static_cast<Base*>(self(p))->handle(req, resp);
    });
}

template <>
struct calls<Intake> {
    static redress_status import_batch(void* p, redress_str input, const redress_sink* result,
                                       const redress_sink* error) noexcept {
        return guard(error, [&] {
            write(result, static_cast<Intake*>(self(p))->import_batch(view(input)));
        });
    }
    static constexpr redress_intake_calls make() noexcept {
        auto c = with_base<redress_intake_calls>();
        c.import_batch = &import_batch;
        c.handle_http = &handle_http<Intake>;
        return c;
    }
    static inline const redress_intake_calls table = make();
};

template <>
struct calls<Classifier> {
    static redress_status classify(void* p, redress_str complaint, const redress_sink* proposal,
                                   const redress_sink* error) noexcept {
        return guard(error, [&] {
            write(proposal, static_cast<Classifier*>(self(p))->classify(view(complaint)));
        });
    }
    static redress_status train(void* p, redress_str examples, const redress_sink* report,
                                const redress_sink* error) noexcept {
        return guard(error, [&] {
            write(report, static_cast<Classifier*>(self(p))->train(view(examples)));
        });
    }
    static constexpr redress_classifier_calls make() noexcept {
        auto c = with_base<redress_classifier_calls>();
        c.classify = &classify;
        c.train = &train;
        return c;
    }
    static inline const redress_classifier_calls table = make();
};

template <>
struct calls<Escalation> {
    static redress_status evaluate(void* p, redress_str trigger, const redress_sink* decisions,
                                   const redress_sink* error) noexcept {
        return guard(error, [&] {
            write(decisions, static_cast<Escalation*>(self(p))->evaluate(view(trigger)));
        });
    }
    static constexpr redress_escalation_calls make() noexcept {
        auto c = with_base<redress_escalation_calls>();
        c.evaluate = &evaluate;
        return c;
    }
    static inline const redress_escalation_calls table = make();
};

template <>
struct calls<Notifier> {
    static redress_status deliver(void* p, redress_str event, const redress_sink* error) noexcept {
        return guard(error, [&] { static_cast<Notifier*>(self(p))->deliver(view(event)); });
    }
    static constexpr redress_notifier_calls make() noexcept {
        auto c = with_base<redress_notifier_calls>();
        c.deliver = &deliver;
        return c;
    }
    static inline const redress_notifier_calls table = make();
};

template <>
struct calls<Report> {
    static redress_status generate(void* p, redress_str request, const redress_sink* content_type,
                                   const redress_sink* document,
                                   const redress_sink* error) noexcept {
        return guard(error, [&] {
            Document d = static_cast<Report*>(self(p))->generate(view(request));
            write(content_type, d.content_type);
            write(document, d.body);
        });
    }
    static constexpr redress_report_calls make() noexcept {
        auto c = with_base<redress_report_calls>();
        c.generate = &generate;
        return c;
    }
    static inline const redress_report_calls table = make();
};

template <>
struct calls<Frontend> {
    static constexpr redress_frontend_calls make() noexcept {
        auto c = with_base<redress_frontend_calls>();
        c.handle_http = &handle_http<Frontend>;
        return c;
    }
    static inline const redress_frontend_calls table = make();
};

template <redress_kind K>
struct base_of;
template <>
struct base_of<REDRESS_KIND_INTAKE> {
    using type = Intake;
};
template <>
struct base_of<REDRESS_KIND_CLASSIFIER> {
    using type = Classifier;
};
template <>
struct base_of<REDRESS_KIND_ESCALATION> {
    using type = Escalation;
};
template <>
struct base_of<REDRESS_KIND_NOTIFIER> {
    using type = Notifier;
};
template <>
struct base_of<REDRESS_KIND_REPORT> {
    using type = Report;
};
template <>
struct base_of<REDRESS_KIND_FRONTEND> {
    using type = Frontend;
};

template <class T>
redress_status create(const redress_host_api* api, redress_host_context* ctx, redress_instance* out,
                      const redress_sink* error) noexcept {
    using Base = typename base_of<T::kind>::type;
    static_assert(std::is_base_of_v<Base, T>, "a plugin class derives from one kind's base class");
    return guard(error, [&] {
        Instance* instance = new T(Host(api, ctx));
        out->self = instance;
        out->calls = &calls<Base>::table.base;
    });
}

inline redress_module make_module(std::string_view id, std::string_view version,
                                  std::string_view description, const redress_kind_provider* kinds,
                                  std::size_t count) noexcept {
    redress_module m{};
    m.struct_size = sizeof(redress_module);
    m.api_major = REDRESS_API_VERSION_MAJOR;
    m.api_minor = REDRESS_API_VERSION_MINOR;
    m.id = str(id);
    m.version = str(version);
    m.description = str(description);
    m.kinds = kinds;
    m.kind_count = count;
    m.shutdown = nullptr;
    return m;
}

}  // namespace detail

/// Declares that the module provides class T (derived from one kind's base class),
/// whose settings follow the JSON Schema `settings_schema` (a string literal).
template <class T>
redress_kind_provider provide(std::string_view settings_schema) noexcept {
    return redress_kind_provider{sizeof(redress_kind_provider), T::kind, &detail::create<T>,
                                 str(settings_schema)};
}

}  // namespace redress

/// Defines the library's exported entry point. Use once per plugin library, at the
/// bottom of its main file: REDRESS_MODULE(id, version, description, provide<...>(...), ...).
/// `id` must match the library's file name without ".so".
#define REDRESS_MODULE(ID, VERSION, DESCRIPTION, ...)                                     \
    extern "C" REDRESS_EXPORT const redress_module* redress_module_entry(void) noexcept { \
        static const redress_kind_provider redress_providers_[] = {__VA_ARGS__};          \
        static const redress_module redress_module_ = ::redress::detail::make_module(     \
            ID, VERSION, DESCRIPTION, redress_providers_,                                 \
            sizeof(redress_providers_) / sizeof(redress_providers_[0]));                  \
        return &redress_module_;                                                          \
    }

#endif  // REDRESS_HPP
