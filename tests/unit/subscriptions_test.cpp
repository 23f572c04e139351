// Subscriptions with conditions: which events an instance is handed, and the
// configuration's conditions checked against the domain before the host starts.
#include <catch2/catch.hpp>

#include "config/host_config.hpp"
#include "config/problem.hpp"
#include "core/subscriptions.hpp"
#include "domain_fixture.hpp"
#include "temp_dir.hpp"

using namespace redress;
using nlohmann::json;
using redress::test::shipped_domain;
using redress::test::TempDir;
using redress::test::write_file;

namespace {

domain::Complaint complaint(const std::string& priority, const std::string& category) {
    return domain::Complaint(json{{"state", "received"},
                                  {"priority", priority},
                                  {"category", category},
                                  {"channel", "phone"},
                                  {"team", "technical_support"}});
}

config::HostConfig load(const TempDir& dir, const std::string& subscribe) {
    write_file(dir / "c.json", R"({"instances": [{"name": "n", "plugin": "p", "kind": "notifier",
        "subscribe": )" + subscribe +
                                   "}]}");
    return config::load_host_config(dir / "c.json");
}

std::string domain_error_of(const config::HostConfig& cfg) {
    try {
        core::check_subscriptions(cfg, shipped_domain());
    } catch (const config::ConfigError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("subscriptions: an event type, or \"*\", without conditions takes every complaint",
          "[subscriptions]") {
    auto c = complaint("low", "other");
    CHECK(core::wants({"complaint.created", {}}, "complaint.created", c));
    CHECK_FALSE(core::wants({"complaint.created", {}}, "complaint.close", c));
    CHECK(core::wants({"*", {}}, "complaint.close", c));
}

TEST_CASE("subscriptions: every condition must hold, each by one of its values",
          "[subscriptions]") {
    config::Subscription urgent_product{
        "complaint.created", {{"priority", {"urgent"}}, {"category", {"product", "policy"}}}};
    CHECK(core::wants(urgent_product, "complaint.created", complaint("urgent", "product.fault")));
    CHECK(core::wants(urgent_product, "complaint.created", complaint("urgent", "product")));
    CHECK(core::wants(urgent_product, "complaint.created", complaint("urgent", "policy.pricing")));
    CHECK_FALSE(
        core::wants(urgent_product, "complaint.created", complaint("normal", "product.fault")));
    CHECK_FALSE(
        core::wants(urgent_product, "complaint.created", complaint("urgent", "logistics.delay")));
    CHECK_FALSE(
        core::wants(urgent_product, "complaint.close", complaint("urgent", "product.fault")));
    // A category takes those below it, not those whose id merely starts alike.
    CHECK_FALSE(core::wants({"*", {{"category", {"product"}}}}, "complaint.created",
                            complaint("normal", "products")));
    auto c = complaint("normal", "other");
    CHECK(core::wants({"*", {{"state", {"closed", "received"}}}}, "complaint.note", c));
    CHECK(core::wants({"*", {{"channel", {"phone"}}}}, "complaint.note", c));
    CHECK_FALSE(core::wants({"*", {{"channel", {"email"}}}}, "complaint.note", c));
    CHECK(core::wants({"*", {{"team", {"technical_support"}}}}, "complaint.note", c));
    CHECK_FALSE(core::wants({"*", {{"team", {"customer_service"}}}}, "complaint.note", c));
}

TEST_CASE("subscriptions: the configuration takes event types and {event, where} entries",
          "[subscriptions][config]") {
    TempDir dir;
    auto cfg = load(dir, R"(["complaint.close",
        {"event": "complaint.created", "where": {"priority": ["urgent"], "category": ["product"]}},
        {"event": "*"}])");
    const auto& subscribe = cfg.instances.at(0).subscribe;
    REQUIRE(subscribe.size() == 3);
    CHECK(subscribe[0].event == "complaint.close");
    CHECK(subscribe[0].where.empty());
    CHECK(subscribe[1].event == "complaint.created");
    CHECK(subscribe[1].where.size() == 2);
    CHECK(subscribe[2].event == "*");
    CHECK(domain_error_of(cfg).empty());
}

TEST_CASE("subscriptions: a malformed entry is named by its place in the file",
          "[subscriptions][config]") {
    TempDir dir;
    write_file(dir / "c.json", R"({"instances": [{"name": "n", "plugin": "p", "kind": "notifier",
        "subscribe": [{"where": {"priority": ["urgent"]}}, {"event": "complaint.created",
        "where": {"owner": ["li"], "priority": "urgent"}}, "created"]}]})");
    std::string e;
    try {
        config::load_host_config(dir / "c.json");
    } catch (const config::ConfigError& error) {
        e = error.what();
    }
    std::string at = (dir / "c.json").string() + ": /instances/0/subscribe/";
    CHECK_THAT(e, Catch::Contains(at + "0: missing required property \"event\""));
    CHECK_THAT(e, Catch::Contains(at + "1/where/owner: unknown property \"owner\""));
    CHECK_THAT(e, Catch::Contains(at + "1/where/priority: expected array, got string"));
    CHECK_THAT(e, Catch::Contains(at + "2: \"created\" does not match the pattern"));
}

TEST_CASE("subscriptions: a value the domain does not have is refused before the host starts",
          "[subscriptions][config]") {
    TempDir dir;
    auto cfg = load(dir, R"([{"event": "*", "where": {"priority": ["urgnt", "urgent"],
        "category": ["product.fault", "prodcut"], "state": ["open"], "channel": ["fax"],
        "team": ["night_shift"]}}])");
    std::string e = domain_error_of(cfg);
    std::string at = (dir / "c.json").string() + ": /instances/0/subscribe/0/where/";
    CHECK_THAT(e, Catch::Contains(at + "priority/0: no priority \"urgnt\" (urgent, normal, low)"));
    CHECK_THAT(e, !Catch::Contains("priority/1"));
    CHECK_THAT(e, Catch::Contains(at + "category/1: no category \"prodcut\""));
    CHECK_THAT(e, !Catch::Contains("category/0"));
    CHECK_THAT(e, Catch::Contains(at + "state/0: no state \"open\" (received, acknowledged"));
    CHECK_THAT(e, Catch::Contains(at + "channel/0: no channel \"fax\" (phone, email"));
    CHECK_THAT(e, Catch::Contains(at + "team/0: no team \"night_shift\""));
}
