#include "storage/complaint_facts.hpp"

#include <soci/soci.h>

#include "storage/prepared.hpp"

#include <vector>

namespace redress::storage::facts {
using nlohmann::json;

namespace {

// Raised when the facts gain something older complaints must be read again for.
constexpr int kFactsVersion = 2;

// The member `key` of `j` when both exist, else null: a pointer, as this runs
// in the writer's turn for every complaint written and copies add up there.
const json* member(const json* j, const char* key) {
    if (j == nullptr || !j->is_object()) return nullptr;
    auto it = j->find(key);
    return it == j->end() ? nullptr : &*it;
}

// 1 met in time, 0 met late or breached, -1 still running (stored as NULL).
int on_time(const json& doc, const char* milestone) {
    const json* m = member(member(member(&doc, "sla"), "milestones"), milestone);
    if (m == nullptr || !m->is_object()) return -1;
    const json* met = member(m, "met_at");
    if (met != nullptr && met->is_string() && !met->get_ref<const std::string&>().empty()) {
        const json* due = member(m, "due_at");
        const std::string& met_at = met->get_ref<const std::string&>();
        return due != nullptr && due->is_string() && met_at <= due->get_ref<const std::string&>()
                   ? 1
                   : 0;
    }
    const json* breached = member(m, "breached_at");
    return breached != nullptr && breached->is_string() ? 0 : -1;
}

// Escalations and survey answers only ever append, so a row once written stays.
void upsert_rows(soci::session& s, long long id, const json& d) {
    if (d.contains("escalations") && d["escalations"].is_array() && !d["escalations"].empty()) {
        int level = 0;
        std::string reason;
        soci::statement st = (s.prepare << "INSERT INTO escalation_facts (complaint_id, level,"
                                           " reason) VALUES (:id, :level, :reason)"
                                           " ON CONFLICT (complaint_id, level) DO NOTHING",
                              soci::use(id), soci::use(level), soci::use(reason));
        for (const auto& e : d["escalations"]) {
            level = e.value("level", 0);
            reason = e.value("reason", "other");
            st.execute(true);
        }
    }
    if (d.contains("surveys") && d["surveys"].is_array() && !d["surveys"].empty()) {
        int answer = 0, round = 1, score = 0;
        soci::statement st =
            (s.prepare << "INSERT INTO survey_facts (complaint_id, answer, handling_round, score)"
                          " VALUES (:id, :answer, :round, :score)"
                          " ON CONFLICT (complaint_id, answer) DO NOTHING",
             soci::use(id), soci::use(answer), soci::use(round), soci::use(score));
        for (const auto& v : d["surveys"]) {
            round = v.value("round", 1);
            score = v.value("score", 0);
            st.execute(true);
            ++answer;
        }
    }
}

// The facts row of one complaint, as bound to its prepared upsert.
struct FactsUpsert {
    long long id = 0, closed_at = 0, handling_ms = 0;
    soci::indicator closed_ind = soci::i_null, satisfaction_ind = soci::i_null;
    int satisfaction = 0, round = 1, level = 0, first_line = 0, version = kFactsVersion;
    int times[3] = {0, 0, 0};
    soci::indicator time_ind[3] = {soci::i_null, soci::i_null, soci::i_null};
    std::string product, region;
    soci::statement st;
    explicit FactsUpsert(soci::session& s)
        : st((s.prepare
                  << "INSERT INTO complaint_facts (complaint_id, product, region, closed_at,"
                     " handling_ms, handling_round, escalation_level, satisfaction, first_line,"
                     " first_response_on_time, solution_plan_on_time, resolution_on_time,"
                     " facts_version)"
                     " VALUES (:id, :product, :region, :closed_at, :handling_ms, :round, :level,"
                     " :satisfaction, :first_line, :fr, :sp, :res, :version)"
                     " ON CONFLICT (complaint_id) DO UPDATE SET product = excluded.product,"
                     " region = excluded.region, closed_at = excluded.closed_at,"
                     " handling_ms = excluded.handling_ms, handling_round = "
                     "excluded.handling_round,"
                     " escalation_level = excluded.escalation_level,"
                     " satisfaction = excluded.satisfaction, first_line = excluded.first_line,"
                     " first_response_on_time = excluded.first_response_on_time,"
                     " solution_plan_on_time = excluded.solution_plan_on_time,"
                     " resolution_on_time = excluded.resolution_on_time,"
                     " facts_version = excluded.facts_version",
              soci::use(id), soci::use(product), soci::use(region),
              soci::use(closed_at, closed_ind), soci::use(handling_ms, closed_ind),
              soci::use(round), soci::use(level), soci::use(satisfaction, satisfaction_ind),
              soci::use(first_line), soci::use(times[0], time_ind[0]),
              soci::use(times[1], time_ind[1]), soci::use(times[2], time_ind[2]),
              soci::use(version))) {}
};

}  // namespace

void upsert(soci::session& s, std::int64_t complaint_id, const domain::Complaint& c) {
    const json& d = c.doc();
    auto& q = prepared<FactsUpsert>(s);
    long long id = q.id = complaint_id;
    q.closed_at = q.handling_ms = 0;
    q.closed_ind = q.satisfaction_ind = soci::i_null;
    if (d.contains("closure") && d["closure"].is_object())
        if (auto t = domain::parse_time(d["closure"].value("at", ""))) {
            q.closed_at = domain::to_millis(*t);
            q.handling_ms = q.closed_at - domain::to_millis(c.received_at());
            q.closed_ind = soci::i_ok;
        }
    q.satisfaction = 0;
    if (d.contains("surveys") && d["surveys"].is_array() && !d["surveys"].empty()) {
        q.satisfaction = d["surveys"][0].value("score", 0);
        q.satisfaction_ind = soci::i_ok;
    }
    q.round = d.value("handling_round", 1);
    q.level = d.value("escalation_level", 0);
    q.first_line = q.closed_ind == soci::i_ok && q.round == 1 && q.level == 0 ? 1 : 0;
    const char* milestones[3] = {"first_response", "solution_plan", "resolution"};
    for (int i = 0; i < 3; ++i) {
        q.times[i] = on_time(d, milestones[i]);
        q.time_ind[i] = q.times[i] < 0 ? soci::i_null : soci::i_ok;
    }
    q.product = d.value("product", "");
    q.region = d.value("region", "");
    q.version = kFactsVersion;
    q.st.execute(true);
    upsert_rows(s, id, d);
}

int backfill(soci::session& s) {
    int written = 0;
    for (;;) {
        std::vector<std::pair<long long, std::string>> page;
        {
            long long id = 0;
            std::string document;
            int version = kFactsVersion;
            soci::statement st =
                (s.prepare
                     << "SELECT c.id, c.document FROM complaints c LEFT JOIN complaint_facts f"
                        " ON f.complaint_id = c.id WHERE f.complaint_id IS NULL OR"
                        " f.facts_version < :v ORDER BY c.id LIMIT 500",
                 soci::into(id), soci::into(document), soci::use(version));
            st.execute();
            while (st.fetch()) page.emplace_back(id, document);
        }
        if (page.empty()) return written;
        soci::transaction tx(s);
        for (const auto& [id, document] : page) {
            upsert(s, id, domain::Complaint(json::parse(document)));
            ++written;
        }
        tx.commit();
    }
}

}  // namespace redress::storage::facts
