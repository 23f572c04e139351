// The intake request: a JSON body as POST /api/v1/complaints reads it, the
// complaint built from it (D2-D4, D7, D9), then a lifecycle action with the
// body's "params". Bad input must end in json::exception or DomainError only.
#include <cstdint>
#include <string_view>

#include <nlohmann/json.hpp>

#include "domain/actions.hpp"
#include "domain/catalogue.hpp"
#include "domain/complaint.hpp"
#include "domain/errors.hpp"
#include "domain/time.hpp"

using namespace redress;
using nlohmann::json;

namespace {

const domain::DomainConfig& shipped() {
    static const domain::DomainConfig config = domain::DomainConfig::load(
        REDRESS_SOURCE_DIR "/config/categories.json",
        REDRESS_SOURCE_DIR "/config/responsibility.json", REDRESS_SOURCE_DIR "/config/sla.json",
        REDRESS_SOURCE_DIR "/config/calendars/cn-2026.json",
        {"customer.name", "customer.contact", "product", "description", "demand"});
    return config;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const auto& names = domain::action_names();
    const std::string& action = names[data[0] % names.size()];
    std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
    json input = json::parse(body, nullptr, false);
    if (input.is_discarded()) return 0;
    auto now = *domain::parse_time("2026-11-23T10:00:00+08:00");
    try {
        auto complaint = domain::new_complaint(input, shipped(), now, "fuzz");
        complaint.doc().dump();
        json params =
            input.is_object() && input.contains("params") ? input["params"] : json::object();
        domain::ActionContext ctx{now, "fuzz", shipped()};
        domain::apply_action(complaint, action, params, ctx);
        complaint.doc().dump(-1, ' ', false, json::error_handler_t::replace);
    } catch (const domain::DomainError&) {
    } catch (const json::exception&) {
    }
    return 0;
}
