// Storage faults under a running host: the disk full, the database's file
// system read-only, PostgreSQL restarted under load. Writes fail with a 503
// problem, nothing is half-written, reads go on where the database allows, and
// the host recovers by itself when the fault clears. Needs root (mount).
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/mount.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <set>
#include <thread>

#include <soci/soci.h>

#include "api_client.hpp"
#include "domain_fixture.hpp"
#include "host_process.hpp"
#include "storage/database.hpp"
#include "temp_dir.hpp"
#include "test_database.hpp"

using namespace redress::test;
using nlohmann::json;

namespace {

// A size-limited tmpfs for the host's data directory, unmounted at the end.
class SmallDisk {
  public:
    SmallDisk(const std::filesystem::path& at, const std::string& size) : at_(at) {
        std::filesystem::create_directories(at_);
        mounted_ = ::mount("tmpfs", at_.c_str(), "tmpfs", 0, ("size=" + size).c_str()) == 0;
    }
    ~SmallDisk() {
        if (mounted_) ::umount2(at_.c_str(), MNT_DETACH);
    }
    bool mounted() const { return mounted_; }
    void resize(const std::string& size) {
        REQUIRE(::mount("tmpfs", at_.c_str(), "tmpfs", MS_REMOUNT, ("size=" + size).c_str()) == 0);
    }

  private:
    std::filesystem::path at_;
    bool mounted_ = false;
};

// The stored complaints are whole: each one's version is its number of events.
void check_whole(const std::filesystem::path& db_file, long long expected) {
    soci::session s("sqlite3", "db=" + db_file.string());
    long long complaints = -1, torn = -1;
    s << "SELECT COUNT(*) FROM complaints", soci::into(complaints);
    s << "SELECT COUNT(*) FROM complaints c WHERE c.version <>"
         " (SELECT COUNT(*) FROM events e WHERE e.complaint_id = c.id)",
        soci::into(torn);
    CHECK(complaints == expected);
    CHECK(torn == 0);
}

}  // namespace

TEST_CASE("storage faults: a full disk answers 503, keeps what it acknowledged, and recovers",
          "[storage][fault]") {
    TempDir dir;
    SmallDisk disk(dir / "data", "1m");
    if (!disk.mounted()) {
        WARN("not run: mounting a tmpfs needs root");
        return;
    }
    HostProcess host(write_host_config(dir.path(), json::array()));
    REQUIRE(host.wait_until_listening());
    ApiClient api(host.port(), host.admin_token());
    long long created = 0;
    ApiAnswer refused;
    for (int n = 0; n < 5000; ++n) {
        auto a = api.post("/api/v1/complaints", numbered_intake(n, 600));
        if (a.status != 201) {
            refused = a;
            break;
        }
        ++created;
    }
    INFO(refused.raw);
    REQUIRE(refused.status == 503);
    CHECK(refused.headers.find("Content-Type")->second == "application/problem+json");
    CHECK(refused.body["detail"].get<std::string>().find("nothing was changed") !=
          std::string::npos);
    CHECK(created > 0);
    // Reads go on while the disk is full.
    CHECK(api.get("/api/v1/complaints?limit=1").body["total"] == created);
    CHECK(api.get("/healthz").status == 200);

    disk.resize("64m");  // the admin frees space: the next write succeeds
    auto after = api.post("/api/v1/complaints", numbered_intake(-1, 600));
    CHECK(after.status == 201);
    CHECK(host.stop(SIGTERM) == 0);
    check_whole(dir / "data" / "redress.db", created + 1);
}

