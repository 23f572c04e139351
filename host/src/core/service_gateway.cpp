#include "core/service_gateway.hpp"

#include <soci/soci.h>

#include "domain/errors.hpp"

namespace redress::core {
using nlohmann::json;

namespace {

// The same explanation a REST client gets, as JSON.
template <class F>
plugins::CallResult answer(std::string& result, F&& f) {
    try {
        result = f().doc().dump(-1, ' ', false, json::error_handler_t::replace);
        return {REDRESS_OK, {}};
    } catch (const domain::DomainError& e) {
        json errors = json::array();
        for (const auto& field : e.fields())
            errors.push_back({{"field", field.field}, {"message", field.message}});
        json doc = {{"detail", e.what()}, {"errors", errors}};
        if (e.kind() == domain::DomainError::Kind::conflict) doc["state"] = e.state();
        return {e.kind() == domain::DomainError::Kind::not_found ? REDRESS_ERROR : REDRESS_INVALID,
                doc.dump()};
    } catch (const json::exception& e) {
        return {REDRESS_INVALID,
                json{{"detail", std::string("malformed JSON: ") + e.what()}}.dump()};
    } catch (const soci::soci_error& e) {
        return {REDRESS_RETRY,
                json{{"detail", "storage unavailable: " + e.get_error_message()}}.dump()};
    }
}

}  // namespace

plugins::CallResult ServiceGateway::submit(const std::string& actor, std::string_view complaint,
                                           std::string_view source_id, std::string& result) {
    return answer(result, [&] {
        return service_
            .create(json::parse(complaint), actor,
                    source_id.empty() ? "" : "source:" + std::string(source_id))
            .complaint;
    });
}

plugins::CallResult ServiceGateway::act(const std::string& actor, std::string_view number,
                                        std::string_view action, std::string_view params,
                                        std::string& result) {
    return answer(result, [&] {
        return service_.act(std::string(number), action,
                            params.empty() ? json::object() : json::parse(params), actor);
    });
}

}  // namespace redress::core
