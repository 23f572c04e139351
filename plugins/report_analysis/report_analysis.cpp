// report_analysis: the monthly and quarterly complaint analysis (D21) and the
// team and owner review (D23) for a period and filters, as HTML with inline SVG
// charts, CSV or JSON. Every figure comes from the host's database, aggregated
// there (query_statistics); the plugin only lays them out, with the trend over
// the five periods before.
#include <redress/redress.hpp>

#include <cstdio>

#include <nlohmann/json.hpp>

#include "html_page.hpp"
#include "svg_chart.hpp"

namespace report_analysis {
namespace {
using nlohmann::json;
using redress_plugins::html_escape;

constexpr const char* kSettingsSchema = R"({
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "language": {"enum": ["zh", "en"], "default": "zh"},
    "title": {"type": "string", "default": ""}
  }
})";

std::string fixed(const json& v, int digits = 1) {
    if (!v.is_number()) return "-";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v.get<double>());
    return buf;
}

std::string percent(const json& v) {
    return v.is_number() ? fixed(v.get<double>() * 100, 1) + "%" : "-";
}

std::string hours(const json& ms) {
    return ms.is_number() ? fixed(ms.get<double>() / 3600000.0, 1) + " h" : "-";
}

std::string csv_cell(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

struct Words {
    const char* title;
    const char* period;
    const char* volume;
    const char* trend;
    const char* by_category;
    const char* by_channel;
    const char* by_product;
    const char* by_region;
    const char* top_problems;
    const char* on_time;
    const char* handling;
    const char* satisfaction;
    const char* teams;
    const char* owners;
    const char* closed;
    const char* average;
    const char* answers;
    const char* first_line;
    const char* reopened;
    const char* escalated;
    const char* by_reason;
    const char* by_round;
    const char* round;
    const char* milestone[3];
    // The escalation reasons of D14, in kReasons' order.
    const char* reason[7];
};

const char* kReasons[7] = {"beyond_authority", "unresolved", "repeat", "group",
                           "sla_warning",      "sla_breach", "other"};

const Words kZh = {
    "投诉分析报告",
    "统计期",
    "投诉量",
    "投诉量趋势",
    "按类别",
    "按渠道",
    "按产品",
    "按地区",
    "高频问题",
    "各环节按时率",
    "处理时长",
    "满意度",
    "团队考核",
    "个人考核",
    "已办结",
    "平均",
    "评价数",
    "一线解决率",
    "重开率",
    "升级率",
    "升级原因",
    "各轮处理满意度",
    "处理轮次",
    {"首次响应", "解决方案", "办结"},
    {"超出一线权限", "一线无法解决", "重复投诉", "群体投诉", "即将超时", "已超时", "其他"}};
const Words kEn = {"Complaint analysis",
                   "Period",
                   "Volume",
                   "Volume trend",
                   "By category",
                   "By channel",
                   "By product",
                   "By region",
                   "Top recurring problems",
                   "On time per milestone",
                   "Handling time",
                   "Satisfaction",
                   "Team review",
                   "Owner review",
                   "Closed",
                   "Average",
                   "Answers",
                   "First-line resolution",
                   "Reopened",
                   "Escalated",
                   "Escalations by reason",
                   "Satisfaction per handling round",
                   "Round",
                   {"first response", "solution plan", "resolution"},
                   {"beyond first-line authority", "first line cannot solve it", "repeat complaint",
                    "group complaint", "SLA about to be breached", "SLA breached", "other"}};
const char* kMilestones[3] = {"first_response", "solution_plan", "resolution"};

}  // namespace

class AnalysisReport : public redress::Report {
  public:
    explicit AnalysisReport(redress::Host host) : Report(host) {
        json s = json::parse(host.settings());
        words_ = s.at("language") == "en" ? &kEn : &kZh;
        title_ = s.at("title").get<std::string>();
        if (title_.empty()) title_ = words_->title;
    }

    redress::Document generate(std::string_view request_json) override {
        json r = json::parse(request_json);
        json filters = r.value("filters", json::object());
        json figures = stats(r, filters);
        json trend = json::array();
        for (const auto& p : r.value("previous", json::array())) {
            json f = stats(p, filters);
            trend.push_back(point(p.value("period", ""), f));
        }
        trend.push_back(point(r.value("period", ""), figures));
        std::string format = r.value("format", "html");
        json doc = {{"period", r.value("period", "")},
                    {"from", r.value("from", "")},
                    {"to", r.value("to", "")},
                    {"filters", filters},
                    {"figures", figures},
                    {"trend", trend}};
        if (format == "json") return {"application/json", doc.dump(2)};
        if (format == "csv") return {"text/csv; charset=utf-8", csv(doc)};
        return {"text/html; charset=utf-8", html(doc)};
    }