TEST_CASE("storage faults: a read-only database file answers 503 and recovers when writable",
          "[storage][fault]") {
    TempDir dir;
    HostProcess host(write_host_config(dir.path(), json::array()));
    REQUIRE(host.wait_until_listening());
    ApiClient api(host.port(), host.admin_token());
    REQUIRE(api.post("/api/v1/complaints", numbered_intake(1, 600)).status == 201);

    // Immutable: writes fail even through the host's open descriptors, even as root.
    auto db = (dir / "data" / "redress.db").string();
    auto files = db + " " + db + "-wal";
    if (std::system(("chattr +i " + files + " 2>/dev/null").c_str()) != 0) {
        WARN("not run: the file system has no immutable attribute (chattr)");
        return;
    }
    auto refused = api.post("/api/v1/complaints", numbered_intake(2, 600));
    int unlocked = std::system(("chattr -i " + files).c_str());
    INFO(refused.raw);
    CHECK(refused.status == 503);
    REQUIRE(unlocked == 0);

    ApiAnswer after;
    for (int i = 0; i < 50 && after.status != 201; ++i) {
        after = api.post("/api/v1/complaints", numbered_intake(3, 600));
        if (after.status != 201) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    INFO(after.raw);
    CHECK(after.status == 201);
    CHECK(api.get("/api/v1/complaints?limit=1").body["total"] == 2);
    CHECK(host.stop(SIGTERM) == 0);
    check_whole(dir / "data" / "redress.db", 2);
}

// Restarts the shared cluster: registered to run alone (tests/CMakeLists.txt).
TEST_CASE("storage faults: PostgreSQL restarted under load", "[storage][fault][serial]") {
    TestDatabase t("postgresql");
    TempDir dir;
    auto config = write_host_config(dir.path(), json::array(),
                                    {{"storage", {{"url", t.url()}, {"schema", t.schema()}}}});
    HostProcess host(config);
    REQUIRE(host.wait_until_listening());
    const std::string token = host.admin_token();
    std::atomic<bool> done{false};
    std::atomic<int> refused{0}, other{0};
    std::mutex mutex;
    std::set<std::string> numbers;
    std::vector<std::thread> clients;
    for (int c = 0; c < 4; ++c)
        clients.emplace_back([&, c] {
            ApiClient api(host.port(), token);
            for (int n = 0; !done; ++n) {
                auto a = api.post("/api/v1/complaints", numbered_intake(c * 100000 + n, 600));
                if (a.status == 201) {
                    std::lock_guard lock(mutex);
                    numbers.insert(a.body["number"].get<std::string>());
                } else if (a.status == 503) {
                    ++refused;
                } else {
                    ++other;
                }
            }
        });
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    std::string version = REDRESS_TEST_PG_VERSION;
    REQUIRE(std::system(("pg_ctlcluster " + version + " main restart").c_str()) == 0);
    // Recovery: within a few seconds of the restart every client is served again.
    std::size_t before;
    {
        std::lock_guard lock(mutex);
        before = numbers.size();
    }
    for (int i = 0; i < 100; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        std::lock_guard lock(mutex);
        if (numbers.size() > before + 20) break;
    }
    done = true;
    for (auto& c : clients) c.join();
    INFO(numbers.size() << " created, " << refused << " refused with 503, " << other << " other");
    CHECK(numbers.size() > before + 20);
    CHECK(other == 0);
    // Every acknowledged complaint exists once and whole.
    {  // The restart broke the test's own connections too: each notices on its next query.
        std::vector<std::unique_ptr<redress::storage::Session>> all;
        for (std::size_t i = 0; i < t.db().pool_size(); ++i) {
            all.push_back(std::make_unique<redress::storage::Session>(t.db()));
            try {
                *all.back() << "SELECT 1";
            } catch (const soci::soci_error&) {
            }
        }
    }
    redress::storage::Session s(t.db());
    for (const auto& number : numbers) {
        long long n = 0, version_ = 0, events = 0;
        s << "SELECT COUNT(*), MAX(version) FROM complaints WHERE number = :n", soci::use(number),
            soci::into(n), soci::into(version_);
        s << "SELECT COUNT(*) FROM events WHERE number = :n", soci::use(number), soci::into(events);
        CHECK(n == 1);
        CHECK(events == version_);
    }
    CHECK(host.stop(SIGTERM) == 0);
}
