// Loading the host configuration: comments allowed, every problem named with
// the file, the position or JSON pointer, and what is wrong.
#include <catch2/catch.hpp>

#include "config/host_config.hpp"
#include "config/problem.hpp"
#include "temp_dir.hpp"

using redress::config::ConfigError;
using redress::config::load_host_config;
using redress::test::TempDir;
using redress::test::write_file;

namespace {

std::string error_of(const std::filesystem::path& file) {
    try {
        load_host_config(file);
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("the shipped default configuration loads", "[config]") {
    auto cfg = load_host_config(REDRESS_TEST_SOURCE_DIR "/config/redress.json");
    CHECK(cfg.http.bind == "127.0.0.1");
    CHECK(cfg.http.port == 8080);
    CHECK(cfg.storage_url == "sqlite:redress.db");
    std::vector<std::string> plugins;
    for (const auto& instance : cfg.instances) plugins.push_back(instance.plugin);
    CHECK(plugins == std::vector<std::string>{
                         "classifier_keywords", "classifier_bayes", "intake_webform", "intake_csv",
                         "intake_email", "frontend_console", "frontend_survey", "escalation_sla",
                         "escalation_repeat", "report_analysis", "notifier_webhook",
                         "notifier_email", "notifier_log"});
    CHECK(cfg.instances[1].train_every_hours == 24);
    CHECK(cfg.instances[2].mount == "/intake/web");  // intakes always serve /intake/<name>
    CHECK(cfg.http.max_body_bytes == 64u << 20);
    CHECK(cfg.data_directory ==
          std::filesystem::path(REDRESS_TEST_SOURCE_DIR "/data").lexically_normal());
}

TEST_CASE("comments are allowed and defaults are filled", "[config]") {
    TempDir dir;
    write_file(dir / "c.json", R"(// leading comment
{ /* block */ "instances": [ {"name": "a", "plugin": "p", "kind": "notifier"} ] })");
    auto cfg = load_host_config(dir / "c.json");
    REQUIRE(cfg.instances.size() == 1);
    CHECK(cfg.instances[0].enabled);
    CHECK_FALSE(cfg.instances[0].required);
    CHECK(cfg.instances[0].mount == "/a");
    CHECK(cfg.instances[0].settings == nlohmann::json::object());
    CHECK(cfg.data_directory == dir.path() / "data");
    CHECK(cfg.http.threads == 8);
}

TEST_CASE("a syntax error names the file, line and column", "[config]") {
    TempDir dir;
    write_file(dir / "c.json", "{\n  \"http\": {\"port\": 80,}\n}");
    std::string e = error_of(dir / "c.json");
    CHECK(e.rfind((dir / "c.json").string() + ":2:", 0) == 0);
    CHECK(e.find("invalid JSON") != std::string::npos);
}

TEST_CASE("structural problems name the JSON pointer", "[config]") {
    TempDir dir;
    write_file(dir / "c.json",
               R"({"http": {"port": "eighty"}, "instances": [{"name": "Bad Name", "plugin": "p",
        "kind": "mailer"}], "extra": 1})");
    std::string e = error_of(dir / "c.json");
    std::string f = (dir / "c.json").string();
    CHECK(e.find(f + ": /http/port: expected integer, got string") != std::string::npos);
    CHECK(e.find(f + ": /instances/0/name: \"Bad Name\" does not match the pattern") !=
          std::string::npos);
    CHECK(e.find(f + ": /instances/0/kind: must be one of") != std::string::npos);
    CHECK(e.find(f + ": /extra: unknown property \"extra\"") != std::string::npos);
}

TEST_CASE("a missing file is named with the system's reason", "[config]") {
    TempDir dir;
    CHECK(error_of(dir / "absent.json") ==
          (dir / "absent.json").string() + ": cannot read: No such file or directory");
}
