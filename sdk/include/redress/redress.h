/*
 * redress.h - the Redress plugin ABI (plain C).
 *
 * A Redress plugin is a shared library that exports one function,
 * `redress_module_entry`, returning a static description of the module: its id,
 * version, and the plugin kinds it provides, each with a factory and the JSON
 * schema of its settings. The host loads the library, checks the API version the
 * module was built against, validates each configured instance's settings against
 * the schema and calls the factory, which returns an opaque instance pointer plus
 * the kind's call table.
 *
 * Rules of the boundary, so that a plugin built by another compiler, standard
 * library or Boost/JSON version works in any host of the same major version:
 *   - Only C types cross. Strings are pointer + length (`redress_str`), never
 *     assumed NUL-terminated. Documents (settings, complaints, events, results)
 *     cross as UTF-8 JSON text.
 *   - Every struct begins with its own size (`struct_size`), so either side can
 *     tell which fields the other knows. Structs only ever grow at their end.
 *   - Memory is freed by whoever allocated it. Data the host passes in is valid
 *     for the duration of the call unless stated otherwise. Data a plugin returns
 *     is written into a host-owned `redress_sink`, which copies it.
 *   - No exception may leave a plugin function. The C++ layer (redress.hpp) turns
 *     exceptions into a status plus message written to the call's error sink.
 *   - Every function the host calls may be called from any host thread, but the
 *     host never calls one instance concurrently with its own start/stop/destroy.
 *     Kind calls on one instance may run concurrently; protect shared state.
 *
 * Versioning: REDRESS_API_VERSION_MAJOR changes only when an existing struct or
 * call changes meaning; MINOR grows when fields or calls are appended. The host
 * refuses a module built for another major version, or for a newer minor version
 * than the host implements.
 */
#ifndef REDRESS_H
#define REDRESS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define REDRESS_API_VERSION_MAJOR 1
#define REDRESS_API_VERSION_MINOR 3

/* Marks the one symbol a plugin library exports. */
#if defined(_WIN32)
#define REDRESS_EXPORT __declspec(dllexport)
#else
#define REDRESS_EXPORT __attribute__((visibility("default")))
#endif

/* ---------------------------------------------------------------------------
 * Basic types
 * ------------------------------------------------------------------------- */

/* A UTF-8 string slice. `data` may be NULL when `size` is 0. Not NUL-terminated. */
typedef struct redress_str {
    const char* data;
    size_t size;
} redress_str;

/* The result of every fallible call. */
typedef enum redress_status {
    REDRESS_OK = 0,
    /* Failed; the error sink says why. The host does not retry. */
    REDRESS_ERROR = 1,
    /* The input was not acceptable (bad document, unknown field...). */
    REDRESS_INVALID = 2,
    /* A transient failure (a peer is down, a timeout): the host may retry later. */
    REDRESS_RETRY = 3,
    /* The call is not supported by this instance (an optional call left out). */
    REDRESS_UNSUPPORTED = 4
} redress_status;

/* The six plugin kinds. */
typedef enum redress_kind {
    /* Turns outside messages into complaints; runs from start to stop. */
    REDRESS_KIND_INTAKE = 1,
    /* Proposes category, priority, tags and a confidence for a complaint. */
    REDRESS_KIND_CLASSIFIER = 2,
    /* Decides warnings, escalations and reassignment from events and the clock. */
    REDRESS_KIND_ESCALATION = 3,
    /* Delivers committed events it subscribed to (webhook, email, log...). */
    REDRESS_KIND_NOTIFIER = 4,
    /* Produces a document (HTML, CSV, JSON...) for a period and filters. */
    REDRESS_KIND_REPORT = 5,
    /* Serves pages under its own URL prefix. */
    REDRESS_KIND_FRONTEND = 6
} redress_kind;

typedef enum redress_log_level {
    REDRESS_LOG_DEBUG = 0,
    REDRESS_LOG_INFO = 1,
    REDRESS_LOG_WARNING = 2,
    REDRESS_LOG_ERROR = 3
} redress_log_level;

