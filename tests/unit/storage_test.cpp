// Durable storage, the same suite against SQLite and PostgreSQL: one transaction
// per state change (complaint, event, outbox), numbering, append-only history,
// archive retrieval, concurrency.
#include <catch2/catch.hpp>

#include <atomic>
#include <map>
#include <set>
#include <thread>

#include <soci/soci.h>

#include "core/complaint_service.hpp"
#include "domain/errors.hpp"
#include "domain_fixture.hpp"
#include "storage/group_commit.hpp"
#include "storage/migrations.hpp"
#include "storage/search_index.hpp"
#include "storage/search_text.hpp"
#include "test_database.hpp"

using namespace redress;
using nlohmann::json;
using redress::test::sample_intake;
using redress::test::shanghai;
using redress::test::shipped_domain;
using redress::test::TestDatabase;

namespace {

core::SubscriberLookup two_notifiers() {
    return [](std::string_view type, const domain::Complaint&) {
        std::vector<std::string> out{"audit-log"};
        if (type == "complaint.created" || type == "complaint.close") out.push_back("mailer");
        return out;
    };
}

long long count(storage::Database& db, const std::string& sql) {
    soci::session s(db.pool());
    long long n = 0;
    s << sql, soci::into(n);
    return n;
}

}  // namespace

TEST_CASE("storage: migrations are versioned and idempotent", "[storage]") {
    auto backend = GENERATE(as<std::string>{}, "sqlite", "postgresql");
    INFO(backend);
    TestDatabase t(backend);
    auto again = storage::migrate(t.db());
    REQUIRE(again.size() == static_cast<std::size_t>(storage::latest_schema_version()));
    for (const auto& m : again) CHECK_FALSE(m.applied_now);
    CHECK(count(t.db(), "SELECT COUNT(*) FROM schema_migrations") ==
          storage::latest_schema_version());
}

TEST_CASE("storage: each state change writes the complaint, its event and its outbox rows together",
          "[storage]") {
    auto backend = GENERATE(as<std::string>{}, "sqlite", "postgresql");
    INFO(backend);
    TestDatabase t(backend);
    domain::ManualClock clock(shanghai("2026-11-23 10:00"));
    core::ComplaintService service(t.db(), shipped_domain(), clock, two_notifiers());

    auto c = service.create(sample_intake("urgent"), "agent.li");
    CHECK(c.number() == "CP-20261123-000001");
    clock.advance(std::chrono::minutes(5));
    service.act(c.number(), "acknowledge", json::object(), "agent.li");
    clock.advance(std::chrono::minutes(5));
    service.act(c.number(), "note", {{"text", "asked for photos"}}, "agent.wang");

    auto record = service.find(c.number());
    REQUIRE(record);
    CHECK(record->complaint.state() == domain::State::acknowledged);
    CHECK(record->complaint.version() == 3);
    REQUIRE(record->events.size() == 3);
    CHECK(record->events[0].action == "created");
    CHECK(record->events[0].actor == "agent.li");
    CHECK(record->events[0].changes["after"]["number"] == c.number());
    CHECK(record->events[1].action == "acknowledge");
    CHECK(record->events[1].changes["state"] ==
          json({{"before", "received"}, {"after", "acknowledged"}}));
    CHECK(record->events[1].at == shanghai("2026-11-23 10:05"));
    CHECK(record->events[2].actor == "agent.wang");
    CHECK(record->events[2].changes["log"]["added"][0]["text"] == "asked for photos");
    CHECK_FALSE(record->events[2].changes.contains("state"));
    // audit-log wants everything, mailer only "created": 3 + 1 outbox rows, all pending.
    CHECK(count(t.db(), "SELECT COUNT(*) FROM outbox WHERE state = 'pending'") == 4);
    CHECK(count(t.db(), "SELECT COUNT(*) FROM outbox WHERE subscriber = 'mailer'") == 1);
    // The indexed columns follow the document.
    CHECK(
        count(t.db(),
              "SELECT COUNT(*) FROM complaints WHERE state = 'acknowledged' AND priority = 'urgent'"
              " AND version = 3 AND next_due_at IS NOT NULL") == 1);
}

