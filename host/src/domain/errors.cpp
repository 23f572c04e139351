#include "domain/errors.hpp"

namespace redress::domain {

DomainError DomainError::invalid(std::vector<FieldError> fields) {
    std::string message;
    for (const auto& f : fields)
        message += (message.empty() ? "" : "; ") + f.field + ": " + f.message;
    DomainError e(Kind::invalid, message);
    e.fields_ = std::move(fields);
    return e;
}

DomainError DomainError::conflict(std::string message, std::string state,
                                  std::vector<std::string> allowed) {
    DomainError e(Kind::conflict, message);
    e.state_ = std::move(state);
    e.allowed_ = std::move(allowed);
    return e;
}

DomainError DomainError::not_found(std::string message) {
    return DomainError(Kind::not_found, message);
}

}  // namespace redress::domain
