#pragma once

#include <string>

#include <httplib.h>

#include <nlohmann/json.hpp>

namespace redress::test {

struct ApiAnswer {
    int status = 0;
    nlohmann::json body;  // null when the body is not JSON
    std::string raw;
    httplib::Headers headers;
};

// Calls a host on 127.0.0.1 with a bearer token (empty: none).
class ApiClient {
  public:
    ApiClient(int port, std::string token) : client_("127.0.0.1", port), token_(std::move(token)) {}
    ApiAnswer get(const std::string& path) { return call("GET", path, ""); }
    ApiAnswer post(const std::string& path, const nlohmann::json& body,
                   httplib::Headers extra = {}) {
        return call("POST", path, body.dump(), "application/json", std::move(extra));
    }
    // A lifecycle action on a complaint.
    ApiAnswer act(const std::string& number, const std::string& action,
                  const nlohmann::json& params) {
        return post("/api/v1/complaints/" + number + "/" + action, params);
    }
    ApiAnswer call(const std::string& method, const std::string& path, const std::string& body,
                   const std::string& content_type = "application/json",
                   httplib::Headers extra = {}) {
        if (!token_.empty()) extra.emplace("Authorization", "Bearer " + token_);
        httplib::Result r = method == "GET"
                                ? client_.Get(path.c_str(), extra)
                                : client_.Post(path.c_str(), extra, body, content_type.c_str());
        ApiAnswer a;
        if (!r) return a;
        a.status = r->status;
        a.raw = r->body;
        a.headers = r->headers;
        a.body = nlohmann::json::parse(r->body, nullptr, false);
        if (a.body.is_discarded()) a.body = nullptr;
        return a;
    }

  private:
    httplib::Client client_;
    std::string token_;
};

}  // namespace redress::test