TEST_CASE("storage: a refused or invalid action writes nothing", "[storage]") {
    auto backend = GENERATE(as<std::string>{}, "sqlite", "postgresql");
    INFO(backend);
    TestDatabase t(backend);
    domain::ManualClock clock(shanghai("2026-11-23 10:00"));
    core::ComplaintService service(t.db(), shipped_domain(), clock, two_notifiers());
    auto c = service.create(sample_intake(), "agent");

    CHECK_THROWS_AS(service.act(c.number(), "close", {{"customer_confirmed", true}}, "agent"),
                    domain::DomainError);
    CHECK_THROWS_AS(service.act(c.number(), "classify", {{"priority", "soon"}}, "agent"),
                    domain::DomainError);
    CHECK_THROWS_WITH(service.act("CP-20261123-999999", "note", {{"text", "x"}}, "agent"),
                      "no complaint CP-20261123-999999");
    CHECK_THROWS_AS(service.create({{"channel", "phone"}}, "agent"), domain::DomainError);
    CHECK(count(t.db(), "SELECT COUNT(*) FROM events") == 1);
    CHECK(count(t.db(), "SELECT COUNT(*) FROM complaints") == 1);
    CHECK(count(t.db(), "SELECT COUNT(*) FROM outbox") == 2);
    CHECK(service.find(c.number())->complaint.version() == 1);
}

TEST_CASE("storage: events and complaints cannot be deleted or events rewritten", "[storage]") {
    auto backend = GENERATE(as<std::string>{}, "sqlite", "postgresql");
    INFO(backend);
    TestDatabase t(backend);
    domain::ManualClock clock(shanghai("2026-11-23 10:00"));
    core::ComplaintService service(t.db(), shipped_domain(), clock, nullptr);
    service.create(sample_intake(), "agent");
    soci::session s(t.db().pool());
    CHECK_THROWS(s << "DELETE FROM events");
    CHECK_THROWS(s << "UPDATE events SET actor = 'someone else'");
    CHECK_THROWS(s << "DELETE FROM complaints");
    CHECK(count(t.db(), "SELECT COUNT(*) FROM events") == 1);
    CHECK(count(t.db(), "SELECT COUNT(*) FROM complaints") == 1);
}

TEST_CASE("storage: numbers follow the business day and are unique across hosts", "[storage]") {
    auto backend = GENERATE(as<std::string>{}, "sqlite", "postgresql");
    INFO(backend);
    TestDatabase t(backend);
    auto second_host = t.open_again();
    domain::ManualClock clock(shanghai("2026-11-23 23:59"));
    core::ComplaintService a(t.db(), shipped_domain(), clock, nullptr);
    core::ComplaintService b(*second_host, shipped_domain(), clock, nullptr);
    CHECK(a.create(sample_intake(), "x").number() == "CP-20261123-000001");
    CHECK(b.create(sample_intake(), "x").number() == "CP-20261123-000002");
    CHECK(a.create(sample_intake(), "x").number() == "CP-20261123-000003");
    clock.set(shanghai("2026-11-24 00:01"));  // UTC still says the 23rd
    CHECK(b.create(sample_intake(), "x").number() == "CP-20261124-000001");
    CHECK(a.create(sample_intake(), "x").number() == "CP-20261124-000002");
}

TEST_CASE("storage: archived complaints stay retrievable with their whole history", "[storage]") {
    auto backend = GENERATE(as<std::string>{}, "sqlite", "postgresql");
    INFO(backend);
    TestDatabase t(backend);
    domain::ManualClock clock(shanghai("2026-11-23 10:00"));
    core::ComplaintService service(t.db(), shipped_domain(), clock, nullptr);
    auto number = service.create(sample_intake(), "agent").number();
    auto step = [&](const std::string& action, json params) {
        clock.advance(std::chrono::hours(1));
        service.act(number, action, params, "agent");
    };
    step("withdraw", {{"reason", "the customer solved it"}});
    step("archive", json::object());
    auto record = service.find(number);
    REQUIRE(record);
    CHECK(record->complaint.state() == domain::State::archived);
    CHECK(record->events.size() == 3);
    CHECK(record->complaint.doc()["withdrawal"]["reason"] == "the customer solved it");
    CHECK_THROWS_WITH(service.act(number, "note", {{"text", "x"}}, "agent"),
                      Catch::Contains("in state archived; allowed there: none"));
    std::vector<std::string> exported;
    service.for_each(
        [&](const core::ComplaintRecord& r) { exported.push_back(r.complaint.number()); });
    CHECK(exported == std::vector<std::string>{number});
}