  private:
    json stats(const json& period, const json& filters) const {
        json q = {{"from", period.value("from", "")},
                  {"to", period.value("to", "")},
                  {"filters", filters}};
        return json::parse(host().query_statistics(q.dump()));
    }

    static json point(const std::string& label, const json& f) {
        return {{"period", label},
                {"volume", f["volume"]},
                {"first_response_on_time", f["on_time"]["first_response"]["rate"]},
                {"satisfaction", f["satisfaction"]["average"]}};
    }

    std::string csv(const json& doc) const {
        const json& f = doc["figures"];
        std::string out = "section,key,value\r\n";
        auto row = [&](const std::string& section, const std::string& key,
                       const std::string& value) {
            out += csv_cell(section) + "," + csv_cell(key) + "," + csv_cell(value) + "\r\n";
        };
        row("period", doc["period"],
            doc["from"].get<std::string>() + "/" + doc["to"].get<std::string>());
        row("volume", "total", std::to_string(f["volume"].get<long long>()));
        for (const char* list : {"by_category", "by_channel", "by_product", "by_region", "by_team"})
            for (const auto& e : f[list])
                row(list, e["key"], std::to_string(e["count"].get<long long>()));
        for (const auto& e : f["top_problems"])
            row("top_problems",
                e["category"].get<std::string>() + " / " + e["product"].get<std::string>(),
                std::to_string(e["count"].get<long long>()));
        for (const char* m : kMilestones) row("on_time", m, fixed(f["on_time"][m]["rate"], 4));
        for (const char* k : {"average", "p50", "p90", "p95"})
            row("handling_hours", k, hours(f["handling_ms"][k]));
        row("first_line_resolution", "rate", fixed(f["first_line_resolution"]["rate"], 4));
        row("reopened", "rate", fixed(f["reopened"]["rate"], 4));
        row("escalated", "rate", fixed(f["escalated"]["rate"], 4));
        for (const auto& e : f["escalated"]["by_reason"])
            row("escalated_by_reason", e["key"], std::to_string(e["count"].get<long long>()));
        row("satisfaction", "average", fixed(f["satisfaction"]["average"], 2));
        for (const auto& [score, n] : f["satisfaction"]["distribution"].items())
            row("satisfaction", "score " + score, std::to_string(n.get<long long>()));
        for (const auto& r : f["satisfaction"]["by_round"])
            row("satisfaction_by_round", "round " + std::to_string(r["round"].get<int>()),
                fixed(r["average"], 2) + " / " + std::to_string(r["answers"].get<long long>()));
        for (const auto& p : doc["trend"])
            row("trend", p["period"], std::to_string(p["volume"].get<long long>()));
        for (const char* list : {"teams", "owners"})
            for (const auto& e : f[list])
                row(list, e["key"],
                    std::to_string(e["volume"].get<long long>()) + " / " +
                        std::to_string(e["closed"].get<long long>()) + " / " +
                        hours(e["avg_handling_ms"]) + " / " + percent(e["first_response_on_time"]) +
                        " / " + fixed(e["satisfaction"], 2));
        return out;
    }

    std::string table(const json& list, const char* heading) const {
        std::string out = std::string("<h2>") + heading + "</h2><table><tbody>";
        for (const auto& e : list)
            out += "<tr><td>" +
                   html_escape(e["key"].get<std::string>().empty() ? "-"
                                                                   : e["key"].get<std::string>()) +
                   "</td><td class=\"n\">" + std::to_string(e["count"].get<long long>()) +
                   "</td></tr>";
        return out + "</tbody></table>";
    }

    // The reason codes in the report's language.
    json reasons(const json& list) const {
        json out = list;
        for (auto& e : out)
            for (int i = 0; i < 7; ++i)
                if (e["key"] == kReasons[i]) e["key"] = words_->reason[i];
        return out;
    }

    std::string review(const json& list, const char* heading) const {
        const Words& w = *words_;
        std::string out = std::string("<h2>") + heading + "</h2><table><thead><tr><th></th><th>" +
                          w.volume + "</th><th>" + w.closed + "</th><th>" + w.handling +
                          "</th><th>" + w.milestone[0] + "</th><th>" + w.satisfaction +
                          "</th></tr></thead><tbody>";
        for (const auto& e : list)
            out += "<tr><td>" + html_escape(e["key"].get<std::string>()) + "</td><td class=\"n\">" +
                   std::to_string(e["volume"].get<long long>()) + "</td><td class=\"n\">" +
                   std::to_string(e["closed"].get<long long>()) + "</td><td class=\"n\">" +
                   hours(e["avg_handling_ms"]) + "</td><td class=\"n\">" +
                   percent(e["first_response_on_time"]) + "</td><td class=\"n\">" +
                   fixed(e["satisfaction"], 2) + "</td></tr>";
        return out + "</tbody></table>";
    }

