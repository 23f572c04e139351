#include "html_page.hpp"

namespace redress_plugins {
namespace {

const char* kStyle =
    "body{font-family:system-ui,-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;"
    "max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1f2933;line-height:1.5}"
    "h1{font-size:1.6rem}label{display:block;font-weight:600;margin-top:1rem}"
    "input,textarea{width:100%;box-sizing:border-box;padding:.5rem;font:inherit;"
    "border:1px solid #9aa5b1;border-radius:4px}textarea{min-height:8rem}"
    "input[type=radio]{width:auto;margin-right:.35rem}fieldset{border:0;padding:0;margin:1rem 0 0}"
    "legend{font-weight:600}.choice{display:inline-block;margin-right:1rem;font-weight:400}"
    "[aria-invalid=true]{border-color:#b91c1c}.error{color:#b91c1c;margin:.25rem 0 0}"
    ".hint{color:#52606d;font-size:.9rem;margin:.25rem 0 0}"
    ".banner{background:#fef2f2;border:1px solid #b91c1c;padding:.75rem;border-radius:4px}"
    ".done{background:#ecfdf5;border:1px solid #047857;padding:1rem;border-radius:4px}"
    "button{margin-top:1.5rem;padding:.6rem 1.5rem;font:inherit;background:#1d4ed8;color:#fff;"
    "border:0;border-radius:4px;cursor:pointer}nav{text-align:right}";

}  // namespace

std::string html_escape(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string html_page(const std::string& lang, const std::string& title, const std::string& nav,
                      const std::string& body) {
    return "<!DOCTYPE html>\n<html lang=\"" + lang +
           "\"><head><meta charset=\"utf-8\">"
           "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
           "<title>" +
           html_escape(title) + "</title><style>" + kStyle + "</style></head><body><nav>" + nav +
           "</nav>" + body + "</body></html>\n";
}

}  // namespace redress_plugins
