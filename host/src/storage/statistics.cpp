#include "storage/statistics.hpp"

#include <soci/soci.h>

#include <stdexcept>

#include "domain/time.hpp"

namespace redress::storage {
using nlohmann::json;

namespace {

// The FROM and WHERE clauses of every query, with their values bound by name.
struct Scope {
    std::string where = " WHERE c.received_at >= :from AND c.received_at < :to";
    const StatisticsRequest& r;
    std::string category_prefix;

    explicit Scope(const StatisticsRequest& request) : r(request) {
        category_prefix = r.category + ".%";
        if (!r.category.empty()) where += " AND (c.category = :cat OR c.category LIKE :catp)";
        if (!r.channel.empty()) where += " AND c.channel = :channel";
        if (!r.team.empty()) where += " AND c.team = :team";
        if (!r.product.empty()) where += " AND f.product = :product";
    }
    // The complaints in scope, with their facts and any further joined table.
    std::string tables(const std::string& join = "") const {
        return " FROM complaints c JOIN complaint_facts f ON f.complaint_id = c.id" + join + where;
    }
    // Binds the scope's values to a prepared statement.
    void bind(soci::statement& st) const {
        st.exchange(soci::use(r.from, "from"));
        st.exchange(soci::use(r.to, "to"));
        if (!r.category.empty()) {
            st.exchange(soci::use(r.category, "cat"));
            st.exchange(soci::use(category_prefix, "catp"));
        }
        if (!r.channel.empty()) st.exchange(soci::use(r.channel, "channel"));
        if (!r.team.empty()) st.exchange(soci::use(r.team, "team"));
        if (!r.product.empty()) st.exchange(soci::use(r.product, "product"));
    }
};

// Runs `select + scope (+ join) + tail` and hands every row (as doubles, NULL as
// -1) to `row`.
template <std::size_t N, class F>
void query(soci::session& s, const Scope& scope, const std::string& select, const std::string& tail,
           F&& row, const std::string& join = "") {
    soci::statement st(s);
    double values[N];
    soci::indicator ind[N];
    for (std::size_t i = 0; i < N; ++i) st.exchange(soci::into(values[i], ind[i]));
    scope.bind(st);
    st.alloc();
    st.prepare(select + scope.tables(join) + tail);
    st.define_and_bind();
    st.execute(false);
    while (st.fetch()) {
        for (std::size_t i = 0; i < N; ++i)
            if (ind[i] != soci::i_ok) values[i] = -1;
        row(values);
    }
}

// A count per value of one column: [{"key", "count"}], the largest first.
json counts_by(soci::session& s, const Scope& scope, const std::string& column,
               const std::string& join = "") {
    json out = json::array();
    soci::statement st(s);
    std::string key;
    long long count = 0;
    st.exchange(soci::into(key));
    st.exchange(soci::into(count));
    scope.bind(st);
    st.alloc();
    st.prepare("SELECT " + column + ", COUNT(*)" + scope.tables(join) + " GROUP BY " + column +
               " ORDER BY COUNT(*) DESC, " + column);
    st.define_and_bind();
    st.execute(false);
    while (st.fetch()) out.push_back({{"key", key}, {"count", count}});
    return out;
}

double rate(double part, double whole) {
    return whole > 0 ? part / whole : 0.0;
}

// The handling time at a quantile of the closed complaints (nearest rank), by SQL.
json percentile(soci::session& s, const Scope& scope, long long closed, double q) {
    if (closed == 0) return nullptr;
    long long offset = static_cast<long long>(q * static_cast<double>(closed - 1) + 0.5);
    json value;
    query<1>(s, scope, "SELECT f.handling_ms",
             " AND f.closed_at IS NOT NULL ORDER BY f.handling_ms LIMIT 1 OFFSET " +
                 std::to_string(offset),
             [&](const double* v) { value = static_cast<long long>(v[0]); });
    return value;
}

// The D23 review: per team or per owner.
json review_by(soci::session& s, const Scope& scope, const std::string& column) {
    json out = json::array();
    soci::statement st(s);
    std::string key;
    double v[5];
    soci::indicator ind[5];
    st.exchange(soci::into(key));
    for (int i = 0; i < 5; ++i) st.exchange(soci::into(v[i], ind[i]));
    scope.bind(st);
    st.alloc();
    st.prepare("SELECT " + column +
               ", COUNT(*), SUM(CASE WHEN f.closed_at IS NOT NULL THEN 1 ELSE 0 END),"
               " AVG(f.handling_ms), AVG(f.first_response_on_time), AVG(f.satisfaction)" +
               scope.tables() + " GROUP BY " + column + " ORDER BY COUNT(*) DESC, " + column);
    st.define_and_bind();
    st.execute(false);
    auto number = [&](int i) { return ind[i] == soci::i_ok ? json(v[i]) : json(nullptr); };
    while (st.fetch())
        out.push_back({{"key", key},
                       {"volume", static_cast<long long>(v[0])},
                       {"closed", static_cast<long long>(v[1])},
                       {"avg_handling_ms", number(2)},
                       {"first_response_on_time", number(3)},
                       {"satisfaction", number(4)}});
    return out;
}

}  // namespace

json statistics(soci::session& s, const StatisticsRequest& r) {
    Scope scope(r);
    json out = {{"from", domain::format_time(domain::from_millis(r.from))},
                {"to", domain::format_time(domain::from_millis(r.to))}};
    double totals[8] = {0};
    query<8>(s, scope,
             "SELECT COUNT(*), SUM(CASE WHEN f.closed_at IS NOT NULL THEN 1 ELSE 0 END),"
             " AVG(f.handling_ms), SUM(f.first_line), SUM(CASE WHEN f.handling_round > 1 THEN 1 "
             "ELSE 0 END), SUM(CASE WHEN f.escalation_level > 0 THEN 1 ELSE 0 END),"
             " COUNT(f.satisfaction), AVG(f.satisfaction)",
             "", [&](const double* v) { std::copy(v, v + 8, totals); });
    long long volume = static_cast<long long>(totals[0]);
    long long closed = totals[1] < 0 ? 0 : static_cast<long long>(totals[1]);
    out["volume"] = volume;
    for (const auto& [name, column] : {std::pair{"by_category", "c.category"},
                                       {"by_channel", "c.channel"},
                                       {"by_product", "f.product"},
                                       {"by_region", "f.region"},
                                       {"by_team", "c.team"}})
        out[name] = counts_by(s, scope, column);

    json top = json::array();
    {
        soci::statement st(s);
        std::string category, product;
        long long count = 0;
        st.exchange(soci::into(category));
        st.exchange(soci::into(product));
        st.exchange(soci::into(count));
        scope.bind(st);
        st.alloc();
        st.prepare("SELECT c.category, f.product, COUNT(*)" + scope.tables() +
                   " GROUP BY c.category, f.product HAVING COUNT(*) > 1"
                   " ORDER BY COUNT(*) DESC, c.category, f.product LIMIT 10");
        st.define_and_bind();
        st.execute(false);
        while (st.fetch())
            top.push_back({{"category", category}, {"product", product}, {"count", count}});
    }
    out["top_problems"] = top;

    json on_time = json::object();
    for (const char* m : {"first_response", "solution_plan", "resolution"}) {
        std::string col = std::string("f.") + m + "_on_time";
        double v[2] = {0, 0};
        query<2>(s, scope,
                 "SELECT SUM(CASE WHEN " + col + " = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN " + col +
                     " = 0 THEN 1 ELSE 0 END)",
                 "", [&](const double* row) { std::copy(row, row + 2, v); });
        double met = v[0] < 0 ? 0 : v[0], late = v[1] < 0 ? 0 : v[1];
        on_time[m] = {{"on_time", static_cast<long long>(met)},
                      {"late", static_cast<long long>(late)},
                      {"rate", met + late > 0 ? json(rate(met, met + late)) : json(nullptr)}};
    }
    out["on_time"] = on_time;

    out["handling_ms"] = {{"closed", closed},
                          {"average", totals[2] < 0 ? json(nullptr) : json(totals[2])},
                          {"p50", percentile(s, scope, closed, 0.5)},
                          {"p90", percentile(s, scope, closed, 0.9)},
                          {"p95", percentile(s, scope, closed, 0.95)}};
    double first_line = totals[3] < 0 ? 0 : totals[3];
    out["first_line_resolution"] = {
        {"count", static_cast<long long>(first_line)},
        {"rate", closed > 0 ? json(rate(first_line, closed)) : json(nullptr)}};
    double reopened = totals[4] < 0 ? 0 : totals[4], escalated = totals[5] < 0 ? 0 : totals[5];
    out["reopened"] = {{"count", static_cast<long long>(reopened)},
                       {"rate", volume > 0 ? json(rate(reopened, volume)) : json(nullptr)}};
    // A complaint escalated twice counts once above, and once per reason here.
    out["escalated"] = {
        {"count", static_cast<long long>(escalated)},
        {"rate", volume > 0 ? json(rate(escalated, volume)) : json(nullptr)},
        {"by_reason",
         counts_by(s, scope, "e.reason", " JOIN escalation_facts e ON e.complaint_id = c.id")}};
    json distribution = json::object();
    for (int score = 1; score <= 5; ++score) distribution[std::to_string(score)] = 0;
    query<2>(s, scope, "SELECT f.satisfaction, COUNT(*)",
             " AND f.satisfaction IS NOT NULL GROUP BY f.satisfaction", [&](const double* v) {
                 distribution[std::to_string(static_cast<int>(v[0]))] =
                     static_cast<long long>(v[1]);
             });
    out["satisfaction"] = {{"answers", static_cast<long long>(totals[6] < 0 ? 0 : totals[6])},
                           {"average", totals[7] < 0 ? json(nullptr) : json(totals[7])},
                           {"distribution", distribution}};
    // Every answer by the round it judged: does second handling (D18) satisfy?
    json rounds = json::array();
    query<3>(
        s, scope, "SELECT v.handling_round, COUNT(*), AVG(v.score)",
        " GROUP BY v.handling_round ORDER BY v.handling_round",
        [&](const double* v) {
            rounds.push_back({{"round", static_cast<int>(v[0])},
                              {"answers", static_cast<long long>(v[1])},
                              {"average", v[2]}});
        },
        " JOIN survey_facts v ON v.complaint_id = c.id");
    out["satisfaction"]["by_round"] = rounds;
    out["teams"] = review_by(s, scope, "c.team");
    out["owners"] = review_by(s, scope, "c.owner");
    return out;
}

StatisticsRequest statistics_request(const json& doc) {
    StatisticsRequest r;
    auto time_of = [&](const char* key) {
        auto t = doc.is_object() && doc.contains(key) && doc[key].is_string()
                     ? domain::parse_time(doc[key].get<std::string>())
                     : std::nullopt;
        if (!t) throw std::invalid_argument(std::string("/") + key + ": expected an RFC 3339 time");
        return domain::to_millis(*t);
    };
    r.from = time_of("from");
    r.to = time_of("to");
    if (r.to <= r.from) throw std::invalid_argument("/to: must be after /from");
    const json filters = doc.value("filters", json::object());
    if (!filters.is_object()) throw std::invalid_argument("/filters: expected an object");
    for (const auto& [key, value] : filters.items()) {
        if (!value.is_string()) throw std::invalid_argument("/filters/" + key + ": expected text");
        std::string v = value.get<std::string>();
        if (key == "category")
            r.category = v;
        else if (key == "channel")
            r.channel = v;
        else if (key == "team")
            r.team = v;
        else if (key == "product")
            r.product = v;
        else
            throw std::invalid_argument("/filters/" + key +
                                        ": unknown filter (category, channel, team, product)");
    }
    return r;
}

}  // namespace redress::storage