    std::string html(const json& doc) const {
        const Words& w = *words_;
        const json& f = doc["figures"];
        std::vector<Bar> trend, categories, on_time, scores;
        for (const auto& p : doc["trend"])
            trend.push_back({p["period"], p["volume"].get<double>()});
        for (const auto& e : f["by_category"])
            categories.push_back(
                {e["key"].get<std::string>().empty() ? "-" : e["key"].get<std::string>(),
                 e["count"].get<double>()});
        for (int i = 0; i < 3; ++i) {
            const json& rate = f["on_time"][kMilestones[i]]["rate"];
            on_time.push_back({w.milestone[i], rate.is_number() ? rate.get<double>() : 0.0});
        }
        for (const auto& [score, n] : f["satisfaction"]["distribution"].items())
            scores.push_back({score, n.get<double>()});
        std::string body = "<h1>" + html_escape(title_) + "</h1><p>" + w.period + ": <strong>" +
                           html_escape(doc["period"]) + "</strong> (" + html_escape(doc["from"]) +
                           " – " + html_escape(doc["to"]) + ")</p>";
        if (!doc["filters"].empty()) body += "<p>" + html_escape(doc["filters"].dump()) + "</p>";
        body += std::string("<table class=\"kpi\"><tbody>") + "<tr><th>" + w.volume +
                "</th><td id=\"volume\">" + std::to_string(f["volume"].get<long long>()) +
                "</td></tr><tr><th>" + w.closed + "</th><td>" +
                std::to_string(f["handling_ms"]["closed"].get<long long>()) + "</td></tr><tr><th>" +
                w.handling + " (" + w.average + " / p50 / p90 / p95)</th><td>" +
                hours(f["handling_ms"]["average"]) + " / " + hours(f["handling_ms"]["p50"]) +
                " / " + hours(f["handling_ms"]["p90"]) + " / " + hours(f["handling_ms"]["p95"]) +
                "</td></tr><tr><th>" + w.first_line + "</th><td>" +
                percent(f["first_line_resolution"]["rate"]) + "</td></tr><tr><th>" + w.reopened +
                "</th><td>" + percent(f["reopened"]["rate"]) + "</td></tr><tr><th>" + w.escalated +
                "</th><td>" + percent(f["escalated"]["rate"]) + "</td></tr><tr><th>" +
                w.satisfaction + " (" + w.average + ", " + w.answers +
                ")</th><td id=\"satisfaction\">" + fixed(f["satisfaction"]["average"], 2) + " (" +
                std::to_string(f["satisfaction"]["answers"].get<long long>()) +
                ")</td></tr></tbody></table>";
        body += bar_chart(w.trend, trend);
        body += bar_chart(w.by_category, categories, false, true);
        body += bar_chart(w.on_time, on_time, true);
        body += bar_chart(w.satisfaction, scores);
        body += table(f["by_category"], w.by_category) + table(f["by_channel"], w.by_channel) +
                table(f["by_product"], w.by_product) + table(f["by_region"], w.by_region);
        body += std::string("<h2>") + w.top_problems + "</h2><table><tbody>";
        for (const auto& e : f["top_problems"])
            body += "<tr><td>" + html_escape(e["category"].get<std::string>()) + "</td><td>" +
                    html_escape(e["product"].get<std::string>()) + "</td><td class=\"n\">" +
                    std::to_string(e["count"].get<long long>()) + "</td></tr>";
        body += "</tbody></table>" + table(reasons(f["escalated"]["by_reason"]), w.by_reason);
        body += std::string("<h2>") + w.by_round + "</h2><table><thead><tr><th>" + w.round +
                "</th><th>" + w.satisfaction + "</th><th>" + w.answers +
                "</th></tr></thead><tbody>";
        for (const auto& r : f["satisfaction"]["by_round"])
            body += "<tr><td>" + std::to_string(r["round"].get<int>()) + "</td><td class=\"n\">" +
                    fixed(r["average"], 2) + "</td><td class=\"n\">" +
                    std::to_string(r["answers"].get<long long>()) + "</td></tr>";
        body += "</tbody></table>" + review(f["teams"], w.teams) + review(f["owners"], w.owners);
        body +=
            "<style>table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid "
            "#cbd2d9;padding:.25rem .5rem;text-align:left}.n{text-align:right}figure{margin:"
            "1rem 0}</style>";
        return redress_plugins::html_page(words_ == &kZh ? "zh" : "en", title_, "", body);
    }

    const Words* words_ = &kZh;
    std::string title_;
};

}  // namespace report_analysis

REDRESS_MODULE("report_analysis", "1.0.0",
               "Monthly and quarterly complaint analysis and team review, as HTML, CSV or JSON",
               redress::provide<report_analysis::AnalysisReport>(report_analysis::kSettingsSchema))
