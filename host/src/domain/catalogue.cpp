#include "domain/catalogue.hpp"

#include <algorithm>
#include <stdexcept>

#include "config/json_text.hpp"
#include "config/problem.hpp"

namespace redress::domain {
using nlohmann::json;

namespace {

std::string text_at(const json& obj, const char* key) {
    auto it = obj.find(key);
    return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool category_covers(const std::string& prefix, const std::string& category) {
    if (prefix.empty()) return true;
    return category == prefix ||
           (category.size() > prefix.size() && category.compare(0, prefix.size(), prefix) == 0 &&
            category[prefix.size()] == '.');
}

}  // namespace

CategoryTree CategoryTree::from_json(const json& doc) {
    CategoryTree t;
    t.doc_ = doc;
    if (!doc.is_object() || !doc.contains("categories") || !doc["categories"].is_array())
        throw std::invalid_argument("/categories: expected a list of categories");
    for (std::size_t i = 0; i < doc["categories"].size(); ++i)
        t.add(doc["categories"][i], "", "/categories/" + std::to_string(i));
    return t;
}

void CategoryTree::add(const json& node, const std::string& parent, const std::string& pointer) {
    std::string id = node.is_object() ? text_at(node, "id") : "";
    if (id.empty()) throw std::invalid_argument(pointer + "/id: required");
    if (!parent.empty() && id.rfind(parent + ".", 0) != 0)
        throw std::invalid_argument(pointer + "/id: \"" + id + "\" must start with \"" + parent +
                                    ".\"");
    if (contains(id)) throw std::invalid_argument(pointer + "/id: \"" + id + "\" is defined twice");
    ids_.push_back(id);
    if (node.contains("children")) {
        if (!node["children"].is_array())
            throw std::invalid_argument(pointer + "/children: expected a list");
        for (std::size_t i = 0; i < node["children"].size(); ++i)
            add(node["children"][i], id, pointer + "/children/" + std::to_string(i));
    }
}

bool CategoryTree::contains(const std::string& id) const {
    return std::find(ids_.begin(), ids_.end(), id) != ids_.end();
}

ResponsibilityMatrix ResponsibilityMatrix::from_json(const json& doc) {
    ResponsibilityMatrix m;
    if (!doc.is_object() || !doc.contains("teams") || !doc["teams"].is_object())
        throw std::invalid_argument("/teams: expected an object of teams");
    for (const auto& [id, t] : doc["teams"].items()) {
        Team team{id, text_at(t, "lead"), text_at(t, "supervisor"), text_at(t, "head")};
        if (team.lead.empty()) throw std::invalid_argument("/teams/" + id + "/lead: required");
        if (team.supervisor.empty()) team.supervisor = team.lead;
        if (team.head.empty()) team.head = team.supervisor;
        m.teams_.push_back(team);
    }
    auto read_rule = [&](const json& r, const std::string& pointer) {
        Rule rule{text_at(r, "category"), text_at(r, "product"), text_at(r, "region"),
                  text_at(r, "team"), text_at(r, "owner")};
        const Team* team = m.team(rule.team);
        if (team == nullptr)
            throw std::invalid_argument(pointer + "/team: unknown team \"" + rule.team + "\"");
        if (rule.owner.empty()) rule.owner = team->lead;
        return rule;
    };
    const json rules = doc.value("rules", json::array());
    for (std::size_t i = 0; i < rules.size(); ++i)
        m.rules_.push_back(read_rule(rules[i], "/rules/" + std::to_string(i)));
    if (!doc.contains("fallback"))
        throw std::invalid_argument("/fallback: required (every complaint needs an owner)");
    m.fallback_ = read_rule(doc["fallback"], "/fallback");
    return m;
}

ResponsibilityMatrix::Assignment ResponsibilityMatrix::assign(const std::string& category,
                                                              const std::string& product,
                                                              const std::string& region) const {
    // The most specific matching rule wins: more fields matched, then a longer category.
    const Rule* best = nullptr;
    std::size_t best_index = 0;
    auto score = [](const Rule& r) {
        return (r.product.empty() ? 0 : 10000) + (r.region.empty() ? 0 : 1000) +
               static_cast<int>(r.category.size());
    };
    for (std::size_t i = 0; i < rules_.size(); ++i) {
        const Rule& r = rules_[i];
        if (!category_covers(r.category, category)) continue;
        if (!r.product.empty() && r.product != product) continue;
        if (!r.region.empty() && r.region != region) continue;
        if (best == nullptr || score(r) > score(*best)) {
            best = &r;
            best_index = i;
        }
    }
    if (best == nullptr) return {fallback_.team, fallback_.owner, "fallback"};
    return {best->team, best->owner, "rules/" + std::to_string(best_index)};
}

const ResponsibilityMatrix::Team* ResponsibilityMatrix::team(const std::string& id) const {
    for (const auto& t : teams_)
        if (t.id == id) return &t;
    return nullptr;
}

DomainConfig DomainConfig::load(const std::filesystem::path& categories,
                                const std::filesystem::path& responsibility,
                                const std::filesystem::path& sla,
                                const std::filesystem::path& calendar,
                                std::vector<std::string> required_fields) {
    auto read = [](const std::filesystem::path& file, auto parse) {
        json doc = config::parse_json_with_comments(config::read_text_file(file), file.string());
        try {
            return parse(doc);
        } catch (const std::invalid_argument& e) {
            throw config::ConfigError({{file.string(), "", e.what()}});
        }
    };
    auto cal = read(calendar, [](const json& d) { return BusinessCalendar::from_json(d); });
    return DomainConfig{
        read(categories, [](const json& d) { return CategoryTree::from_json(d); }),
        read(responsibility, [](const json& d) { return ResponsibilityMatrix::from_json(d); }),
        read(sla, [&](const json& d) { return SlaPolicy::from_json(d, cal); }),
        std::move(required_fields)};
}

}  // namespace redress::domain
