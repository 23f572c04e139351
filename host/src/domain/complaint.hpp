#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "domain/catalogue.hpp"
#include "domain/enums.hpp"
#include "domain/time.hpp"

namespace redress::domain {

// A complaint: the whole record as one JSON document (see docs/complaint.md),
// with typed access to what the lifecycle and storage need. The document is
// what is stored, exported and served; the typed accessors read it.
class Complaint {
  public:
    Complaint() = default;
    explicit Complaint(nlohmann::json doc) : doc_(std::move(doc)) {}

    const nlohmann::json& doc() const noexcept { return doc_; }
    nlohmann::json& doc() noexcept { return doc_; }

    std::string number() const { return doc_.value("number", ""); }
    State state() const;
    Priority priority() const;
    Channel channel() const;
    std::string category() const { return doc_.value("category", ""); }
    std::string team() const { return doc_.value("team", ""); }
    std::string owner() const { return doc_.value("owner", ""); }
    std::string customer_id() const;
    Time received_at() const;
    Time created_at() const;
    Time updated_at() const;
    std::int64_t version() const { return doc_.value("version", 0); }
    // The earliest due time of an unmet SLA milestone; none while paused or when all are met.
    std::optional<Time> next_due() const;

  private:
    nlohmann::json doc_;
};

// Builds a new complaint (without its number, which storage assigns) from an
// intake request (D2). Missing required facts are flagged in "missing_fields"
// (D4); malformed input throws DomainError::invalid naming every bad field.
// The responsibility matrix assigns the owner (D9) and the SLA sets the due times (D7).
class Params;
// Reads an "attachments" list ({name, media_type, size, sha256, url}) of a request.
nlohmann::json read_attachments(Params& p, const nlohmann::json& body);

Complaint new_complaint(const nlohmann::json& input, const DomainConfig& config, Time now,
                        const std::string& actor);

// new_complaint() before its SLA clock is started: what classifiers are shown
// at intake, since the deadlines follow from the priority and category they
// may propose. start_sla_clock() completes it.
Complaint received_complaint(const nlohmann::json& input, const DomainConfig& config, Time now,
                             const std::string& actor);
// Starts a received complaint's SLA clock from its receipt: the milestones'
// due times (D7) and the first progress update owed to the customer (D15).
void start_sla_clock(Complaint& c, const DomainConfig& config);

// The complaint number of D3: "CP-YYYYMMDD-NNNNNN".
std::string format_complaint_number(cctz::civil_day day, std::int64_t serial);

}  // namespace redress::domain
