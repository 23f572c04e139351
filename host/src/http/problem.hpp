#pragma once

#include <string>

#include <nlohmann/json_fwd.hpp>

namespace httplib {
struct Response;
}

namespace redress::http {

// Answers with an RFC 9457 problem document (application/problem+json).
void send_problem(httplib::Response& res, int status, const std::string& title,
                  const std::string& detail);

// The standard reason phrase of an HTTP status ("Not Found"), "Error" if unknown.
const char* status_title(int status);

// Answers with a JSON document (text already serialised, or a value; bytes that
// are not UTF-8 are replaced).
void send_json(httplib::Response& res, int status, const std::string& body);
void send_json(httplib::Response& res, int status, const nlohmann::json& body);

}  // namespace redress::http
