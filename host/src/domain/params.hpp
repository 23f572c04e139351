#pragma once

#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/errors.hpp"
#include "domain/time.hpp"

namespace redress::domain {

// Reads the members of a request object, collecting every problem (with its
// JSON pointer) instead of stopping at the first, then throws them together.
class Params {
  public:
    // `allowed` lists the members this object may have; others are errors.
    Params(const nlohmann::json& body, const std::vector<std::string_view>& allowed,
           std::string pointer = "");

    std::optional<std::string> text(std::string_view key, bool required,
                                    std::size_t max_length = 10000);
    std::optional<Time> time(std::string_view key, bool required);
    std::optional<long long> integer(std::string_view key, bool required, long long min,
                                     long long max);
    std::optional<bool> boolean(std::string_view key, bool required);
    std::vector<std::string> strings(std::string_view key, std::size_t max_items = 100);
    // A member that must be one of `choices`.
    std::optional<std::string> choice(std::string_view key, bool required,
                                      const std::vector<std::string>& choices);
    // The member as a nested object (nullptr if absent; an error if not an object).
    const nlohmann::json* object(std::string_view key, bool required);

    void error(std::string_view key, std::string message);
    const nlohmann::json& body() const noexcept { return body_; }
    std::vector<FieldError>& errors() noexcept { return *errors_; }
    // A reader for a nested object that reports into the same error list.
    Params nested(const nlohmann::json& body, const std::vector<std::string_view>& allowed,
                  std::string_view key) const;
    // Throws DomainError::invalid if any problem was found.
    void finish() const;

  private:
    Params(const nlohmann::json& body, const std::vector<std::string_view>& allowed,
           std::string pointer, std::shared_ptr<std::vector<FieldError>> errors);
    const nlohmann::json* find(std::string_view key, bool required);
    std::string at(std::string_view key) const { return pointer_ + "/" + std::string(key); }

    const nlohmann::json& body_;
    std::string pointer_;
    std::shared_ptr<std::vector<FieldError>> errors_;
};

}  // namespace redress::domain
