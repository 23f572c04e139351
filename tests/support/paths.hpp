#pragma once

// Locations of the built artefacts, set by tests/CMakeLists.txt.
namespace redress::test {
inline constexpr const char* kRedressBinary = REDRESS_TEST_BINARY;
inline constexpr const char* kFixtureDir = REDRESS_TEST_FIXTURE_DIR;
inline constexpr const char* kPluginDir = REDRESS_TEST_PLUGIN_DIR;
}  // namespace redress::test
