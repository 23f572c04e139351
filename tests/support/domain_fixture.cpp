#include "domain_fixture.hpp"

#include <stdexcept>

namespace redress::test {

const domain::DomainConfig& shipped_domain() {
    static const domain::DomainConfig config = domain::DomainConfig::load(
        REDRESS_TEST_SOURCE_DIR "/config/categories.json",
        REDRESS_TEST_SOURCE_DIR "/config/responsibility.json",
        REDRESS_TEST_SOURCE_DIR "/config/sla.json",
        REDRESS_TEST_SOURCE_DIR "/config/calendars/cn-2026.json",
        {"customer.name", "customer.contact", "product", "description", "demand"});
    return config;
}

domain::Time shanghai(const std::string& local) {
    auto t = domain::parse_time(local.substr(0, 10) + "T" + local.substr(11) + ":00+08:00");
    if (!t) throw std::invalid_argument("bad test time " + local);
    return *t;
}

nlohmann::json sample_intake(const std::string& priority) {
    return {
        {"channel", "phone"},
        {"customer", {{"name", "张伟"}, {"phone", "+86 138 0013 8000"}, {"type", "individual"}}},
        {"subject", "洗衣机漏水"},
        {"description", "新买的洗衣机第一次使用就漏水，地板被泡。"},
        {"demand", "更换新机"},
        {"product", "WM-X1"},
        {"region", "east"},
        {"priority", priority}};
}

nlohmann::json numbered_intake(long long n, std::size_t padding) {
    return {{"channel", "phone"},
            {"customer", {{"name", "张伟"}, {"phone", "13800138000"}}},
            {"description", "洗衣机漏水 #" + std::to_string(n) + std::string(padding, 'x')}};
}

}  // namespace redress::test