TEST_CASE("storage: 8 threads creating 10,000 complaints get 10,000 distinct numbers",
          "[storage][concurrency]") {
    auto backend = GENERATE(as<std::string>{}, "sqlite", "postgresql");
    INFO(backend);
    TestDatabase t(backend, 8);
    domain::ManualClock clock(shanghai("2026-11-23 10:00"));
    core::ComplaintService service(t.db(), shipped_domain(), clock, two_notifiers());
    constexpr int kThreads = 8, kEach = 1250;
    std::vector<std::vector<std::string>> numbers(kThreads);
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int i = 0; i < kThreads; ++i)
        threads.emplace_back([&, i] {
            for (int n = 0; n < kEach; ++n) {
                try {
                    numbers[i].push_back(
                        service.create(sample_intake(), "thread-" + std::to_string(i)).number());
                } catch (const std::exception& e) {
                    ++failures;
                    UNSCOPED_INFO(e.what());
                }
            }
        });
    for (auto& th : threads) th.join();
    CHECK(failures == 0);
    std::set<std::string> distinct;
    for (const auto& list : numbers) distinct.insert(list.begin(), list.end());
    CHECK(distinct.size() == kThreads * kEach);
    CHECK(*distinct.rbegin() == "CP-20261123-010000");
    CHECK(count(t.db(), "SELECT COUNT(*) FROM complaints") == kThreads * kEach);
    CHECK(count(t.db(), "SELECT COUNT(*) FROM events") == kThreads * kEach);
}

TEST_CASE("storage: the clock's query reads the next-check index, not every complaint",
          "[storage][sla]") {
    auto backend = GENERATE(as<std::string>{}, "sqlite", "postgresql");
    INFO(backend);
    TestDatabase t(backend);
    domain::ManualClock clock(shanghai("2026-11-23 10:00"));
    core::ComplaintService service(t.db(), shipped_domain(), clock, nullptr);
    auto urgent =
        service.create(sample_intake("urgent"), "x").number();  // first response due 12:00
    auto normal = service.create(sample_intake("normal"), "x").number();  // due 25 Nov 16:00
    auto paused = service.create(sample_intake("urgent"), "x").number();
    service.act(paused, "acknowledge", json::object(), "x");
    service.act(paused, "wait-for-customer", {{"reason", "on holiday"}},
                "x");  // paused: nothing due
    // The urgent one's warning comes at 80 % of its two hours: 11:36.
    CHECK(service.checks_due(shanghai("2026-11-23 11:35"), 100).empty());
    CHECK(service.checks_due(shanghai("2026-11-23 11:36"), 100) ==
          std::vector<std::string>{urgent});
    CHECK(service.checks_due(shanghai("2026-11-26 00:00"), 100) ==
          std::vector<std::string>{urgent, normal});
    if (backend == "sqlite") {
        soci::session s(t.db().pool());
        std::string plan;
        int id = 0, parent = 0, unused = 0;
        soci::statement st =
            (s.prepare
                 << "EXPLAIN QUERY PLAN SELECT number FROM complaints WHERE next_check_at IS NOT "
                    "NULL AND next_check_at <= 0 ORDER BY next_check_at LIMIT 10",
             soci::into(id), soci::into(parent), soci::into(unused), soci::into(plan));
        st.execute(true);
        CHECK_THAT(plan, Catch::Contains("USING INDEX complaints_next_check"));
    }
}

TEST_CASE("storage: staff classifications are kept as training labels", "[storage][classify]") {
    auto backend = GENERATE(as<std::string>{}, "sqlite", "postgresql");
    INFO(backend);
    TestDatabase t(backend);
    domain::ManualClock clock(shanghai("2026-11-23 10:00"));
    core::ComplaintService service(t.db(), shipped_domain(), clock, nullptr);
    auto number = service.create(sample_intake(), "x").number();
    service.act(number, "classify", {{"category", "product.fault"}, {"priority", "urgent"}},
                "agent.li");
    soci::session s(t.db().pool());
    std::string text, category, priority, actor;
    s << "SELECT text, category, priority, actor FROM training_labels WHERE number = :n",
        soci::use(number), soci::into(text), soci::into(category), soci::into(priority),
        soci::into(actor);
    CHECK(category == "product.fault");
    CHECK(priority == "urgent");
    CHECK(actor == "agent.li");
    CHECK_THAT(text, Catch::Contains("洗衣机漏水") && Catch::Contains("地板被泡"));
}

