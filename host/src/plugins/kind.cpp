#include "plugins/kind.hpp"

#include "util/name_table.hpp"

namespace redress::plugins {
namespace {

constexpr util::NameTable<redress_kind, 6> kKinds{{
    {REDRESS_KIND_INTAKE, "intake"},
    {REDRESS_KIND_CLASSIFIER, "classifier"},
    {REDRESS_KIND_ESCALATION, "escalation"},
    {REDRESS_KIND_NOTIFIER, "notifier"},
    {REDRESS_KIND_REPORT, "report"},
    {REDRESS_KIND_FRONTEND, "frontend"},
}};

}  // namespace

std::string_view kind_name(redress_kind kind) {
    return util::name_in(kKinds, kind, "unknown");
}

std::optional<redress_kind> kind_from_name(std::string_view name) {
    return util::value_in(kKinds, name);
}

std::size_t minimum_calls_size(redress_kind kind) {
    switch (kind) {
        case REDRESS_KIND_INTAKE:
            return sizeof(redress_intake_calls);
        case REDRESS_KIND_CLASSIFIER:
            return sizeof(redress_classifier_calls);
        case REDRESS_KIND_ESCALATION:
            return sizeof(redress_escalation_calls);
        case REDRESS_KIND_NOTIFIER:
            return sizeof(redress_notifier_calls);
        case REDRESS_KIND_REPORT:
            return sizeof(redress_report_calls);
        case REDRESS_KIND_FRONTEND:
            return sizeof(redress_frontend_calls);
    }
    return 0;
}

}  // namespace redress::plugins