/*
 * A host-owned output buffer. A plugin calls `append` any number of times; the
 * host copies the bytes at once, so the plugin may free its data afterwards.
 * Error sinks receive a human-readable message (UTF-8); document sinks receive
 * the document.
 */
typedef struct redress_sink {
    size_t struct_size;
    void* ctx;
    void (*append)(void* ctx, const char* data, size_t size);
} redress_sink;

/* ---------------------------------------------------------------------------
 * What the host offers a plugin instance
 * ------------------------------------------------------------------------- */

/* Opaque: identifies one instance to the host. Valid until the instance is destroyed. */
typedef struct redress_host_context redress_host_context;

/*
 * The host function table. Handed to every factory together with the instance's
 * context. Check `struct_size` (or api_minor) before using a field appended after
 * 1.0; the table only grows at its end.
 */
typedef struct redress_host_api {
    size_t struct_size;
    /* The API version the host implements. */
    uint16_t api_major;
    uint16_t api_minor;

    /* Writes a log line tagged with the instance's name. Thread-safe. */
    void (*log)(redress_host_context* ctx, redress_log_level level, redress_str message);

    /* The instance's configured name, e.g. "audit-log". Valid for the instance's lifetime. */
    redress_str (*instance_name)(redress_host_context* ctx);

    /*
     * The instance's settings as JSON text (an object), already validated
     * against the schema the kind declared, with the schema's defaults filled in.
     * Valid for the instance's lifetime.
     */
    redress_str (*settings)(redress_host_context* ctx);

    /*
     * Reports a failure that happened outside a host call (for example in a
     * plugin's own thread). The message is logged and shown as the instance's
     * last error; with `fatal` non-zero the host also marks the instance failed
     * and stops calling it.
     */
    void (*report_error)(redress_host_context* ctx, int fatal, redress_str message);

    /*
     * A directory that belongs to this instance for files it keeps (models,
     * caches, attachments): "<data dir>/plugins/<instance name>", created by the
     * host before the factory runs. Valid for the instance's lifetime.
     */
    redress_str (*data_directory)(redress_host_context* ctx);

    /* --- Since API 1.1 (check api_minor >= 1 before use) ------------------- */

    /*
     * Records a new complaint, exactly as POST /api/v1/complaints does, with
     * this instance as the actor. `complaint` is the request's JSON. When
     * `source_id` is not empty the call is idempotent: the same source message
     * (an e-mail's Message-ID, a CSV row's id) gives back the complaint it
     * created the first time. Writes the stored complaint (JSON) into `result`.
     * REDRESS_INVALID: the input was refused; `error` holds a JSON object
     * {"detail": "...", "errors": [{"field": "/customer/email", "message": "..."}]}.
     * REDRESS_RETRY: storage is unavailable; nothing was recorded. Callable only
     * while the instance runs (from start until stop).
     */
    redress_status (*submit_complaint)(redress_host_context* ctx, redress_str complaint,
                                       redress_str source_id, const redress_sink* result,
                                       const redress_sink* error);

    /*
     * Applies a lifecycle action (e.g. "contact" for a customer's reply) to the
     * complaint with this number, as POST /api/v1/complaints/{number}/{action}.
     * Writes the updated complaint (JSON) into `result`. REDRESS_INVALID: bad
     * parameters or an action the complaint's state does not allow, explained in
     * `error` as above; REDRESS_ERROR with "no complaint ..." for an unknown number.
     */
    redress_status (*complaint_action)(redress_host_context* ctx, redress_str number,
                                       redress_str action, redress_str params,
                                       const redress_sink* result, const redress_sink* error);

    /* --- Since API 1.2 (check api_minor >= 2 before use) ------------------- */

    /*
     * Records several complaints at once (a CSV batch). `batch` is a JSON array of
     * {"complaint": {...}, "source_id": "..."} (source_id optional, as in
     * submit_complaint). Writes a JSON array into `result`, one entry per item in
     * order: {"ok": true, "complaint": {...}, "replayed": false} or
     * {"ok": false, "detail": "...", "errors": [{"field": ..., "message": ...}]}.
     * With `atomic` non-zero either every item is recorded, in one transaction,
     * or none is: when any item is refused the others answer
     * {"ok": false, "detail": "not recorded: another item of the batch was refused"}.
     * REDRESS_OK whenever `result` was written (check each item);
     * REDRESS_INVALID when `batch` is not such an array; REDRESS_RETRY: storage is
     * unavailable and nothing more was recorded.
     */
    redress_status (*submit_complaints)(redress_host_context* ctx, redress_str batch, int atomic,
                                        const redress_sink* result, const redress_sink* error);

    /*
     * The figures of complaints received in a period, aggregated by the host's
     * database (for reports). `request` is JSON: {"from": RFC 3339, "to": RFC 3339,
     * "filters": {"category", "channel", "team", "product"}}. Writes into
     * `result`: {"volume", "by_category", "by_channel", "by_product", "by_region",
     * "by_team" (lists of {"key", "count"}), "top_problems", "on_time" (per
     * milestone {"on_time", "late", "rate"}), "handling_ms" ({"closed",
     * "average", "p50", "p90", "p95"}), "first_line_resolution", "satisfaction"
     * ({"answers", "average", "distribution"}), "reopened", "escalated", "teams",
     * "owners"}. REDRESS_INVALID names a bad request member.
     */
    redress_status (*query_statistics)(redress_host_context* ctx, redress_str request,
                                       const redress_sink* result, const redress_sink* error);

    /* --- Since API 1.3 (check api_minor >= 3 before use) ------------------- */

    /*
     * Several hosts may share one database (PostgreSQL). Work an instance does
     * on its own thread that must happen on one host at a time (polling a shared
     * mailbox, a nightly export) asks first: non-zero while this host holds the
     * lease named `job` for this instance, zero while another host does. The
     * first call takes a free or expired lease; later calls renew it. A host that
     * stops asking (or dies) loses it after the host's lease period (seconds,
     * `cluster.lease_seconds`), and another host's next call takes it over. Ask
     * before each unit of work. Always non-zero with a single host. Thread-safe.
     */
    int (*hold_lease)(redress_host_context* ctx, redress_str job);
} redress_host_api;

