#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace redress::domain {

// One invalid input field: where (a JSON pointer into the request) and why.
struct FieldError {
    std::string field;
    std::string message;
};

// A refused domain operation. `invalid`: the input is wrong (fields says where);
// `conflict`: the action is not allowed in the complaint's current state;
// `not_found`: no such complaint (or sub-record).
class DomainError : public std::runtime_error {
  public:
    enum class Kind { invalid, conflict, not_found };

    static DomainError invalid(std::vector<FieldError> fields);
    static DomainError conflict(std::string message, std::string state,
                                std::vector<std::string> allowed);
    static DomainError not_found(std::string message);

    Kind kind() const noexcept { return kind_; }
    const std::vector<FieldError>& fields() const noexcept { return fields_; }
    const std::string& state() const noexcept { return state_; }
    const std::vector<std::string>& allowed() const noexcept { return allowed_; }

  private:
    DomainError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
    Kind kind_;
    std::vector<FieldError> fields_;
    std::string state_;
    std::vector<std::string> allowed_;
};

}  // namespace redress::domain
