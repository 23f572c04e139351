// Killing a writer with SIGKILL at random moments never leaves a half-written
// complaint: what it acknowledged exists with its events and outbox rows, and
// every stored complaint is whole. Both backends.
#include <catch2/catch.hpp>

#include <signal.h>

#include <random>
#include <set>
#include <sstream>
#include <thread>

#include <soci/soci.h>

#include "host_process.hpp"
#include "test_database.hpp"

using namespace redress::test;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

}  // namespace

TEST_CASE("SIGKILL between commit and answer never leaves a half-written complaint",
          "[storage][crash]") {
    auto backend = GENERATE(as<std::string>{}, "sqlite", "postgresql");
    INFO(backend);
    TestDatabase t(backend);
    std::mt19937 random(20261123);
    std::set<std::string> said_created, said_acknowledged;
    for (int round = 0; round < 10; ++round) {
        auto out = t.dir() / ("probe-" + std::to_string(round) + ".out");
        pid_t pid = start_process(REDRESS_TEST_WRITE_PROBE,
                                  {t.url(), t.dir().path().string(),
                                   t.schema().empty() ? "-" : t.schema(), REDRESS_TEST_SOURCE_DIR},
                                  out, t.dir() / "probe.err");
        // Let it write a random number of complaints, then kill it mid-stride.
        std::size_t target = std::uniform_int_distribution<std::size_t>(5, 60)(random);
        for (int i = 0; i < 3000 && lines_of(read_file(out)).size() < target; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        std::this_thread::sleep_for(
            std::chrono::microseconds(std::uniform_int_distribution<int>(0, 3000)(random)));
        ::kill(pid, SIGKILL);
        REQUIRE(wait_process(pid, std::chrono::seconds(10)) == 128 + SIGKILL);
        for (const auto& line : lines_of(read_file(out))) {
            if (line.rfind("created ", 0) == 0) said_created.insert(line.substr(8));
            if (line.rfind("acknowledged ", 0) == 0) said_acknowledged.insert(line.substr(13));
        }
    }
    REQUIRE(said_created.size() >= 50);

    soci::session s(t.db().pool());
    for (const auto& number : said_created) {
        long long n = 0;
        s << "SELECT COUNT(*) FROM complaints WHERE number = :n", soci::use(number), soci::into(n);
        CHECK(n == 1);
    }
    for (const auto& number : said_acknowledged) {
        std::string state;
        s << "SELECT state FROM complaints WHERE number = :n", soci::use(number), soci::into(state);
        CHECK(state == "acknowledged");
    }
    // Every stored complaint is whole: its version is its number of events, each event has its
    // outbox row.
    long long torn = -1, orphans = -1, missing_outbox = -1;
    s << "SELECT COUNT(*) FROM complaints c WHERE c.version <>"
         " (SELECT COUNT(*) FROM events e WHERE e.complaint_id = c.id)",
        soci::into(torn);
    s << "SELECT COUNT(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM complaints c WHERE c.id = "
         "e.complaint_id)",
        soci::into(orphans);
    s << "SELECT COUNT(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.event_id "
         "= e.id)",
        soci::into(missing_outbox);
    CHECK(torn == 0);
    CHECK(orphans == 0);
    CHECK(missing_outbox == 0);
    long long complaints = 0;
    s << "SELECT COUNT(*) FROM complaints", soci::into(complaints);
    // At most one complaint per round committed after the probe last spoke.
    CHECK(complaints >= static_cast<long long>(said_created.size()));
    CHECK(complaints <= static_cast<long long>(said_created.size()) + 10);
}
