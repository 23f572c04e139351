#pragma once

#include "core/complaint_service.hpp"
#include "plugins/complaint_gateway.hpp"
#include "storage/leases.hpp"

namespace redress::core {

// Plugins' complaint calls (host API 1.1), answered by the complaint service:
// the same validation, numbering, events and outbox as the REST API.
class ServiceGateway : public plugins::ComplaintGateway {
  public:
    // Without leases (a single-shot command) every job is this host's.
    explicit ServiceGateway(ComplaintService& service, storage::Leases* leases = nullptr)
        : service_(service), leases_(leases) {}
    plugins::CallResult submit(const std::string& actor, std::string_view complaint,
                               std::string_view source_id, std::string& result) override;
    plugins::CallResult submit_batch(const std::string& actor, std::string_view batch, bool atomic,
                                     std::string& result) override;
    plugins::CallResult statistics(std::string_view request, std::string& result) override;
    plugins::CallResult act(const std::string& actor, std::string_view number,
                            std::string_view action, std::string_view params,
                            std::string& result) override;
    bool hold_lease(const std::string& actor, std::string_view job) override {
        return storage::may_run(leases_, "instance:" + actor + ":" + std::string(job));
    }

  private:
    ComplaintService& service_;
    storage::Leases* leases_;
};

}  // namespace redress::core