TEST_CASE("storage: grouped commits answer each caller after its own writes are committed",
          "[storage][group]") {
    TestDatabase t("sqlite");
    {
        soci::session s(t.db().pool());
        s << "CREATE TABLE probe (caller INTEGER NOT NULL, n INTEGER NOT NULL)";
    }
    // At 3 a caller's work may miss its leader's first batch (its leader then
    // leads again) or wait in line for several leaders.
    std::size_t max_batch = GENERATE(16, 3);
    storage::GroupCommit group(t.db(), max_batch);
    std::atomic<int> refused{0}, answered{0};
    std::vector<std::thread> callers;
    for (int caller = 0; caller < 8; ++caller)
        callers.emplace_back([&, caller] {
            for (int n = 0; n < 100; ++n) {
                try {
                    group.run([&](soci::session& s) {
                        s << "INSERT INTO probe (caller, n) VALUES (:c, :n)", soci::use(caller),
                            soci::use(n);
                        // Every tenth fails after writing: only its own row may go.
                        if (n % 10 == 9) throw std::runtime_error("refused");
                    });
                    // Answered: the row is there for any other connection to see.
                    soci::session other(t.db().pool());
                    int found = 0;
                    other << "SELECT COUNT(*) FROM probe WHERE caller = :c AND n = :n",
                        soci::use(caller), soci::use(n), soci::into(found);
                    if (found == 1) ++answered;
                } catch (const std::runtime_error& e) {
                    if (std::string(e.what()) == "refused") ++refused;
                }
            }
        });
    for (auto& c : callers) c.join();
    soci::session s(t.db().pool());
    int rows = 0, failed_rows = 0;
    s << "SELECT COUNT(*) FROM probe", soci::into(rows);
    s << "SELECT COUNT(*) FROM probe WHERE n % 10 = 9", soci::into(failed_rows);
    CHECK(answered == 8 * 90);
    CHECK(refused == 8 * 10);
    CHECK(rows == 8 * 90);
    CHECK(failed_rows == 0);
}

TEST_CASE("storage: SQLite's log stays bounded while readers never stop", "[storage][group]") {
    // A passive checkpoint never rewinds the log; with a reader always in it the
    // log grew without end (1.7 GB in 20 s of intake). The checkpointer restarts
    // it once it holds 16,384 pages (64 MiB).
    TestDatabase t("sqlite");
    {
        soci::session s(t.db().pool());
        s << "CREATE TABLE probe (n INTEGER NOT NULL, body BLOB NOT NULL)";
    }
    std::atomic<bool> writing{true};
    std::thread reader([&] {  // short reads, one after another, as the host's
        soci::session s(t.db().pool());
        while (writing) {
            long long last = 0;
            s << "SELECT COALESCE(MAX(rowid), 0) FROM probe", soci::into(last);
            s << "SELECT COUNT(*) FROM probe WHERE rowid > :r", soci::use(last - 10),
                soci::into(last);
        }
    });
    const std::string body(8192, 'x');
    const auto wal = t.dir() / "redress.db-wal";
    std::vector<std::thread> writers;
    for (int w = 0; w < 2; ++w)
        writers.emplace_back([&, w] {
            for (int n = 0; n < 16000; ++n)  // 256 MB in all
                t.db().write([&](soci::session& s) {
                    int id = w * 100000 + n;
                    s << "INSERT INTO probe (n, body) VALUES (:n, :b)", soci::use(id),
                        soci::use(body);
                });
        });
    for (auto& w : writers) w.join();
    writing = false;
    reader.join();
    CHECK(count(t.db(), "SELECT COUNT(*) FROM probe") == 32000);
    CHECK(std::filesystem::file_size(wal) <= 128u * 1024 * 1024);
}

TEST_CASE("storage: adjacent CJK pairs and the index each text query goes to",
          "[storage][search]") {
    CHECK(storage::search_grams_of("洗衣机漏水，漏水") == "洗衣 衣机 机漏 漏水");
    CHECK(storage::search_grams_of("wm-x1 漏 水 dryer") == "");
    CHECK(storage::search_grams_of("カメラ와 한국") == "カメ メラ ラ와 한국");
    CHECK(storage::text_index_for("漏水") == storage::TextIndex::gram);
    CHECK(storage::text_index_for("洗衣机") == storage::TextIndex::trigrams);
    CHECK(storage::text_index_for("dry") == storage::TextIndex::trigrams);
    CHECK(storage::text_index_for("dr") == storage::TextIndex::scan);
    CHECK(storage::text_index_for("水") == storage::TextIndex::scan);
    CHECK(storage::text_index_for("x水") == storage::TextIndex::scan);
}

