// column_layout: which CSV column holds which complaint field (a header-mapped
// layout from the instance's settings), and the turning of one row into the JSON
// of a complaint request, with a problem per bad cell.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace intake_csv {

// One problem with one row: `column` is the header name ("" for the whole row).
struct RowProblem {
    std::size_t row = 0;  // the record's number, the header being row 1 (as a spreadsheet shows it)
    std::size_t line = 0;  // the file line it starts on
    std::string column;
    std::string problem;
};

// A row turned into a request.
struct RowRequest {
    nlohmann::json complaint;
    std::string source_id;
};

class ColumnLayout {
  public:
    // Reads the settings ("columns", "channel", "channel_values", "utc_offset",
    // "require_source_id"). Throws std::invalid_argument for a bad mapping.
    explicit ColumnLayout(const nlohmann::json& settings);

    // Binds the layout to a file's header row. Returns problems for required
    // columns that are missing; unmapped columns are listed in `ignored`.
    std::vector<RowProblem> bind(const std::vector<std::string>& header,
                                 std::vector<std::string>& ignored);

    // Turns one data row into a request, or adds its problems to `problems`.
    std::optional<RowRequest> request(const std::vector<std::string>& cells, std::size_t row,
                                      std::size_t line, const std::string& instance,
                                      std::vector<RowProblem>& problems) const;

    // The header of the column a host error's field (a JSON pointer such as
    // "/customer/phone") came from, or "" when no column maps to it.
    std::string column_of(const std::string& pointer) const;

  private:
    std::map<std::string, std::vector<std::string>> headers_;  // field -> accepted header names
    std::map<std::string, std::size_t> bound_;                 // field -> column index
    std::vector<std::string> header_;
    std::string channel_;
    std::map<std::string, std::string> channel_values_;
    std::string utc_offset_;
    bool require_source_id_ = true;
};

}  // namespace intake_csv
