// intake_csv: batch import of phone-call and walk-in records kept in a
// spreadsheet. A header-mapped column layout turns each row into a complaint;
// every bad cell is reported by row, column and problem; the source-id column
// makes a re-import record nothing twice; with "atomic" a batch is recorded
// whole or not at all.
#include <redress/redress.hpp>

#include <nlohmann/json.hpp>

#include "column_layout.hpp"
#include "csv_reader.hpp"
#include "settings_schema.hpp"

namespace intake_csv {
namespace {

nlohmann::json problem_json(const RowProblem& p) {
    return {{"row", p.row}, {"line", p.line}, {"column", p.column}, {"problem", p.problem}};
}

}  // namespace

class CsvIntake : public redress::Intake {
  public:
    explicit CsvIntake(redress::Host host)
        : Intake(host), settings_(nlohmann::json::parse(host.settings())) {
        try {
            ColumnLayout check(settings_);
        } catch (const std::invalid_argument& e) {
            throw redress::Invalid(e.what());
        }
        delimiter_ = settings_.at("delimiter").get<std::string>()[0];
        atomic_ = settings_.at("atomic").get<bool>();
        max_rows_ = settings_.at("max_rows").get<std::size_t>();
    }

    std::string import_batch(std::string_view input) override {
        nlohmann::json report = {{"atomic", atomic_},
                                 {"rows", 0},
                                 {"recorded", 0},
                                 {"replayed", 0},
                                 {"refused", 0},
                                 {"complaints", nlohmann::json::array()},
                                 {"errors", nlohmann::json::array()}};
        std::vector<Record> records;
        try {
            records = read_csv(input, delimiter_);
        } catch (const CsvError& e) {
            report["errors"].push_back(problem_json({0, e.line(), "", e.what()}));
            return finish(report, false);
        }
        if (records.empty()) {
            report["errors"].push_back(problem_json({1, 1, "", "the file has no header row"}));
            return finish(report, false);
        }
        if (records.size() - 1 > max_rows_) {
            report["errors"].push_back(problem_json(
                {0, 0, "", "more than max_rows (" + std::to_string(max_rows_) + ") rows"}));
            return finish(report, false);
        }
        ColumnLayout layout(settings_);
        std::vector<std::string> ignored;
        std::vector<RowProblem> problems = layout.bind(records[0].cells, ignored);
        report["ignored_columns"] = ignored;
        report["rows"] = records.size() - 1;
        if (!problems.empty()) {
            for (const auto& p : problems) report["errors"].push_back(problem_json(p));
            return finish(report, false);
        }

        // Rows the plugin itself finds wrong never reach the host.
        nlohmann::json batch = nlohmann::json::array();
        std::vector<std::size_t> batch_rows;  // index into records
        for (std::size_t i = 1; i < records.size(); ++i) {
            auto request = layout.request(records[i].cells, i + 1, records[i].line,
                                          std::string(host().name()), problems);
            if (!request) continue;
            nlohmann::json item = {{"complaint", request->complaint}};
            if (!request->source_id.empty()) item["source_id"] = request->source_id;
            batch.push_back(std::move(item));
            batch_rows.push_back(i);
        }
        for (const auto& p : problems) report["errors"].push_back(problem_json(p));
        if (atomic_ && !problems.empty()) {
            report["refused"] = records.size() - 1;
            return finish(report, false);
        }
        if (batch.empty()) return finish(report, false);

        auto answers = nlohmann::json::parse(host().submit_complaints(batch.dump(), atomic_));
        std::size_t recorded = 0, replayed = 0, refused = problems.size();
        for (std::size_t k = 0; k < answers.size() && k < batch_rows.size(); ++k) {
            const auto& a = answers[k];
            const Record& rec = records[batch_rows[k]];
            std::size_t row = batch_rows[k] + 1;
            if (a.value("ok", false)) {
                bool again = a.value("replayed", false);
                (again ? replayed : recorded)++;
                report["complaints"].push_back({{"row", row},
                                                {"source_id", batch[k].value("source_id", "")},
                                                {"number", a["complaint"].value("number", "")},
                                                {"replayed", again}});
                continue;
            }
            ++refused;
            auto errors = a.value("errors", nlohmann::json::array());
            bool knock_on = errors.size() == 1 && errors[0].value("field", "x").empty() &&
                            errors[0].value("message", "").rfind("not recorded", 0) == 0;
            if (knock_on) continue;  // refused only because another row was
            if (errors.empty())
                report["errors"].push_back(
                    problem_json({row, rec.line, "", a.value("detail", "refused")}));
            for (const auto& e : errors)
                report["errors"].push_back(
                    problem_json({row, rec.line, layout.column_of(e.value("field", "")),
                                  e.value("message", "") + " (" + e.value("field", "") + ")"}));
        }
        if (atomic_ && refused > 0) {  // the host recorded none of them
            recorded = replayed = 0;
            refused = records.size() - 1;
            report["complaints"] = nlohmann::json::array();
        }
        report["recorded"] = recorded;
        report["replayed"] = replayed;
        report["refused"] = refused;
        return finish(report, recorded + replayed > 0);
    }

  private:
    // `committed`: some rows are in the store now (or were already).
    std::string finish(nlohmann::json& report, bool committed) {
        report["committed"] = committed;
        host().info("import: " + std::to_string(report["rows"].get<std::size_t>()) + " rows, " +
                    std::to_string(report["recorded"].get<std::size_t>()) + " recorded, " +
                    std::to_string(report["errors"].size()) + " problems");
        return report.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }

    nlohmann::json settings_;
    char delimiter_ = ',';
    bool atomic_ = true;
    std::size_t max_rows_ = 100000;
};

}  // namespace intake_csv

REDRESS_MODULE("intake_csv", "1.0.0",
               "Batch import of phone-call and walk-in records from CSV files",
               redress::provide<intake_csv::CsvIntake>(intake_csv::kSettingsSchema))
