#include "core/service_gateway.hpp"

#include <soci/soci.h>

#include "domain/errors.hpp"
#include "storage/statistics.hpp"

namespace redress::core {
using nlohmann::json;

namespace {

std::string dump(const json& doc) {
    return doc.dump(-1, ' ', false, json::error_handler_t::replace);
}

// The same explanation a REST client gets, as JSON.
json explain(const domain::DomainError& e) {
    json errors = json::array();
    for (const auto& field : e.fields())
        errors.push_back({{"field", field.field}, {"message", field.message}});
    json doc = {{"detail", e.what()}, {"errors", errors}};
    if (e.kind() == domain::DomainError::Kind::conflict) doc["state"] = e.state();
    return doc;
}

template <class F>
plugins::CallResult answer(std::string& result, F&& f) {
    try {
        result = dump(f());
        return {REDRESS_OK, {}};
    } catch (const domain::DomainError& e) {
        return {e.kind() == domain::DomainError::Kind::not_found ? REDRESS_ERROR : REDRESS_INVALID,
                explain(e).dump()};
    } catch (const json::exception& e) {
        return {REDRESS_INVALID,
                json{{"detail", std::string("malformed JSON: ") + e.what()}}.dump()};
    } catch (const soci::soci_error& e) {
        return {REDRESS_RETRY,
                json{{"detail", "storage unavailable: " + e.get_error_message()}}.dump()};
    }
}

// A source message's id, kept apart from clients' Idempotency-Keys.
std::string source_key(std::string_view source_id) {
    return source_id.empty() ? std::string() : "source:" + std::string(source_id);
}

}  // namespace

plugins::CallResult ServiceGateway::submit(const std::string& actor, std::string_view complaint,
                                           std::string_view source_id, std::string& result) {
    return answer(result, [&] {
        return service_.create(json::parse(complaint), actor, source_key(source_id))
            .complaint.doc();
    });
}

plugins::CallResult ServiceGateway::submit_batch(const std::string& actor, std::string_view batch,
                                                 bool atomic, std::string& result) {
    return answer(result, [&] {
        json items = json::parse(batch);
        if (!items.is_array())
            throw domain::DomainError::invalid({{"", "expected a JSON array of items"}});
        std::vector<ComplaintService::BatchItem> work;
        for (std::size_t i = 0; i < items.size(); ++i) {
            const json& item = items[i];
            if (!item.is_object() || !item.contains("complaint") ||
                (item.contains("source_id") && !item["source_id"].is_string()))
                throw domain::DomainError::invalid(
                    {{"/" + std::to_string(i),
                      "expected {\"complaint\": {...}, \"source_id\": \"...\"}"}});
            work.push_back({item["complaint"], source_key(item.value("source_id", ""))});
        }
        json answers = json::array();
        for (auto& outcome : service_.create_batch(work, actor, atomic)) {
            if (outcome.created)
                answers.push_back({{"ok", true},
                                   {"complaint", outcome.created->complaint.doc()},
                                   {"replayed", outcome.created->replayed}});
            else {
                json why = explain(*outcome.refused);
                why["ok"] = false;
                answers.push_back(why);
            }
        }
        return answers;
    });
}

plugins::CallResult ServiceGateway::statistics(std::string_view request, std::string& result) {
    try {
        return answer(result, [&] {
            return service_.statistics(storage::statistics_request(json::parse(request)));
        });
    } catch (const std::invalid_argument& e) {
        return {REDRESS_INVALID, json{{"detail", e.what()}}.dump()};
    }
}

plugins::CallResult ServiceGateway::act(const std::string& actor, std::string_view number,
                                        std::string_view action, std::string_view params,
                                        std::string& result) {
    return answer(result, [&] {
        return service_
            .act(std::string(number), action, params.empty() ? json::object() : json::parse(params),
                 actor)
            .doc();
    });
}

}  // namespace redress::core
