#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <string>

#include "cli/commands.hpp"
#include "cli/plugin_template.hpp"

namespace redress::cli {
namespace {
namespace fs = std::filesystem;

struct KindTemplate {
    const char* enumerator;
    const char* settings;  // a complete settings object for the generated tests
};

const std::map<std::string, KindTemplate>& kinds() {
    static const std::map<std::string, KindTemplate> list = {
        {"intake", {"REDRESS_KIND_INTAKE", R"({"channel": "phone"})"}},
        {"classifier", {"REDRESS_KIND_CLASSIFIER", R"({"rules": []})"}},
        {"escalation", {"REDRESS_KIND_ESCALATION", R"({"to": ""})"}},
        {"notifier", {"REDRESS_KIND_NOTIFIER", R"({"file": "events.txt"})"}},
        {"report", {"REDRESS_KIND_REPORT", R"({})"}},
        {"frontend", {"REDRESS_KIND_FRONTEND", R"({"title": "Plugin"})"}},
    };
    return list;
}

std::string template_text(std::string_view path) {
    for (const auto& f : template_files())
        if (f.path == path) return std::string(f.bytes);
    throw std::logic_error("the plugin template has no " + std::string(path));
}

// acme_sms_intake -> AcmeSmsIntake
std::string class_name(const std::string& name) {
    std::string out;
    bool upper = true;
    for (char c : name) {
        if (c == '_') {
            upper = true;
            continue;
        }
        out += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
        upper = false;
    }
    return out;
}

std::string fill(std::string text, const std::map<std::string, std::string>& values) {
    for (const auto& [key, value] : values) {
        std::string marker = "@" + key + "@";
        for (auto at = text.find(marker); at != std::string::npos;
             at = text.find(marker, at + value.size()))
            text.replace(at, marker.size(), value);
    }
    return text;
}

void write_file(const fs::path& file, const std::string& text) {
    fs::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary);
    out << text;
    out.close();
    if (!out) throw std::runtime_error("cannot write " + file.string());
}

}  // namespace

int run_new_plugin(const Options& options) {
    auto kind = kinds().find(options.kind);
    if (kind == kinds().end()) {
        std::fprintf(stderr,
                     "redress new-plugin: --kind must be one of intake, classifier, escalation, "
                     "notifier, report, frontend%s\n",
                     options.kind.empty() ? "" : (", not \"" + options.kind + "\"").c_str());
        return kExitUsage;
    }
    static const std::regex id("[a-z][a-z0-9_]{0,62}");
    if (!std::regex_match(options.name, id)) {
        std::fprintf(stderr,
                     "redress new-plugin: --name must be a module id: a lowercase letter, then "
                     "lowercase letters, digits or _ (it names the library and the C++ "
                     "namespace)%s\n",
                     options.name.empty() ? "" : (", not \"" + options.name + "\"").c_str());
        return kExitUsage;
    }
    if (options.rest.empty()) {
        std::fprintf(stderr, "redress new-plugin: name the directory to write the project to\n");
        return kExitUsage;
    }
    fs::path dir = options.rest.front();
    std::error_code ec;
    if (fs::exists(dir, ec) && !(fs::is_directory(dir, ec) && fs::is_empty(dir, ec))) {
        std::fprintf(stderr, "redress new-plugin: %s exists and is not an empty directory\n",
                     dir.c_str());
        return kExitFailure;
    }
    const std::string& name = options.name;
    std::map<std::string, std::string> values = {{"NAME", name},
                                                 {"CLASS", class_name(name)},
                                                 {"KIND", kind->first},
                                                 {"KIND_ENUM", kind->second.enumerator},
                                                 {"SETTINGS", kind->second.settings}};
    std::map<fs::path, std::string> files = {
        {"CMakeLists.txt", template_text("CMakeLists.txt.in")},
        {"README.md", template_text("README.md.in")},
        {fs::path("src") / (name + ".cpp"), template_text("kinds/" + kind->first + ".cpp.in")},
        {fs::path("tests") / (name + "_test.cpp"),
         template_text("tests_head.cpp.in") +
             template_text("kinds/" + kind->first + "_test.cpp.in")},
        {".gitignore", "/build/\n"},
    };
    for (const auto& [path, text] : files) {
        write_file(dir / path, fill(text, values));
        std::printf("wrote %s\n", (dir / path).c_str());
    }
    std::printf(
        "\nBuild and test it:\n  cd %s && cmake -S . -B build && cmake --build build && "
        "ctest --test-dir build\n",
        dir.c_str());
    return kExitOk;
}

}  // namespace redress::cli
