#include "plugins/host_api.hpp"

#include <string>

#include "log/logger.hpp"
#include "plugins/abi_strings.hpp"
#include "plugins/complaint_gateway.hpp"
#include "plugins/instance.hpp"

namespace redress::plugins {
namespace {

log::Level level_of(redress_log_level level) noexcept {
    switch (level) {
        case REDRESS_LOG_DEBUG:
            return log::Level::debug;
        case REDRESS_LOG_INFO:
            return log::Level::info;
        case REDRESS_LOG_WARNING:
            return log::Level::warning;
        case REDRESS_LOG_ERROR:
            return log::Level::error;
    }
    return log::Level::info;
}

// Every function here is called from plugin code and must not throw into it.
void host_log(redress_host_context* ctx, redress_log_level level, redress_str message) {
    try {
        log::write(level_of(level), ctx->instance->name(), view(message));
    } catch (...) {
    }
}

redress_str host_instance_name(redress_host_context* ctx) {
    return str(ctx->instance->name());
}
redress_str host_settings(redress_host_context* ctx) {
    return str(ctx->instance->settings_text());
}
redress_str host_data_directory(redress_host_context* ctx) {
    return str(ctx->instance->data_directory());
}

void host_report_error(redress_host_context* ctx, int fatal, redress_str message) {
    try {
        ctx->instance->report_error(fatal != 0, std::string(view(message)));
    } catch (...) {
    }
}

// Complaint calls from plugin code: never throw into it, always answer.
template <class F>
redress_status with_gateway(redress_host_context* ctx, const redress_sink* result,
                            const redress_sink* error, F&& f) {
    auto write = [](const redress_sink* sink, const std::string& text) {
        if (sink != nullptr && sink->append != nullptr && !text.empty())
            sink->append(sink->ctx, text.data(), text.size());
    };
    try {
        Instance& instance = *ctx->instance;
        if (instance.gateway() == nullptr) {
            write(error, "this host command records no complaints");
            return REDRESS_UNSUPPORTED;
        }
        std::string out;
        CallResult r = f(*instance.gateway(), instance.name(), out);
        write(r.ok() ? result : error, r.ok() ? out : r.error);
        return r.status;
    } catch (const std::exception& e) {
        write(error, e.what());
        return REDRESS_ERROR;
    } catch (...) {
        return REDRESS_ERROR;
    }
}

redress_status host_submit_complaint(redress_host_context* ctx, redress_str complaint,
                                     redress_str source_id, const redress_sink* result,
                                     const redress_sink* error) {
    return with_gateway(ctx, result, error,
                        [&](ComplaintGateway& g, const std::string& actor, std::string& out) {
                            return g.submit(actor, view(complaint), view(source_id), out);
                        });
}

redress_status host_complaint_action(redress_host_context* ctx, redress_str number,
                                     redress_str action, redress_str params,
                                     const redress_sink* result, const redress_sink* error) {
    return with_gateway(ctx, result, error,
                        [&](ComplaintGateway& g, const std::string& actor, std::string& out) {
                            return g.act(actor, view(number), view(action), view(params), out);
                        });
}

redress_status host_submit_complaints(redress_host_context* ctx, redress_str batch, int atomic,
                                      const redress_sink* result, const redress_sink* error) {
    return with_gateway(ctx, result, error,
                        [&](ComplaintGateway& g, const std::string& actor, std::string& out) {
                            return g.submit_batch(actor, view(batch), atomic != 0, out);
                        });
}

redress_status host_query_statistics(redress_host_context* ctx, redress_str request,
                                     const redress_sink* result, const redress_sink* error) {
    return with_gateway(ctx, result, error,
                        [&](ComplaintGateway& g, const std::string&, std::string& out) {
                            return g.statistics(view(request), out);
                        });
}

int host_hold_lease(redress_host_context* ctx, redress_str job) {
    try {
        Instance& instance = *ctx->instance;
        if (instance.gateway() == nullptr) return 1;  // a command of its own: alone
        return instance.gateway()->hold_lease(instance.name(), view(job)) ? 1 : 0;
    } catch (...) {
        return 0;
    }
}

const redress_host_api kHostApi = {
    sizeof(redress_host_api),  REDRESS_API_VERSION_MAJOR,
    REDRESS_API_VERSION_MINOR, &host_log,
    &host_instance_name,       &host_settings,
    &host_report_error,        &host_data_directory,
    &host_submit_complaint,    &host_complaint_action,
    &host_submit_complaints,   &host_query_statistics,
    &host_hold_lease,
};

}  // namespace

const redress_host_api& host_api() noexcept {
    return kHostApi;
}

}  // namespace redress::plugins
