#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace redress::config {

// One thing wrong with a configuration: where (file and JSON pointer) and what.
struct Problem {
    std::string file;
    std::string pointer;  // JSON pointer into the file, "" for the whole document
    std::string message;

    // "config/redress.json: /instances/0/kind: must be one of ..."
    std::string to_string() const;
};

// Thrown when a configuration cannot be used; what() lists every problem, one per line.
class ConfigError : public std::runtime_error {
  public:
    explicit ConfigError(std::vector<Problem> problems);
    const std::vector<Problem>& problems() const noexcept { return problems_; }

  private:
    std::vector<Problem> problems_;
};

}  // namespace redress::config
