#include "templates.hpp"

namespace notifier_email {
namespace {

struct Builtin {
    const char* key;
    const char* subject;
    const char* body;
};

const Builtin kBuiltin[] = {
    {"acknowledgement/zh", "[{{number}}] 您的投诉已受理",
     "{{customer_name}}，您好：\n\n我们已收到您的投诉，编号为 {{number}}。\n"
     "我们将在 {{first_response_due}} 之前答复您。\n\n"
     "如需补充情况，请直接回复本邮件，并保留标题中的编号。\n"},
    {"acknowledgement/en", "[{{number}}] We have received your complaint",
     "Dear {{customer_name}},\n\nWe have received your complaint; its number is {{number}}.\n"
     "We will answer you by {{first_response_due}}.\n\n"
     "To add anything, reply to this message and keep the number in its subject.\n"},
    {"progress/zh", "[{{number}}] 处理进度更新",
     "{{customer_name}}，您好：\n\n您的投诉 {{number}} 正在处理中：{{work_order}} 已完成 "
     "{{progress}}%。\n{{note}}\n"},
    {"progress/en", "[{{number}}] Progress on your complaint",
     "Dear {{customer_name}},\n\nWe are working on your complaint {{number}}: the "
     "{{work_order}} is {{progress}}% done.\n{{note}}\n"},
    {"status/zh", "[{{number}}] 投诉处理进展",
     "{{customer_name}}，您好：\n\n您的投诉 {{number}} 仍在处理中，目前{{state}}。\n"
     "{{next_step}}\n\n如有补充，请直接回复本邮件，并保留标题中的编号。\n"},
    {"status/en", "[{{number}}] Where your complaint stands",
     "Dear {{customer_name}},\n\nYour complaint {{number}} is still being handled: {{state}}.\n"
     "{{next_step}}\n\nTo add anything, reply to this message and keep the number in its "
     "subject.\n"},
    {"report/zh", "[Redress] 投诉分析报告 {{period}}",
     "您好：\n\n附件是 {{period}} 的投诉分析报告（{{report}} / {{schedule}}），"
     "包括投诉量、按时率、处理时长、满意度与升级情况。\n\n此邮件由 Redress 按计划自动发送。\n"},
    {"report/en", "[Redress] Complaint analysis {{period}}",
     "Hello,\n\nAttached is the complaint analysis for {{period}} ({{report}} / {{schedule}}): "
     "volume, on-time rates, handling time, satisfaction and escalations.\n\n"
     "Redress sends this message on a schedule.\n"},
    {"delay/zh", "[{{number}}] 处理时间调整",
     "{{customer_name}}，您好：\n\n很抱歉，您的投诉 {{number}} 的{{work_order}}无法按原定时间 "
     "{{old_due}} "
     "完成。\n原因：{{delay_reason}}\n新的完成时间：{{new_due}}\n\n给您带来不便，敬请谅解。\n"},
    {"delay/en", "[{{number}}] A new date for your complaint",
     "Dear {{customer_name}},\n\nWe are sorry: the {{work_order}} for your complaint {{number}} "
     "will not be done by {{old_due}} as promised.\nReason: {{delay_reason}}\nNew date: "
     "{{new_due}}\n\nWe apologise for the inconvenience.\n"},
    {"closure/zh", "[{{number}}] 投诉已办结，请您评价",
     "{{customer_name}}，您好：\n\n您的投诉 {{number}} 已办结。感谢您的耐心。\n"
     "请花一分钟告诉我们您是否满意：\n{{survey_link}}\n\n（此链接仅可使用一次。）\n"},
    {"closure/en", "[{{number}}] Your complaint is closed: how did we do?",
     "Dear {{customer_name}},\n\nYour complaint {{number}} is closed. Thank you for your "
     "patience.\nPlease take a minute to tell us whether you are satisfied:\n{{survey_link}}\n\n"
     "(The link works once.)\n"},
    {"escalation/zh", "[{{number}}] 投诉已升级给您（第 {{level}} 级）",
     "投诉 {{number}} 已升级给您。\n原因：{{reason}}\n{{detail}}\n\n"
     "优先级：{{priority}}；类别：{{category}}；当前负责人：{{owner}}\n"},
    {"escalation/en", "[{{number}}] Complaint escalated to you (level {{level}})",
     "Complaint {{number}} has been escalated to you.\nReason: {{reason}}\n{{detail}}\n\n"
     "Priority: {{priority}}; category: {{category}}; owner: {{owner}}\n"},
    {"notification/zh", "[{{number}}] {{reason}}", "{{message}}\n"},
    {"notification/en", "[{{number}}] {{reason}}", "{{message}}\n"},
};

}  // namespace

Templates::Templates(const nlohmann::json& overrides) {
    for (const auto& b : kBuiltin) by_key_[b.key] = {b.subject, b.body};
    for (const auto& [name, langs] : overrides.items())
        for (const auto& [lang, t] : langs.items())
            by_key_[name + "/" + lang] = {t.at("subject").get<std::string>(),
                                          t.at("body").get<std::string>()};
}

std::optional<Template> Templates::find(const std::string& name, const std::string& lang) const {
    auto it = by_key_.find(name + "/" + lang);
    if (it == by_key_.end()) return std::nullopt;
    return it->second;
}

std::string fill(const std::string& text, const std::map<std::string, std::string>& values) {
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        auto open = text.find("{{", i);
        if (open == std::string::npos) break;
        auto close = text.find("}}", open + 2);
        if (close == std::string::npos) break;
        out.append(text, i, open - i);
        auto it = values.find(text.substr(open + 2, close - open - 2));
        if (it != values.end()) out += it->second;
        i = close + 2;
    }
    out.append(text, i, std::string::npos);
    return out;
}

}  // namespace notifier_email