/* ---------------------------------------------------------------------------
 * HTTP, for front-ends and intake pages
 * ------------------------------------------------------------------------- */

/* One HTTP header: name and value as received (names compare case-insensitively). */
typedef struct redress_http_header {
    redress_str name;
    redress_str value;
} redress_http_header;

/* An HTTP request routed to a front-end. Valid for the duration of the call. */
typedef struct redress_http_request {
    size_t struct_size;
    redress_str method;      /* "GET", "POST"... */
    redress_str path;        /* the full path, e.g. "/console/queue" */
    redress_str subpath;     /* the path below the instance's prefix, e.g. "/queue" */
    redress_str query;       /* the raw query string without '?', possibly empty */
    redress_str body;        /* the raw request body; a multipart/form-data body comes
                                re-encoded by the host (the same parts under the boundary
                                its Content-Type header names) */
    redress_str remote_addr; /* the peer's address */
    const redress_http_header* headers;
    size_t header_count;
} redress_http_request;

/* The answer being built; owned by the host. Status defaults to 200. */
typedef struct redress_http_response {
    size_t struct_size;
    void* ctx;
    void (*set_status)(void* ctx, int status);
    /* Sets a header, replacing an earlier value of the same name. */
    void (*set_header)(void* ctx, redress_str name, redress_str value);
    void (*append_body)(void* ctx, const char* data, size_t size);
} redress_http_response;

/* ---------------------------------------------------------------------------
 * Call tables, one per kind. Each begins with the calls every instance has.
 * ------------------------------------------------------------------------- */

/*
 * The calls every instance has. `self` is the pointer the factory returned.
 * struct_size is the size of the whole kind-specific table.
 */
