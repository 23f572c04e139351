// A spreadsheet export as intake_csv imports it, with the default settings: the
// records, the header bound to the column layout, each row's request.
#include <cstdint>
#include <string_view>

#include <nlohmann/json.hpp>

#include "column_layout.hpp"
#include "config/schema.hpp"
#include "csv_reader.hpp"
#include "settings_schema.hpp"

using nlohmann::json;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const json settings = [] {
        json s = json::object();
        redress::config::apply_defaults(json::parse(intake_csv::kSettingsSchema), s);
        return s;
    }();
    if (size == 0) return 0;
    const char delimiter = (data[0] & 1) ? ';' : ',';
    std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
    std::vector<intake_csv::Record> records;
    try {
        records = intake_csv::read_csv(text, delimiter);
    } catch (const intake_csv::CsvError&) {
        return 0;
    }
    if (records.empty()) return 0;
    intake_csv::ColumnLayout layout(settings);
    std::vector<std::string> ignored;
    auto problems = layout.bind(records[0].cells, ignored);
    if (!problems.empty()) return 0;
    for (std::size_t i = 1; i < records.size(); ++i) {
        auto request = layout.request(records[i].cells, i + 1, records[i].line, "csv", problems);
        if (request) request->complaint.dump();
    }
    return 0;
}
