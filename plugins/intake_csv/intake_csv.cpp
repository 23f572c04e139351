// intake_csv: batch import of phone-call and walk-in records kept in a
// spreadsheet. A header-mapped column layout turns each row into a complaint;
// every bad cell is reported by row, column and problem; the source-id column
// makes a re-import record nothing twice; with "atomic" a batch is recorded
// whole or not at all.
#include <redress/redress.hpp>

#include <nlohmann/json.hpp>

#include "column_layout.hpp"
#include "csv_reader.hpp"

namespace intake_csv {
namespace {

constexpr const char* kSettingsSchema = R"({
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "columns": {
      "type": "object",
      "description": "Complaint field -> the header name(s) of its column. Fields: source_id, channel, customer.id, customer.name, customer.phone, customer.email, customer.type, customer.company, subject, description, demand, product, region, phase, purchased_at, received_at, urgency, priority, category, tags (split at ; or ,), received_by.",
      "additionalProperties": {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
      "default": {
        "source_id": ["source_id", "id", "记录编号", "编号"],
        "channel": ["channel", "渠道", "来源"],
        "customer.name": ["customer_name", "name", "客户姓名", "姓名"],
        "customer.phone": ["customer_phone", "phone", "电话", "联系电话"],
        "customer.email": ["customer_email", "email", "邮箱"],
        "customer.company": ["company", "单位"],
        "subject": ["subject", "标题", "主题"],
        "description": ["description", "投诉内容", "内容", "问题描述"],
        "demand": ["demand", "诉求", "客户诉求"],
        "product": ["product", "产品", "产品型号"],
        "region": ["region", "地区", "区域"],
        "purchased_at": ["purchased_at", "购买日期"],
        "received_at": ["received_at", "受理时间", "来电时间"],
        "urgency": ["urgency", "紧急程度"],
        "priority": ["priority", "优先级"],
        "category": ["category", "类别"],
        "tags": ["tags", "标签"],
        "received_by": ["received_by", "受理人"]
      }
    },
    "channel": {"enum": ["phone", "walk_in", "email", "web_form", "chat", "social_media", "api"], "default": "phone",
      "description": "The channel of rows without a channel cell."},
    "channel_values": {"type": "object", "additionalProperties": {"type": "string"},
      "default": {"电话": "phone", "来电": "phone", "热线": "phone", "来访": "walk_in", "到店": "walk_in", "门店": "walk_in", "walk-in": "walk_in"},
      "description": "Cell values of the channel column translated to channel names."},
    "delimiter": {"type": "string", "minLength": 1, "maxLength": 1, "default": ","},
    "utc_offset": {"type": "string", "pattern": "^[+-][0-9]{2}:[0-9]{2}$", "default": "+08:00",
      "description": "The time zone of times written without one (2026-11-20 14:30)."},
    "require_source_id": {"type": "boolean", "default": true},
    "atomic": {"type": "boolean", "default": true,
      "description": "Record a batch whole or not at all; false records the good rows and reports the bad."},
    "max_rows": {"type": "integer", "minimum": 1, "default": 100000}
  }
})";

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