typedef struct redress_instance_calls {
    size_t struct_size;
    /* Starts work (threads, files, connections). May be NULL if nothing to start. */
    redress_status (*start)(void* self, const redress_sink* error);
    /* Stops work started by `start`; must return once it has stopped. May be NULL. */
    void (*stop)(void* self);
    /* Reopens files the instance writes (the host got SIGHUP: logs rotated). May be NULL. */
    void (*reopen)(void* self);
    /* Frees the instance. Required. Called once, after stop. */
    void (*destroy)(void* self);
} redress_instance_calls;

/* intake: runs between start and stop, creating complaints through the host. */
typedef struct redress_intake_calls {
    redress_instance_calls base;
    /*
     * Imports one batch handed over by an admin (a CSV file, a transcript...).
     * `input` is the raw batch; the plugin writes a JSON report of what it did
     * into `result`. May be NULL when the channel has no batch import.
     */
    redress_status (*import_batch)(void* self, redress_str input, const redress_sink* result,
                                   const redress_sink* error);
    /*
     * Since API 1.2. Serves the channel's public pages (a complaint form) under
     * "/intake/<instance name>". No token is asked of the caller: the plugin
     * protects itself (forgery tokens, rate limits). May be NULL, and returning
     * REDRESS_UNSUPPORTED answers 404. Request and response as for front-ends.
     */
    redress_status (*handle_http)(void* self, const redress_http_request* request,
                                  const redress_http_response* response, const redress_sink* error);
} redress_intake_calls;

/* classifier: called when a complaint is received or edited. */
typedef struct redress_classifier_calls {
    redress_instance_calls base;
    /*
     * `complaint` is the complaint as JSON: at intake, as received, before the
     * host sets its SLA deadlines (they follow from the priority and category
     * proposed), so without "sla". Writes a JSON object into `proposal`:
     * {"category": "...", "priority": "urgent|normal|low", "tags": [...],
     *  "confidence": 0.0-1.0, "rules": [...]}; every member optional.
     */
    redress_status (*classify)(void* self, redress_str complaint, const redress_sink* proposal,
                               const redress_sink* error);
    /*
     * Since API 1.2. Learns from labelled examples the host took from its store
     * (`redress train`, or the instance's "train_every_hours" schedule): a JSON
     * array of {"number": "...", "text": "...", "category": "...",
     * "priority": "urgent|normal|low"}, oldest first, staff corrections winning
     * over the original labels. The plugin persists what it learned in its data
     * directory and uses it from then on, and writes a JSON report into `report`
     * (the bundled classifier_bayes: {"examples": n, "categories": {name:
     * {"precision", "recall", "f1", "support"}}, ...}). May be NULL, or return
     * REDRESS_UNSUPPORTED, for a classifier that does not learn.
     */
    redress_status (*train)(void* self, redress_str examples, const redress_sink* report,
                            const redress_sink* error);
} redress_classifier_calls;

/* escalation: watches lifecycle events and the SLA clock. */
typedef struct redress_escalation_calls {
    redress_instance_calls base;
    /*
     * Called for every committed lifecycle event the instance subscribes to
     * ({"trigger": "event", "event": {"id", "type", "number", "actor", "at",
     * "changes"}, ...}; events its own decisions caused are not handed back) and
     * for every SLA checkpoint the clock fires ({"trigger": "clock",
     * "checkpoint": "warning" | "breach" | "follow_up", "milestone":
     * "first_response" | "solution_plan" | "resolution" | "", "at", "now", ...}).
     * Both carry "number", "complaint" (the document now) and "team" ({"id",
     * "lead", "supervisor", "head"} from the responsibility matrix).
     * Writes a JSON array of decisions into `decisions`, each applied as its own
     * event with this instance as actor:
     *   {"action": "escalate", "params": {"to", "reason", "detail", "reassign"}}
     *   {"action": "assign",   "params": {"owner", "team", "reason"}}
     *   {"action": "notify",   "params": {"to", "message", "reason", "customer"}}
     *   {"action": "note",     "params": {"text"}}
     *   {"action": "follow_up", "at": RFC 3339}  (the clock fires "follow_up" then)
     * An empty array or nothing means no action; a decision the complaint's
     * state does not allow is logged and skipped.
     */
    redress_status (*evaluate)(void* self, redress_str trigger, const redress_sink* decisions,
                               const redress_sink* error);
} redress_escalation_calls;