TEST_CASE("storage: the text query finds any substring, in both scripts, through its indexes",
          "[storage][search]") {
    auto backend = GENERATE(as<std::string>{}, "sqlite", "postgresql");
    INFO(backend);
    TestDatabase t(backend);
    domain::ManualClock clock(shanghai("2026-11-23 10:00"));
    core::ComplaintService service(t.db(), shipped_domain(), clock, two_notifiers());
    auto washer = service.create(sample_intake(), "agent");  // 洗衣机漏水, WM-X1, 张伟
    json dryer = sample_intake();
    dryer["subject"] = "The DRYER stops after 10% of the cycle";
    dryer["description"] = "It says \"E3\" and stops.";
    dryer["customer"]["name"] = "Alice Smith";
    dryer["product"] = "TD-200";
    auto td = service.create(dryer, "agent");
    json fridge = sample_intake();
    fridge["subject"] = "冰箱不制冷";
    fridge["description"] = "食物都坏了";
    fridge["product"] = "RF-9";
    auto rf = service.create(fridge, "agent");

    auto numbers = [&](const std::string& text) {
        storage::ComplaintFilter f;
        f.text = text;
        f.now = clock.now();
        std::set<std::string> out;
        auto page = service.list(f);
        for (const auto& c : page.items) out.insert(c.number());
        CHECK(page.total == static_cast<long long>(out.size()));
        return out;
    };
    using Set = std::set<std::string>;
    CHECK(numbers("漏水") == Set{washer.number()});  // a CJK pair
    CHECK(numbers("不制") == Set{rf.number()});
    CHECK(numbers("洗衣机漏水") == Set{washer.number()});  // trigrams
    CHECK(numbers("dryer") == Set{td.number()});           // case folded
    CHECK(numbers("ALICE sm") == Set{td.number()});
    CHECK(numbers("10%") == Set{td.number()});     // no wildcard
    CHECK(numbers("\"e3\"") == Set{td.number()});  // quotes are text
    CHECK(numbers("ry") == Set{td.number()});      // two Latin letters: a scan
    CHECK(numbers("冷") == Set{rf.number()});      // one character: a scan
    CHECK(numbers("张伟").size() == 2);            // washer and fridge's customer
    CHECK(numbers("漏冰").empty());
    CHECK(numbers("td-201").empty());
    CHECK(numbers("_").empty());
    CHECK(numbers(washer.number()) == Set{washer.number()});

    // A changed text leaves the indexes with the new text only, once the
    // writing transaction brought them up to date (search_index.hpp).
    {
        soci::session s(t.db().pool());
        soci::transaction tx(s);
        std::string text = "rf-9 冰箱结霜", grams = "冰箱 箱结 结霜", number = rf.number();
        s << "UPDATE complaints SET search_text = :t, search_grams = :g WHERE number = :n",
            soci::use(text), soci::use(grams), soci::use(number);
        storage::update_search_indexes(s, t.db().dialect());
        tx.commit();
    }
    CHECK(numbers("不制").empty());
    CHECK(numbers("冰箱不制冷").empty());
    CHECK(numbers("结霜") == Set{rf.number()});
    CHECK(numbers("冰箱结") == Set{rf.number()});

    if (backend == "sqlite") {
        // A writer that left the change noted: the next write takes it along.
        {
            soci::session s(t.db().pool());
            std::string text = "rf-9 冰箱异响", grams = "冰箱 箱异 异响", number = rf.number();
            s << "UPDATE complaints SET search_text = :t, search_grams = :g WHERE number = :n",
                soci::use(text), soci::use(grams), soci::use(number);
        }
        CHECK(numbers("异响").empty());
        service.create(sample_intake(), "agent");
        CHECK(numbers("异响") == Set{rf.number()});
        CHECK(numbers("结霜").empty());
    }

    if (backend == "sqlite") {  // the plan reads the full-text tables, not every row
        soci::session s(t.db().pool());
        std::vector<int> id(20), parent(20), unused(20);
        std::vector<std::string> plan(20);
        s << "EXPLAIN QUERY PLAN SELECT COUNT(*) FROM complaints WHERE id IN"
             " (SELECT rowid FROM complaint_grams WHERE complaint_grams MATCH '\"结霜\"')",
            soci::into(id), soci::into(parent), soci::into(unused), soci::into(plan);
        std::string all;
        for (const auto& line : plan) all += line + "\n";
        CHECK(all.find("VIRTUAL TABLE INDEX") != std::string::npos);
    }
}

