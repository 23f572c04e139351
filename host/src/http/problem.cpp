#include "http/problem.hpp"

#include <httplib.h>

#include <nlohmann/json.hpp>

namespace redress::http {

const char* status_title(int status) {
    switch (status) {
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 408:
            return "Request Timeout";
        case 409:
            return "Conflict";
        case 413:
            return "Content Too Large";
        case 414:
            return "URI Too Long";
        case 415:
            return "Unsupported Media Type";
        case 416:
            return "Range Not Satisfiable";
        case 422:
            return "Unprocessable Content";
        case 431:
            return "Request Header Fields Too Large";
        case 500:
            return "Internal Server Error";
        case 503:
            return "Service Unavailable";
        default:
            return "Error";
    }
}

void send_problem(httplib::Response& res, int status, const std::string& title,
                  const std::string& detail) {
    nlohmann::json doc = {
        {"type", "about:blank"}, {"title", title}, {"status", status}, {"detail", detail}};
    res.status = status;
    // Replace, not dump(): a plugin's message may hold bytes that are not UTF-8.
    res.set_content(doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                    "application/problem+json");
}

void send_json(httplib::Response& res, int status, const nlohmann::json& body) {
    send_json(res, status, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void send_json(httplib::Response& res, int status, const std::string& body) {
    res.status = status;
    res.set_content(body, "application/json");
}

}  // namespace redress::http
