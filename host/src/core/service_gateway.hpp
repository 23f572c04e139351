#pragma once

#include "core/complaint_service.hpp"
#include "plugins/complaint_gateway.hpp"

namespace redress::core {

// Plugins' complaint calls (host API 1.1), answered by the complaint service:
// the same validation, numbering, events and outbox as the REST API.
class ServiceGateway : public plugins::ComplaintGateway {
  public:
    explicit ServiceGateway(ComplaintService& service) : service_(service) {}
    plugins::CallResult submit(const std::string& actor, std::string_view complaint,
                               std::string_view source_id, std::string& result) override;
    plugins::CallResult submit_batch(const std::string& actor, std::string_view batch, bool atomic,
                                     std::string& result) override;
    plugins::CallResult statistics(std::string_view request, std::string& result) override;
    plugins::CallResult act(const std::string& actor, std::string_view number,
                            std::string_view action, std::string_view params,
                            std::string& result) override;

  private:
    ComplaintService& service_;
};

}  // namespace redress::core
