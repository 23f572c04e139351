#include "column_layout.hpp"

#include <redress/redress.hpp>

#include <algorithm>
#include <stdexcept>

namespace intake_csv {
using nlohmann::json;

namespace {

// The complaint fields a column may fill, as dotted paths into the request.
const std::vector<std::string>& known_fields() {
    static const std::vector<std::string> fields = {
        "source_id",      "channel",       "customer.id",      "customer.name", "customer.phone",
        "customer.email", "customer.type", "customer.company", "subject",       "description",
        "demand",         "product",       "region",           "phase",         "purchased_at",
        "received_at",    "urgency",       "priority",         "category",      "tags",
        "received_by"};
    return fields;
}

std::string trim(const std::string& s) {
    auto begin = s.find_first_not_of(" \t");
    if (begin == std::string::npos) return "";
    return s.substr(begin, s.find_last_not_of(" \t") - begin + 1);
}

bool all_digits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "2026-11-20 14:30", "2026/11/20 14:30:05", "2026-11-20" (a date: midnight) or
// RFC 3339 as is; local times get the configured offset. Empty optional if not a time.
std::optional<std::string> to_rfc3339(std::string value, const std::string& offset) {
    std::replace(value.begin(), value.end(), '/', '-');
    if (value.size() >= 20 && value[10] == 'T') return value;  // already RFC 3339
    std::string date = value.substr(0, 10), clock = value.size() > 11 ? value.substr(11) : "";
    if (date.size() != 10 || date[4] != '-' || date[7] != '-' ||
        !all_digits(date.substr(0, 4) + date.substr(5, 2) + date.substr(8, 2)))
        return std::nullopt;
    if (value.size() > 10 && value[10] != ' ' && value[10] != 'T') return std::nullopt;
    if (clock.empty()) clock = "00:00:00";
    if (clock.size() == 5) clock += ":00";
    if (clock.size() != 8 || clock[2] != ':' || clock[5] != ':' ||
        !all_digits(clock.substr(0, 2) + clock.substr(3, 2) + clock.substr(6, 2)))
        return std::nullopt;
    return date + "T" + clock + offset;
}

std::vector<std::string> split_tags(const std::string& value) {
    std::vector<std::string> tags;
    std::string current;
    auto flush = [&] {
        if (auto t = trim(current); !t.empty()) tags.push_back(t);
        current.clear();
    };
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (value[i] == ';' || value[i] == ',') {
            flush();
        } else if (value.compare(i, 3, "\xEF\xBC\x9B") == 0 ||
                   value.compare(i, 3, "\xEF\xBC\x8C") == 0) {
            flush();  // full-width ；and ，
            i += 2;
        } else {
            current += value[i];
        }
    }
    flush();
    return tags;
}

}  // namespace

ColumnLayout::ColumnLayout(const json& settings) {
    for (const auto& [field, names] : settings.at("columns").items()) {
        if (std::find(known_fields().begin(), known_fields().end(), field) == known_fields().end())
            throw std::invalid_argument("settings/columns: unknown complaint field \"" + field +
                                        "\"");
        auto& list = headers_[field];
        if (names.is_string())
            list.push_back(names.get<std::string>());
        else
            for (const auto& n : names) list.push_back(n.get<std::string>());
    }
    channel_ = settings.at("channel").get<std::string>();
    for (const auto& [from, to] : settings.at("channel_values").items())
        channel_values_[from] = to.get<std::string>();
    utc_offset_ = settings.at("utc_offset").get<std::string>();
    require_source_id_ = settings.at("require_source_id").get<bool>();
}

std::vector<RowProblem> ColumnLayout::bind(const std::vector<std::string>& header,
                                           std::vector<std::string>& ignored) {
    header_ = header;
    bound_.clear();
    std::vector<RowProblem> problems;
    for (std::size_t i = 0; i < header.size(); ++i) {
        std::string name = trim(header[i]);
        bool used = false;
        for (const auto& [field, names] : headers_)
            if (std::find(names.begin(), names.end(), name) != names.end()) {
                if (bound_.count(field))
                    problems.push_back({1, 1, name, "a second column for " + field});
                bound_[field] = i;
                used = true;
            }
        if (!used) ignored.push_back(name);
    }
    if (require_source_id_ && !bound_.count("source_id")) {
        std::string names;
        for (const auto& n : headers_["source_id"]) names += (names.empty() ? "" : ", ") + n;
        problems.push_back(
            {1, 1, "",
             "no source-id column (one of: " + names + "); re-imports could not be recognised"});
    }
    if (!bound_.count("description") && !bound_.count("subject"))
        problems.push_back({1, 1, "", "no description or subject column"});
    return problems;
}

std::optional<RowRequest> ColumnLayout::request(const std::vector<std::string>& cells,
                                                std::size_t row, std::size_t line,
                                                const std::string& instance,
                                                std::vector<RowProblem>& problems) const {
    std::size_t before = problems.size();
    if (cells.size() != header_.size())
        problems.push_back({row, line, "",
                            "has " + std::to_string(cells.size()) + " cells, the header " +
                                std::to_string(header_.size())});
    RowRequest out;
    json& c = out.complaint;
    c["channel"] = channel_;
    for (const auto& [field, index] : bound_) {
        if (index >= cells.size()) continue;
        std::string value = trim(cells[index]);
        const std::string& column = header_[index];
        if (!redress::is_utf8(value)) {
            problems.push_back(
                {row, line, column, "is not UTF-8 text (save the file as \"CSV UTF-8\")"});
            continue;
        }
        if (field == "source_id") {
            if (value.empty())
                problems.push_back({row, line, column, "is empty; every row needs a source id"});
            out.source_id = value;
            continue;
        }
        if (value.empty()) continue;
        if (field == "channel") {
            auto alias = channel_values_.find(value);
            c["channel"] = alias != channel_values_.end() ? alias->second : value;
        } else if (field == "tags") {
            c["tags"] = split_tags(value);
        } else if (field == "received_at" || field == "purchased_at") {
            auto t = to_rfc3339(value, utc_offset_);
            if (!t)
                problems.push_back(
                    {row, line, column, "\"" + value + "\" is not a time like 2026-11-20 14:30"});
            else
                c[field] = *t;
        } else if (field.rfind("customer.", 0) == 0) {
            c["customer"][field.substr(9)] = value;
        } else {
            c[field] = value;
        }
    }
    if (!out.source_id.empty()) c["source"] = {{"instance", instance}, {"id", out.source_id}};
    if (problems.size() != before) return std::nullopt;
    return out;
}

std::string ColumnLayout::column_of(const std::string& pointer) const {
    std::string field = pointer;
    if (!field.empty() && field[0] == '/') field.erase(0, 1);
    std::replace(field.begin(), field.end(), '/', '.');
    for (std::string f = field; !f.empty(); f = f.substr(0, f.rfind('.'))) {
        if (auto it = bound_.find(f); it != bound_.end()) return header_[it->second];
        if (f.find('.') == std::string::npos) break;
    }
    return "";
}

}  // namespace intake_csv
