#include "generate.hpp"

#include <chrono>
#include <map>
#include <random>

#include <soci/soci.h>

#include "domain/actions.hpp"
#include "domain/changes.hpp"
#include "domain/complaint.hpp"
#include "storage/complaint_store.hpp"
#include "storage/search_index.hpp"

namespace redress::bench {
using nlohmann::json;

namespace {

struct Topic {
    const char* category;
    const char* zh;
    const char* en;
    const char* product;
};

const Topic kTopics[] = {
    {"product.fault", "洗衣机漏水，地板被泡", "The washing machine leaks onto the floor", "WM-X1"},
    {"product.fault", "冰箱不制冷已经两天", "The fridge stopped cooling two days ago", "RF-200"},
    {"product.safety", "电源插头冒烟有焦味", "The plug smokes and smells burnt", "KT-9"},
    {"product.usability", "说明书看不懂，无法设置定时",
     "The manual is unclear; cannot set the timer", "OV-3"},
    {"logistics.delay", "快递一周还没到", "The parcel has not arrived after a week", "WM-X1"},
    {"logistics.damage", "收到时外箱破损，机器摔坏", "Arrived damaged in transit", "TV-55"},
    {"service.attitude", "客服态度不耐烦还挂电话", "The agent was rude and hung up", ""},
    {"policy.pricing", "同一订单被扣费两次", "Charged twice for one order", ""},
    {"policy.returns", "申请退货一直没有处理", "My return request is still not handled", "TV-55"},
};
const char* kChannels[] = {"phone", "email", "web_form", "chat", "social_media", "walk_in", "api"};
const char* kPriorities[] = {"normal", "normal", "normal", "low", "urgent"};
const char* kRegions[] = {"east", "north", "south", "west", "central"};
const char* kAgents[] = {"agent.li", "agent.wang", "agent.zhang", "agent.chen", "agent.liu"};

class Writer {
  public:
    Writer(soci::session& s, storage::Dialect dialect) : s_(s), dialect_(dialect) {}

    // Stores a complaint and the events that led to it.
    void store(const domain::Complaint& c, const std::vector<storage::StoredEvent>& events) {
        std::int64_t id = storage::complaint_sql::insert(s_, c);
        for (const auto& e : events) {
            storage::complaint_sql::append_event(s_, dialect_, id, e);
            ++events_;
        }
    }
    std::int64_t events() const { return events_; }

  private:
    soci::session& s_;
    storage::Dialect dialect_;
    std::int64_t events_ = 0;
};

}  // namespace

GenerateResult generate(storage::Database& db, const domain::DomainConfig& config,
                        const GenerateOptions& o) {
    auto started = std::chrono::steady_clock::now();
    std::mt19937 random(o.seed);
    auto pick = [&](auto& list) {
        return list[std::uniform_int_distribution<std::size_t>(0, std::size(list) - 1)(random)];
    };
    auto chance = [&](double p) { return std::uniform_real_distribution<>(0, 1)(random) < p; };
    using std::chrono::hours;
    using std::chrono::minutes;
    std::map<std::string, std::int64_t> serials;
    soci::session s(db.pool());
    Writer writer(s, db.dialect());
    std::int64_t made = 0;
    while (made < o.complaints) {
        soci::transaction tx(s);
        for (int k = 0; k < 2000 && made < o.complaints; ++k, ++made) {
            bool open = chance(o.open_share);
            long long span_minutes =
                open && o.open_within_hours > 0 ? o.open_within_hours * 60 : 365LL * 24 * 60;
            domain::Time at = o.until - minutes(std::uniform_int_distribution<long long>(
                                            1, span_minutes)(random));
            const Topic& topic = pick(kTopics);
            bool chinese = chance(0.7);
            json input = {{"channel", pick(kChannels)},
                          {"customer",
                           {{"name", chinese ? "客户" + std::to_string(made % 50000) : "Customer"},
                            {"phone", "1390" + std::to_string(1000000 + made % 400000)}}},
                          {"description", chinese ? topic.zh : topic.en},
                          {"demand", chinese ? "尽快处理" : "Please fix it"},
                          {"category", topic.category},
                          {"priority", pick(kPriorities)},
                          {"region", pick(kRegions)}};
            if (*topic.product) input["product"] = topic.product;
            domain::Complaint c = domain::new_complaint(input, config, at, "bench");
            auto day = config.sla.calendar().local_day(at);
            char key[16];
            std::snprintf(key, sizeof key, "%04d%02d%02d", static_cast<int>(day.year()),
                          day.month(), day.day());
            c.doc()["number"] = domain::format_complaint_number(day, ++serials[key]);
            std::vector<storage::StoredEvent> events;
            events.push_back(
                {0, c.number(), c.version(), "created", "bench", at, {{"after", c.doc()}}});
            std::string agent = pick(kAgents);
            auto act = [&](const char* action, json params, minutes later) {
                at += later;
                json before = c.doc();
                domain::apply_action(c, action, params, {at, agent, config});
                events.push_back({0, c.number(), c.version(), action, agent, at,
                                  domain::diff_documents(before, c.doc())});
            };
            // How far along the procedure this one got.
            int steps = open ? std::uniform_int_distribution<int>(0, 4)(random) : 9;
            auto deadline = domain::format_time(at + hours(24 * 20));
            if (steps > 0) act("acknowledge", json::object(), minutes(20 + made % 600));
            if (steps > 1 && chance(0.1))
                act("escalate",
                    {{"to", "cs.head"}, {"reason", chance(0.5) ? "repeat" : "beyond_authority"}},
                    minutes(30));
            if (steps > 1)
                act("propose",
                    {{"type", "repair"}, {"description", "上门维修"}, {"deadline", deadline}},
                    hours(6));
            if (steps > 2) act("accept", {{"confirmed_by", "customer"}}, hours(2));
            if (steps > 3)
                act("add-work-order",
                    {{"kind", "repair"},
                     {"department", "service"},
                     {"owner", "tech.zhou"},
                     {"due_at", deadline}},
                    hours(1));
            if (steps > 4) {
                act("update-work-order", {{"work_order", 1}, {"status", "done"}}, hours(30));
                act("resolve", {{"summary", "fixed"}}, hours(1));
                act("close", {{"customer_confirmed", true}}, hours(20));
                act("survey", {{"score", std::uniform_int_distribution<int>(1, 5)(random)}},
                    hours(30));
            }
            writer.store(c, events);
        }
        storage::update_search_indexes(s, db.dialect());
        tx.commit();
    }
    {
        soci::transaction tx(s);
        for (const auto& [day, last] : serials) {
            long long value = last;
            std::string d = day;
            s << "INSERT INTO number_sequences (day, last_value) VALUES (:d, :v)"
                 " ON CONFLICT (day) DO UPDATE SET last_value = excluded.last_value",
                soci::use(d), soci::use(value);
        }
        tx.commit();
    }
    GenerateResult r;
    r.complaints = made;
    r.events = writer.events();
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return r;
}

}  // namespace redress::bench
