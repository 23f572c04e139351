#include "core/outbox_dispatcher.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <soci/soci.h>

#include "log/logger.hpp"
#include "plugins/plugin_manager.hpp"
#include "storage/complaint_store.hpp"
#include "storage/database.hpp"
#include "storage/prepared.hpp"

namespace redress::core {
using nlohmann::json;

namespace {

// The stored event and its complaint as it is now, as one prepared query: every
// subscriber reads it for every event.
struct DeliveryRow {
    long long event_id = 0, seq = 0, at = 0;
    std::string number, action, actor, changes, complaint, team;
    soci::indicator complaint_ind = soci::i_null, team_ind = soci::i_null;
    soci::statement st;
    explicit DeliveryRow(soci::session& s)
        : st((s.prepare << "SELECT e.number, e.seq, e.action, e.actor, e.at, e.changes,"
                           " c.document, c.team FROM events e LEFT JOIN complaints c"
                           " ON c.id = e.complaint_id WHERE e.id = :id",
              soci::into(number), soci::into(seq), soci::into(action), soci::into(actor),
              soci::into(at), soci::into(changes), soci::into(complaint, complaint_ind),
              soci::into(team, team_ind), soci::use(event_id))) {}
};

EventDelivery read_delivery(soci::session& s, long long event_id) {
    auto& q = storage::prepared<DeliveryRow>(s);
    q.event_id = event_id;
    q.complaint_ind = q.team_ind = soci::i_null;
    if (!q.st.execute(true))
        throw std::runtime_error("event " + std::to_string(event_id) + " is not stored");
    EventDelivery e{event_id,
                    q.seq,
                    "complaint." + q.action,
                    std::move(q.number),
                    std::move(q.actor),
                    domain::format_time(domain::from_millis(q.at)),
                    std::move(q.changes),
                    {},
                    {}};
    if (q.complaint_ind == soci::i_ok) e.complaint = std::move(q.complaint);
    if (q.team_ind == soci::i_ok) e.team = std::move(q.team);
    // To its end: a statement left running keeps its read snapshot, and this
    // connection's next pass would not see the deliveries recorded meanwhile.
    while (q.st.fetch()) {
    }
    return e;
}

// The document a notifier receives for a scheduled report: the report itself and
// whom to send it to. Its id is text, so it never equals an event's.
std::string report_document(soci::session& s, long long run_id) {
    std::string instance, schedule, period, format, content_type, body, recipients;
    long long at = 0;
    s << "SELECT instance, schedule, period, format, generated_at, content_type, body, recipients"
         " FROM report_runs WHERE id = :id",
        soci::use(run_id), soci::into(instance), soci::into(schedule), soci::into(period),
        soci::into(format), soci::into(at), soci::into(content_type), soci::into(body),
        soci::into(recipients);
    json doc = {{"id", "report-" + std::to_string(run_id)},
                {"type", "report.generated"},
                {"at", domain::format_time(domain::from_millis(at))},
                {"report",
                 {{"instance", instance},
                  {"schedule", schedule},
                  {"period", period},
                  {"format", format},
                  {"content_type", content_type},
                  {"recipients", json::parse(recipients)},
                  {"body", body}}}};
    return doc.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

OutboxDispatcher::OutboxDispatcher(storage::Database& db, plugins::PluginManager& plugins,
                                   const domain::Clock& clock, OutboxPolicy policy)
    : db_(db), plugins_(plugins), clock_(clock), policy_(policy) {}

OutboxDispatcher::~OutboxDispatcher() {
    stop();
}

void OutboxDispatcher::start() {
    for (const auto& instance : plugins_.instances()) {
        if (!is_subscriber(*instance)) continue;
        auto worker = std::make_unique<Worker>();
        worker->subscriber = instance.get();
        Worker* w = worker.get();
        worker->thread = std::thread([this, w] {
            run(*w->subscriber);
            std::lock_guard lock(mutex_);
            w->finished = true;
            finished_.notify_all();
        });
        workers_.push_back(std::move(worker));
    }
}

void OutboxDispatcher::stop() {
    std::unique_lock lock(mutex_);
    stopping_ = true;
    wakeup_.notify_all();
    stop_.notify_all();
    // A thread stuck in a plugin's call is left behind once the watchdog has given
    // up on that instance; the others finish their delivery and end.
    auto all_finished = [this] {
        for (const auto& w : workers_)
            if (!w->finished && !w->subscriber->abandoned()) return false;
        return true;
    };
    while (!finished_.wait_for(lock, std::chrono::milliseconds(50), all_finished)) {
    }
    for (auto& w : workers_) {
        if (w->finished)
            w->thread.join();
        else
            w->thread.detach();
    }
    workers_.clear();
}

void OutboxDispatcher::wake() {
    bool someone_waits = false;
    {
        std::lock_guard lock(mutex_);
        ++wakes_;
        someone_waits = idle_ > 0;
    }
    // Under load the subscribers are delivering or gathering, and see the count
    // when they next look: waking them at every commit cost more CPU than
    // their deliveries did.
    if (someone_waits) wakeup_.notify_all();
}

bool OutboxDispatcher::is_subscriber(const plugins::Instance& instance) const {
    return instance.kind() == REDRESS_KIND_NOTIFIER ||
           (instance.kind() == REDRESS_KIND_ESCALATION && escalate_);
}

void OutboxDispatcher::run(plugins::Instance& subscriber) {
    std::uint64_t seen = 0;
    auto last_pass = std::chrono::steady_clock::now() - policy_.gather;
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            ++idle_;
            wakeup_.wait_for(lock, policy_.poll, [&] { return stopping_ || wakes_ != seen; });
            --idle_;
            stop_.wait_until(lock, last_pass + policy_.gather, [&] { return stopping_; });
            if (stopping_) return;
            seen = wakes_;
        }
        last_pass = std::chrono::steady_clock::now();
        try {
            for (;;) {
                storage::Session s(db_);
                if (deliver_due(s, subscriber) < policy_.batch) break;
                std::lock_guard lock(mutex_);
                if (stopping_) return;
            }
        } catch (const std::exception& e) {
            // The database may be briefly away; the rows stay pending.
            log::warning("outbox", subscriber.name() + ": delivery pass failed: " + e.what());
        }
    }
}

int OutboxDispatcher::deliver_due() {
    storage::Session s(db_);
    int attempted = 0;
    for (const auto& instance : plugins_.instances())
        if (is_subscriber(*instance)) attempted += deliver_due(s, *instance);
    return attempted;
}

int OutboxDispatcher::deliver_due(soci::session& s, plugins::Instance& instance) {
    // Only running subscribers: rows for the others wait, without spending attempts.
    if (instance.state() != plugins::InstanceState::running) return 0;
    std::string lease = "outbox:" + instance.name();
    if (!storage::may_run(leases_, lease)) return 0;  // another host delivers them
    int attempted = 0;
    std::vector<Pending> rows;
    {
        Pending p{};
        long long next_at = 0, event_id = 0, run_id = 0;
        soci::indicator event_ind = soci::i_null, run_ind = soci::i_null;
        std::string subscriber = instance.name();
        soci::statement st =
            (s.prepare << "SELECT id, event_id, report_run_id, attempts, next_attempt_at"
                          " FROM outbox WHERE subscriber = :s AND state = 'pending'"
                          " ORDER BY id LIMIT :n",
             soci::into(p.id), soci::into(event_id, event_ind), soci::into(run_id, run_ind),
             soci::into(p.attempts), soci::into(next_at), soci::use(subscriber),
             soci::use(policy_.batch));
        st.execute();
        while (st.fetch()) {
            p.subscriber = subscriber;
            p.next_attempt_at = next_at;
            p.event_id = event_ind == soci::i_ok ? event_id : 0;
            p.report_run_id = run_ind == soci::i_ok ? run_id : 0;
            rows.push_back(p);
        }
    }
    // In order: a row waiting for its retry holds back the rows after it. The
    // lease is asked again for each row, as deliveries may be slow. Outcomes are
    // recorded together, in one transaction, every 50 rows and at the end of
    // the pass: one commit per delivery could not keep up with intake. A crash
    // in between repeats those deliveries, which at-least-once allows
    // (receivers drop repeats by event id). An escalation's decisions go into
    // this store, and repeating one would escalate twice: a row whose decisions
    // were applied is recorded at once, with those before it.
    const std::size_t record_every = 50;
    std::vector<Outcome> outcomes;
    try {
        for (const auto& p : rows) {
            if (p.next_attempt_at > domain::to_millis(clock_.now())) break;
            if (!storage::may_run(leases_, lease)) break;
            ++attempted;
            Outcome outcome = deliver_one(s, instance, p);
            bool ok = outcome.result.ok();
            // Switched off (or failed) meanwhile: the row waits for the instance
            // like the rows behind it, without spending an attempt.
            if (!ok && instance.state() != plugins::InstanceState::running) break;
            bool decided = outcome.decided;
            outcomes.push_back(std::move(outcome));
            if (!ok) break;  // it waits for its retry
            if (decided || outcomes.size() == record_every) {
                record(outcomes);
                outcomes.clear();
            }
        }
    } catch (...) {
        record(outcomes);  // what was delivered before the failure counts
        throw;
    }
    record(outcomes);
    return attempted;
}

OutboxDispatcher::Outcome OutboxDispatcher::deliver_one(soci::session& s,
                                                        plugins::Instance& instance,
                                                        const Pending& p) {
    Escalated outcome;
    if (p.report_run_id != 0) {
        // Reports go to notifiers; an escalation policy has nothing to decide on one.
        if (instance.kind() != REDRESS_KIND_ESCALATION)
            outcome.result = instance.deliver(report_document(s, p.report_run_id));
    } else {
        EventDelivery event = read_delivery(s, p.event_id);
        outcome = instance.kind() == REDRESS_KIND_ESCALATION
                      ? escalate_(instance, event)
                      : Escalated{instance.deliver(event.document()), false};
    }
    return {p, std::move(outcome.result), domain::to_millis(clock_.now()), outcome.decided};
}

void OutboxDispatcher::record(const std::vector<Outcome>& outcomes) {
    if (outcomes.empty()) return;
    db_.write_apart([&](soci::session& s) { record_in(s, outcomes); });
}

void OutboxDispatcher::record_in(soci::session& s, const std::vector<Outcome>& outcomes) {
    long long delivered_at = 0, delivered_id = 0;
    soci::statement delivered =
        (s.prepare << "UPDATE outbox SET state = 'delivered', attempts = attempts + 1, "
                      "delivered_at = :at, last_error = NULL WHERE id = :id",
         soci::use(delivered_at), soci::use(delivered_id));
    for (const auto& [p, result, at, decided] : outcomes) {
        if (result.ok()) {
            delivered_at = at;
            delivered_id = p.id;
            delivered.execute(true);
            continue;
        }
        int attempts = p.attempts + 1;
        bool dead = result.status != REDRESS_RETRY || attempts >= policy_.max_attempts;
        std::chrono::milliseconds backoff =
            policy_.first_retry * (1LL << std::min(attempts - 1, 30));
        long long next = at + std::min(policy_.max_retry, backoff).count();
        std::string state = dead ? "dead" : "pending";
        s << "UPDATE outbox SET state = :state, attempts = :attempts, next_attempt_at = :next, "
             "last_error = :error WHERE id = :id",
            soci::use(state), soci::use(attempts), soci::use(next), soci::use(result.error),
            soci::use(p.id);
        if (dead)
            log::error("outbox",
                       "delivery " + std::to_string(p.id) + " of " +
                           (p.report_run_id != 0 ? "report run " + std::to_string(p.report_run_id)
                                                 : "event " + std::to_string(p.event_id)) +
                           " to " + p.subscriber + " dead-lettered after " +
                           std::to_string(attempts) + " attempt(s): " + result.error);
        else
            log::warning("outbox", "delivery " + std::to_string(p.id) + " to " + p.subscriber +
                                       " failed (attempt " + std::to_string(attempts) +
                                       "), retrying: " + result.error);
    }
}

}  // namespace redress::core
