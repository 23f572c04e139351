#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "domain/calendar.hpp"
#include "plugins/instance.hpp"

namespace redress::core {

// What a report instance is asked for: the period ("2026-10" a month, "2026-Q4"
// a quarter) as local times of the business calendar, the five periods before
// it (for trends), the format and the filters. Throws std::invalid_argument
// naming what is wrong.
nlohmann::json report_request(const std::string& period, const std::string& format,
                              const nlohmann::json& filters,
                              const domain::BusinessCalendar& calendar);

// Runs a report instance: the document and its media type, or the plugin's error.
struct ReportOutput {
    plugins::CallResult result;
    std::string content_type, document;
};
ReportOutput run_report(plugins::Instance& instance, const nlohmann::json& request);

}  // namespace redress::core
