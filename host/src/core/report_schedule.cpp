#include "core/report_schedule.hpp"

#include <cstdio>

#include <soci/soci.h>

#include "core/report_request.hpp"
#include "log/logger.hpp"
#include "plugins/plugin_manager.hpp"
#include "storage/database.hpp"

namespace redress::core {
using nlohmann::json;

std::optional<std::string> due_period(const json& entry, domain::Time now,
                                      const domain::BusinessCalendar& calendar) {
    auto local =
        cctz::convert(std::chrono::time_point_cast<std::chrono::seconds>(now), calendar.zone());
    bool quarter = entry.value("every", "month") == "quarter";
    int first_month = quarter ? static_cast<int>((local.month() - 1) / 3 * 3 + 1)
                              : static_cast<int>(local.month());
    int hour = 8, minute = 0;
    std::sscanf(entry.value("at", "08:00").c_str(), "%2d:%2d", &hour, &minute);
    cctz::civil_second due(local.year(), first_month, entry.value("day", 1), hour, minute, 0);
    if (local < due) return std::nullopt;
    // The period before the current one.
    auto previous = cctz::civil_month(local.year(), first_month) - (quarter ? 3 : 1);
    char label[48];
    if (quarter)
        std::snprintf(label, sizeof label, "%04d-Q%d", static_cast<int>(previous.year()),
                      static_cast<int>((previous.month() - 1) / 3 + 1));
    else
        std::snprintf(label, sizeof label, "%04d-%02d", static_cast<int>(previous.year()),
                      static_cast<int>(previous.month()));
    return std::string(label);
}

namespace {

bool made_already(soci::session& s, const std::string& instance, const std::string& schedule,
                  const std::string& period) {
    int found = 0;
    s << "SELECT COUNT(*) FROM report_runs WHERE instance = :i AND schedule = :s AND period = :p",
        soci::use(instance), soci::use(schedule), soci::use(period), soci::into(found);
    return found > 0;
}

}  // namespace

ReportSchedule::ReportSchedule(storage::Database& db, plugins::PluginManager& plugins,
                               const domain::Clock& clock, const domain::BusinessCalendar& calendar,
                               std::chrono::milliseconds tick)
    : db_(db), plugins_(plugins), clock_(clock), calendar_(calendar), tick_(tick) {}

ReportSchedule::~ReportSchedule() {
    stop();
}

int ReportSchedule::run_due() {
    int made = 0;
    domain::Time now = clock_.now();
    for (const auto& instance : plugins_.instances()) {
        if (instance->kind() != REDRESS_KIND_REPORT ||
            instance->state() != plugins::InstanceState::running)
            continue;
        for (const auto& entry : instance->config().schedule) {
            auto period = due_period(entry, now, calendar_);
            if (!period) continue;
            std::string name = instance->name(), schedule = entry["name"];
            bool done = false;
            {
                storage::Session s(db_);
                done = made_already(s, name, schedule, *period);
            }
            if (!done && make(name, entry, *period)) ++made;
        }
    }
    if (made > 0 && after_commit_) after_commit_();
    return made;
}

bool ReportSchedule::make(const std::string& name, const json& entry, const std::string& period) {
    plugins::Instance* instance = plugins_.find(name);
    std::string schedule = entry["name"], format = entry.value("format", "html");
    auto out = run_report(
        *instance,
        report_request(period, format, entry.value("filters", json::object()), calendar_));
    if (!out.result.ok()) {
        // Tried again at the next tick: a report that cannot be made is worth a look.
        log::warning(name, "scheduled report " + schedule + " for " + period +
                               " failed: " + out.result.error);
        return false;
    }
    std::string recipients = entry.value("recipients", json::array()).dump();
    long long at = domain::to_millis(clock_.now()), id = 0;
    storage::Session s(db_);
    try {
        storage::Transaction tx(db_, s);
        s << "INSERT INTO report_runs (instance, schedule, period, format, generated_at,"
             " content_type, body, recipients) VALUES (:i, :s, :p, :f, :at, :ct, :b, :r)"
             " RETURNING id",
            soci::use(name), soci::use(schedule), soci::use(period), soci::use(format),
            soci::use(at), soci::use(out.content_type), soci::use(out.document),
            soci::use(recipients), soci::into(id);
        std::string subscriber;
        soci::statement st =
            (s.prepare << "INSERT INTO outbox (report_run_id, subscriber, state, attempts,"
                          " next_attempt_at) VALUES (:run, :subscriber, 'pending', 0, :at)",
             soci::use(id), soci::use(subscriber), soci::use(at));
        for (const auto& to : entry["deliver_to"]) {
            subscriber = to.get<std::string>();
            st.execute(true);
        }
        tx.commit();
    } catch (const soci::soci_error& e) {
        if (made_already(s, name, schedule, period)) return false;  // another host, a moment before
        throw;
    }
    log::info(name, "scheduled report " + schedule + " for " + period + " made (run " +
                        std::to_string(id) + ")");
    return true;
}

void ReportSchedule::start() {
    thread_ = std::thread([this] {
        std::unique_lock lock(mutex_);
        while (!stopping_) {
            lock.unlock();
            try {
                if (storage::may_run(leases_, "reports")) run_due();
            } catch (const std::exception& e) {
                log::warning("reports", std::string("scheduled reports: ") + e.what());
            }
            lock.lock();
            wake_.wait_for(lock, tick_, [this] { return stopping_; });
        }
    });
}

void ReportSchedule::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

}  // namespace redress::core
