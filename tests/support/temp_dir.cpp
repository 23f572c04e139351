#include "temp_dir.hpp"

#include <stdlib.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace redress::test {

TempDir::TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "redress-test-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr)
        throw std::runtime_error("mkdtemp failed for " + pattern);
    path_ = pattern;
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

std::string read_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void write_file(const std::filesystem::path& file, const std::string& text) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + file.string());
}

std::vector<nlohmann::json> read_json_lines(const std::filesystem::path& file) {
    std::vector<nlohmann::json> out;
    std::istringstream in(read_file(file));
    for (std::string line; std::getline(in, line);) {
        // No newline yet: a writer is still appending this line; it is read next time.
        if (in.eof()) break;
        if (!line.empty()) out.push_back(nlohmann::json::parse(line));
    }
    return out;
}

}  // namespace redress::test
