#include "texts.hpp"

#include "language.hpp"

namespace intake_webform {
namespace {

const Texts kChinese = {
    "zh",
    "en",
    "English",
    "投诉与建议",
    "请告诉我们发生了什么。我们会在承诺的时间内答复您。",
    "姓名",
    "电话",
    "电子邮箱",
    "电话和邮箱至少填写一项，以便我们联系您。",
    "产品或服务",
    "购买日期",
    "问题描述",
    "您的诉求",
    "照片或视频",
    "最多 %d 个文件，每个不超过 %d MB（JPEG、PNG、GIF、WebP、HEIC、MP4、MOV、WebM、PDF）。",
    "提交",
    "（必填）",
    "请修改下面标出的内容。",
    "此项必填。",
    "请填写电话或电子邮箱。",
    "电子邮箱格式不正确。",
    "电话号码只能包含数字、空格、+ 和 -。",
    "日期格式应为 2026-11-23。",
    "不能超过 %d 个字符。",
    "含有无法识别的字符，请重新输入。",
    "文件“%s”超过 %d MB。",
    "文件“%s”不是支持的照片、视频或 PDF。",
    "最多上传 %d 个文件。",
    "附件合计不能超过 %d MB。",
    "表单已过期或来源不明，请检查后重新提交。",
    "提交过于频繁，请 %d 秒后再试。",
    "系统暂时无法受理，请稍后再试，您填写的内容仍在下面。",
    "已受理",
    "您的投诉已受理，编号：%s",
    "我们将在 %s 之前答复您。",
    "我们会尽快答复您。",
    "再提交一条"};

const Texts kEnglish = {
    "en",
    "zh",
    "中文",
    "Complaints and suggestions",
    "Tell us what happened. We will answer within the time we promise.",
    "Name",
    "Phone",
    "E-mail",
    "Give a phone number or an e-mail address so that we can reach you.",
    "Product or service",
    "Date of purchase",
    "What happened",
    "What you would like us to do",
    "Photos or videos",
    "Up to %d files of at most %d MB each (JPEG, PNG, GIF, WebP, HEIC, MP4, MOV, WebM, PDF).",
    "Send",
    " (required)",
    "Please correct what is marked below.",
    "This is required.",
    "Give a phone number or an e-mail address.",
    "This is not an e-mail address.",
    "A phone number has only digits, spaces, + and -.",
    "Write the date as 2026-11-23.",
    "At most %d characters.",
    "This contains characters that are not text; please type it again.",
    "The file \"%s\" is larger than %d MB.",
    "The file \"%s\" is not a supported photo, video or PDF.",
    "At most %d files.",
    "The files together may not exceed %d MB.",
    "This form has expired or did not come from this page. Please check it and send it again.",
    "Too many submissions; please try again in %d seconds.",
    "We cannot record complaints right now. Please try again shortly; what you wrote is below.",
    "Received",
    "Your complaint has been received. Its number is %s.",
    "We will answer you by %s.",
    "We will answer you as soon as we can.",
    "Send another"};

}  // namespace

const Texts& texts(Lang lang) {
    return lang == Lang::zh ? kChinese : kEnglish;
}

Lang choose_language(std::string_view requested, std::string_view accept_language, Lang fallback) {
    return redress_plugins::preferred_language(requested, accept_language,
                                               fallback == Lang::zh ? "zh" : "en") == "zh"
               ? Lang::zh
               : Lang::en;
}

}  // namespace intake_webform
