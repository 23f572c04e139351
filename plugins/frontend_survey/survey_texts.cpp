#include "survey_texts.hpp"

namespace frontend_survey {
namespace {

const SurveyTexts kChinese = {
    "zh",
    "en",
    "English",
    "满意度调查",
    "感谢您对投诉 %s 的耐心。请告诉我们您对处理结果是否满意。",
    "总体满意度",
    {"1 非常不满意", "2 不满意", "3 一般", "4 满意", "5 非常满意"},
    "您的问题解决了吗？",
    "已解决",
    "没有解决",
    "意见或建议（选填）",
    "提交",
    "请选择一个分数。",
    "感谢您的评价！",
    "感谢您的反馈。我们很抱歉没有让您满意，主管将重新处理您的投诉并尽快与您联系。",
    "这份调查已经提交过了，感谢您的反馈。",
    "这个调查链接无效。请检查链接是否完整。",
    "暂时无法提交，请稍后再试。"};

const SurveyTexts kEnglish = {
    "en",
    "zh",
    "中文",
    "How did we do?",
    "Thank you for your patience with complaint %s. Please tell us whether you are satisfied "
    "with how it was handled.",
    "Overall satisfaction",
    {"1 very dissatisfied", "2 dissatisfied", "3 neutral", "4 satisfied", "5 very satisfied"},
    "Was your problem solved?",
    "Yes",
    "No",
    "Comments (optional)",
    "Send",
    "Please choose a score.",
    "Thank you for your feedback!",
    "Thank you for telling us. We are sorry we did not satisfy you: a supervisor will take your "
    "complaint up again and contact you soon.",
    "This survey was answered already. Thank you.",
    "This survey link is not valid. Please check that it is complete.",
    "We cannot record your answer right now; please try again shortly."};

}  // namespace

const SurveyTexts& survey_texts(const std::string& lang) {
    return lang == "zh" ? kChinese : kEnglish;
}

}  // namespace frontend_survey
