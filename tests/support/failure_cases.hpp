#pragma once

#include <string>
#include <vector>

#include <redress/redress.h>
#include <nlohmann/json.hpp>

#include "paths.hpp"

namespace redress::test {

// One way an instance can fail, the configuration that provokes it, and the
// words its reason must contain (the file and the cause).
struct FailureCase {
    std::string title;
    nlohmann::json instance;  // one entry of "instances"
    std::vector<std::string> reason_contains;
};

// "MAJOR.MINOR" of this SDK, shifted: (1, 0) is the next major version "2.0".
inline std::string api_version(int major_step, int minor_step) {
    return std::to_string(REDRESS_API_VERSION_MAJOR + major_step) + "." +
           std::to_string(major_step != 0 ? 0 : REDRESS_API_VERSION_MINOR + minor_step);
}

inline std::string fixture(const std::string& name) {
    return std::string(kFixtureDir) + "/" + name + ".so";
}

inline std::vector<FailureCase> failure_cases() {
    using nlohmann::json;
    auto inst = [](const std::string& plugin, const std::string& kind,
                   json settings = json::object()) {
        return json{{"name", "victim"}, {"plugin", plugin}, {"kind", kind}, {"settings", settings}};
    };
    json missing = inst("fixture_gone", "notifier");
    missing["library"] = std::string(kFixtureDir) + "/fixture_gone.so";
    return {
        {"wrong major version",
         inst("fixture_wrong_major", "notifier"),
         {fixture("fixture_wrong_major"), "built for plugin API " + api_version(1, 0) +
                                              ", but this host implements " + api_version(0, 0)}},
        {"newer minor version",
         inst("fixture_newer_minor", "notifier"),
         {fixture("fixture_newer_minor"), "built for plugin API " + api_version(0, 1) +
                                              ", newer than this host's " + api_version(0, 0)}},
        {"missing entry symbol",
         inst("fixture_no_entry", "notifier"),
         {fixture("fixture_no_entry"), "no entry symbol \"redress_module_entry\""}},
        {"unresolved symbol",
         inst("fixture_unresolved", "notifier"),
         {fixture("fixture_unresolved"), "cannot load the library",
          "undefined symbol: redress_fixture_missing_function"}},
        {"entry returns null",
         inst("fixture_null_entry", "notifier"),
         {fixture("fixture_null_entry"), "the entry function returned no module descriptor"}},
        {"bad descriptor",
         inst("fixture_bad_descriptor", "notifier"),
         {fixture("fixture_bad_descriptor"), "bad module descriptor: kinds[0]: unknown kind 42"}},
        {"not a library",
         inst("fixture_not_a_library", "notifier"),
         {fixture("fixture_not_a_library"), "cannot load the library", "invalid ELF header"}},
        {"library file missing", missing, {fixture("fixture_gone"), "file not found"}},
        {"throwing factory",
         inst("fixture_throwing_factory", "notifier"),
         {fixture("fixture_throwing_factory"),
          "the factory failed: cannot reach the ticket database at 10.0.0.9"}},
        {"start returns an error",
         inst("fixture_start_error", "notifier"),
         {fixture("fixture_start_error"),
          "start failed: SMTP relay mail.example.test:25 refused the connection"}},
        {"unknown plugin id",
         inst("no_such_plugin", "notifier"),
         {"unknown plugin \"no_such_plugin\": no no_such_plugin.so in the plugin paths",
          kFixtureDir}},
        {"kind not provided",
         inst("fixture_echo", "escalation"),
         {fixture("fixture_echo"),
          "provides no escalation (it provides: notifier, classifier, report, intake, frontend)"}},
        {"settings fail the schema",
         inst("fixture_echo", "notifier", {{"path", 42}, {"colour", "red"}}),
         {"invalid settings: ", "/instances/0/settings/path: expected string, got integer",
          "/instances/0/settings/colour: unknown property \"colour\""}},
        {"settings miss a required member",
         inst("notifier_log", "notifier"),
         {"invalid settings: /instances/0/settings: missing required property \"path\""}},
    };
}

}  // namespace redress::test
