// Leases on background jobs (several hosts on one database), on both backends:
// one holder at a time, renewal by the holder, takeover after expiry, release.
#include <catch2/catch.hpp>

#include <thread>

#include "storage/leases.hpp"
#include "test_database.hpp"

using namespace redress;
using namespace std::chrono_literals;

TEST_CASE("storage: a lease has one holder, is renewed by it and taken over when it lapses",
          "[storage][cluster]") {
    auto backend = GENERATE(as<std::string>{}, "sqlite", "postgresql");
    INFO(backend);
    test::TestDatabase t(backend);
    auto other_db = t.open_again();
    storage::Leases a(t.db(), "host-a", 600ms), b(*other_db, "host-b", 600ms);

    CHECK(a.hold("sla-sweep"));
    CHECK_FALSE(b.hold("sla-sweep"));  // held and live
    CHECK(b.hold("outbox:mail-out"));  // another job is free
    CHECK_FALSE(a.hold("outbox:mail-out"));

    // a keeps renewing past the original expiry; b never gets it meanwhile.
    for (int i = 0; i < 8; ++i) {
        std::this_thread::sleep_for(150ms);
        CHECK(a.hold("sla-sweep"));
        CHECK_FALSE(b.hold("sla-sweep"));
    }
    // a stops asking (it died): b takes over once the lease has lapsed.
    std::this_thread::sleep_for(700ms);
    CHECK(b.hold("sla-sweep"));
    CHECK_FALSE(a.hold("sla-sweep"));  // and a learns it lost it

    auto leases = b.list();
    REQUIRE(leases.size() == 2);
    CHECK(leases[0]["job"] == "outbox:mail-out");
    CHECK(leases[1]["job"] == "sla-sweep");
    CHECK(leases[1]["holder"] == "host-b");

    // A clean stop releases at once.
    b.release_all();
    CHECK(a.hold("sla-sweep"));
    CHECK(a.hold("outbox:mail-out"));
    CHECK(a.list().size() == 2);
}