/* notifier: delivers events it subscribed to, from the host's durable outbox. */
typedef struct redress_notifier_calls {
    redress_instance_calls base;
    /*
     * Delivers one committed event (JSON). REDRESS_OK: delivered, never resent.
     * REDRESS_RETRY: try again later with backoff. REDRESS_ERROR: permanent failure.
     */
    redress_status (*deliver)(void* self, redress_str event, const redress_sink* error);
} redress_notifier_calls;

/* report: produces a document on request or on a schedule. */
typedef struct redress_report_calls {
    redress_instance_calls base;
    /*
     * `request` is JSON: {"period": "2026-10", "format": "html", "filters": {...}}.
     * Writes the document's media type (e.g. "text/html; charset=utf-8") into
     * `content_type` and the document into `document`.
     */
    redress_status (*generate)(void* self, redress_str request, const redress_sink* content_type,
                               const redress_sink* document, const redress_sink* error);
} redress_report_calls;

/* frontend: serves the routes under its prefix (the instance's "mount", default "/<name>"). */
typedef struct redress_frontend_calls {
    redress_instance_calls base;
    /* On REDRESS_ERROR the host answers 500 with the error message, whatever was written. */
    redress_status (*handle_http)(void* self, const redress_http_request* request,
                                  const redress_http_response* response, const redress_sink* error);
} redress_frontend_calls;

/* ---------------------------------------------------------------------------
 * The module descriptor
 * ------------------------------------------------------------------------- */

/* What a factory hands back: the instance and its kind's call table. */
typedef struct redress_instance {
    size_t struct_size;
    void* self;
    /* Points at the redress_<kind>_calls table of the kind being created. */
    const redress_instance_calls* calls;
} redress_instance;

/*
 * Creates one instance. `host` and `ctx` stay valid until the instance is
 * destroyed; keep them. Fill `out` and return REDRESS_OK, or write a reason to
 * `error` and return REDRESS_ERROR / REDRESS_INVALID.
 */
typedef redress_status (*redress_factory)(const redress_host_api* host, redress_host_context* ctx,
                                          redress_instance* out, const redress_sink* error);

/* One kind a module provides. */
typedef struct redress_kind_provider {
    size_t struct_size;
    redress_kind kind;
    redress_factory create;
    /*
     * JSON Schema (a subset of draft 2020-12, see the SDK's docs) of the
     * instance's "settings" object. The host validates settings against it and
     * fills in "default" values before calling the factory.
     */
    redress_str settings_schema;
} redress_kind_provider;

/* The module. Lives in static storage of the plugin library. */
typedef struct redress_module {
    size_t struct_size;
    /* The API version the module was compiled against: REDRESS_API_VERSION_*. */
    uint16_t api_major;
    uint16_t api_minor;
    /* Stable identifier, e.g. "notifier_log"; the library file is "<id>.so". */
    redress_str id;
    /* The module's own version, e.g. "1.2.0". */
    redress_str version;
    /* One line saying what it does. */
    redress_str description;
    const redress_kind_provider* kinds;
    size_t kind_count;
    /* Called once when the host shuts down, after every instance is destroyed. May be NULL. */
    void (*shutdown)(void);
} redress_module;

/* The entry point every plugin library exports. Returns NULL to refuse loading. */
typedef const redress_module* (*redress_module_entry_fn)(void);
#define REDRESS_MODULE_ENTRY_SYMBOL "redress_module_entry"

#ifdef __cplusplus
}
#endif

#endif /* REDRESS_H */