TEST_CASE("storage: category words name a category and every category above it",
          "[storage][search]") {
    const auto word = storage::category_word("product");
    CHECK(word.size() == 9);                             // three characters of three bytes
    CHECK(static_cast<unsigned char>(word[0]) >= 0xEE);  // U+E000.. : private use
    CHECK(word == storage::category_word("product"));
    CHECK(word != storage::category_word("product.fault"));
    const auto words = storage::category_words_of("product.fault");
    CHECK(words == word + " " + storage::category_word("product.fault"));
    CHECK(storage::category_words_of("service") == storage::category_word("service"));
}

TEST_CASE(
    "storage: a text query with filters answers from the text index; its count stops at "
    "1,000",
    "[storage][search]") {
    auto backend = GENERATE(as<std::string>{}, "sqlite", "postgresql");
    INFO(backend);
    TestDatabase t(backend);
    domain::ManualClock clock(shanghai("2026-11-23 10:00"));
    core::ComplaintService service(t.db(), shipped_domain(), clock, nullptr);
    // Six washers, one per (category, priority); one dryer in the same category.
    std::map<std::string, std::string> by_class;
    for (const char* category : {"product.fault", "product.safety", "logistics.delay"})
        for (const char* priority : {"normal", "urgent"}) {
            auto number = service.create(sample_intake(), "agent").number();
            service.act(number, "classify", {{"category", category}, {"priority", priority}},
                        "agent.li");
            by_class[std::string(category) + "/" + priority] = number;
        }
    json dryer = sample_intake();
    dryer["subject"] = "dryer";
    dryer["description"] = "stops";
    auto dryer_number = service.create(dryer, "agent").number();
    service.act(dryer_number, "classify", {{"category", "product.fault"}, {"priority", "urgent"}},
                "agent.li");

    using Set = std::set<std::string>;
    auto numbers = [&](const std::string& text, const std::string& category,
                       std::vector<std::string> priorities) {
        storage::ComplaintFilter f;
        f.text = text;
        f.category = category;
        f.priorities = std::move(priorities);
        f.now = clock.now();
        Set out;
        auto page = service.list(f);
        for (const auto& c : page.items) out.insert(c.number());
        CHECK(page.total == static_cast<long long>(out.size()));
        CHECK(page.total_exact);
        return out;
    };
    for (const char* text : {"漏水", "洗衣机"}) {  // the pairs index, the trigram index
        INFO(text);
        CHECK(numbers(text, "product", {}) ==
              Set{by_class["product.fault/normal"], by_class["product.fault/urgent"],
                  by_class["product.safety/normal"], by_class["product.safety/urgent"]});
        CHECK(numbers(text, "product.fault", {"urgent"}) == Set{by_class["product.fault/urgent"]});
        CHECK(numbers(text, "", {"normal"}) == Set{by_class["product.fault/normal"],
                                                   by_class["product.safety/normal"],
                                                   by_class["logistics.delay/normal"]});
        CHECK(numbers(text, "logistics", {"normal", "urgent"}) ==
              Set{by_class["logistics.delay/normal"], by_class["logistics.delay/urgent"]});
        CHECK(numbers(text, "service", {}).empty());
        CHECK(numbers(text, "product.faul", {}).empty());  // a category, not a prefix
    }
    CHECK(numbers("dryer", "product.fault", {"urgent"}) == Set{dryer_number});
    // A reclassified complaint moves in the index.
    service.act(dryer_number, "classify", {{"category", "service.attitude"}, {"priority", "low"}},
                "agent.li");
    CHECK(numbers("dryer", "product", {}).empty());
    CHECK(numbers("dryer", "service", {"low"}) == Set{dryer_number});

    // A text query counts to 1,000 and says so; the pages still go on.
    for (int i = 0; i < 1001; ++i) service.create(test::numbered_intake(i), "agent");
    storage::ComplaintFilter f;
    f.text = "漏水";
    f.limit = 200;
    auto page = service.list(f);
    CHECK(page.total == storage::kTextTotalBound);
    CHECK_FALSE(page.total_exact);
    CHECK(page.items.size() == 200);
    REQUIRE(page.next_cursor);
    f.cursor = *page.next_cursor;
    auto next = service.list(f);
    CHECK(next.items.size() == 200);
    CHECK(next.items.front().number() != page.items.back().number());
    f.text.clear();  // without a text every match is counted
    CHECK(service.list(f).total == 1001 + 7);
    CHECK(service.list(f).total_exact);
}
