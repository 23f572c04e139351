#pragma once

#include <string>

namespace httplib {
struct Response;
}

namespace redress::http {

// Answers with an RFC 9457 problem document (application/problem+json).
void send_problem(httplib::Response& res, int status, const std::string& title,
                  const std::string& detail);

// The standard reason phrase of an HTTP status ("Not Found"), "Error" if unknown.
const char* status_title(int status);

// Answers with a JSON document.
void send_json(httplib::Response& res, int status, const std::string& body);

}  // namespace redress::http
