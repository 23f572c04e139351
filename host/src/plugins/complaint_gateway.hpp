#pragma once

#include <string>
#include <string_view>

#include "plugins/instance.hpp"

namespace redress::plugins {

// What plugins may ask of the complaint core (host API 1.1). Implemented by the
// core over its complaint service; absent in commands that open no storage.
class ComplaintGateway {
  public:
    virtual ~ComplaintGateway() = default;
    // `actor` is the calling instance's name. Results and errors as in redress.h.
    virtual CallResult submit(const std::string& actor, std::string_view complaint,
                              std::string_view source_id, std::string& result) = 0;
    // `atomic`: all items or none. `result` is the per-item JSON array of redress.h.
    virtual CallResult submit_batch(const std::string& actor, std::string_view batch, bool atomic,
                                    std::string& result) = 0;
    virtual CallResult statistics(std::string_view request, std::string& result) = 0;
    virtual CallResult act(const std::string& actor, std::string_view number,
                           std::string_view action, std::string_view params,
                           std::string& result) = 0;
    // Host API 1.3: whether this host should do `job` of instance `actor` now
    // (several hosts on one database); renews the lease.
    virtual bool hold_lease(const std::string& actor, std::string_view job) = 0;
};

}  // namespace redress::plugins
