#include "core/escalation.hpp"

#include <soci/soci.h>

#include "domain/errors.hpp"
#include "log/logger.hpp"

namespace redress::core {
using nlohmann::json;

OutboxDispatcher::EscalationHandler event_escalation(ComplaintService& service) {
    return [&service](plugins::Instance& instance,
                      const EventDelivery& event) -> OutboxDispatcher::Escalated {
        try {
            if (event.actor == instance.name()) return {};  // its own decision
            // The delivery carries the complaint as it was just read.
            if (!event.complaint) return {};
            std::string answer;
            auto result = instance.evaluate(service.event_trigger(event), answer);
            if (!result.ok()) return {result};
            json decisions = answer.empty() ? json::array() : json::parse(answer, nullptr, false);
            if (!decisions.is_array())
                return {{REDRESS_ERROR, "the decisions are not a JSON array"}};
            return {{}, service.apply_decisions(event.number, decisions, instance.name())};
        } catch (const soci::soci_error& e) {
            return {{REDRESS_RETRY, std::string("storage unavailable: ") + e.what()}};
        } catch (const domain::DomainError& e) {
            // Changed concurrently: try again with the complaint as it is now.
            if (e.kind() == domain::DomainError::Kind::conflict) return {{REDRESS_RETRY, e.what()}};
            return {{REDRESS_ERROR, e.what()}};
        } catch (const std::exception& e) {
            return {{REDRESS_ERROR, e.what()}};
        }
    };
}

SlaSweep::SlaSweep(ComplaintService& service, EscalationRun escalations,
                   std::chrono::milliseconds interval)
    : service_(service), escalations_(std::move(escalations)), interval_(interval) {}

SlaSweep::~SlaSweep() {
    stop();
}

void SlaSweep::start() {
    stopping_ = false;
    thread_ = std::thread([this] { run(); });
}

void SlaSweep::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

int SlaSweep::sweep_once() {
    int fired = 0;
    for (;;) {
        auto due = service_.checks_due(service_.now(), 100);
        int before = fired;
        for (const auto& number : due) {
            try {
                fired += service_.check_clock(number, escalations_);
            } catch (const std::exception& e) {
                log::warning("clock", "checking " + number + " failed: " + e.what());
            }
        }
        // A full page fired something: there may be more; otherwise done.
        if (due.size() < 100 || fired == before) return fired;
    }
}

void SlaSweep::run() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        lock.unlock();
        try {
            // Without the lease another host sweeps.
            int fired = storage::may_run(leases_, "sla-sweep") ? sweep_once() : 0;
            if (fired > 0) log::info("clock", std::to_string(fired) + " SLA checkpoint(s) fired");
        } catch (const std::exception& e) {
            log::warning("clock", std::string("sweep failed: ") + e.what());
        }
        lock.lock();
        wake_.wait_for(lock, interval_, [this] { return stopping_; });
    }
}

}  // namespace redress::core
