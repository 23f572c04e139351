// intake_webform: the public complaint form at /intake/<instance>/, in Chinese
// and English. Customers post it as a browser form (with photos and videos) or
// as JSON; every field is checked on the server and problems are shown next to
// the fields; a forgery token and a per-address rate limit guard it; the answer
// gives the complaint number and when to expect a response (D5).
#include <redress/redress.hpp>

#include <ctime>
#include <random>

#include <nlohmann/json.hpp>

#include "attachment_store.hpp"
#include "form_data.hpp"
#include "form_page.hpp"
#include "local_time.hpp"
#include "media_type.hpp"
#include "rate_limiter.hpp"
#include "submission.hpp"
#include "texts.hpp"
#include "url_encoded.hpp"

namespace intake_webform {
using redress_plugins::parse_urlencoded;

namespace {
using nlohmann::json;

constexpr const char* kSettingsSchema = R"({
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "default_language": {"enum": ["zh", "en"], "default": "zh",
      "description": "When neither ?lang= nor Accept-Language chooses."},
    "rate_limit_per_minute": {"type": "number", "exclusiveMinimum": 0, "default": 6,
      "description": "Submissions one client address may make per minute, after the burst."},
    "rate_limit_burst": {"type": "integer", "minimum": 1, "default": 5},
    "max_files": {"type": "integer", "minimum": 0, "maximum": 50, "default": 5},
    "max_file_mb": {"type": "integer", "minimum": 1, "maximum": 2048, "default": 20},
    "max_total_mb": {"type": "integer", "minimum": 1, "maximum": 4096, "default": 50,
      "description": "Also raise http.max_body_bytes in the host configuration to at least this."},
    "allowed_types": {"type": "array", "items": {"type": "string"},
      "default": ["image/jpeg", "image/png", "image/gif", "image/webp", "image/heic",
                  "video/mp4", "video/quicktime", "video/webm", "video/3gpp", "application/pdf"]},
    "allowed_origins": {"type": "array", "items": {"type": "string"}, "default": [],
      "description": "Other origins (https://shop.example.com) whose pages may post to the form."},
    "utc_offset": {"type": "string", "pattern": "^[+-][0-9]{2}:[0-9]{2}$", "default": "+08:00",
      "description": "The time zone the response deadline is shown in."}
  }
})";

constexpr const char* kCookie = "redress_form";

std::string new_token() {
    std::random_device random;  // the kernel's generator on Linux
    static const char* hex = "0123456789abcdef";
    std::string token;
    for (int i = 0; i < 8; ++i) {
        unsigned value = random();
        for (int k = 0; k < 8; ++k, value >>= 4) token += hex[value & 15];
    }
    return token;
}

bool well_formed_token(const std::string& token) {
    return token.size() == 64 && token.find_first_not_of("0123456789abcdef") == std::string::npos;
}

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

}  // namespace

class WebForm : public redress::Intake {
  public:
    explicit WebForm(redress::Host host)
        : Intake(host),
          settings_(json::parse(host.settings())),
          limiter_(settings_.at("rate_limit_per_minute").get<double>(),
                   settings_.at("rate_limit_burst").get<double>()) {
        fallback_ = settings_.at("default_language") == "en" ? Lang::en : Lang::zh;
        rules_.max_files = settings_.at("max_files").get<int>();
        rules_.max_file_bytes = settings_.at("max_file_mb").get<std::size_t>() << 20;
        rules_.max_total_bytes = settings_.at("max_total_mb").get<std::size_t>() << 20;
        rules_.allowed_types = settings_.at("allowed_types").get<std::vector<std::string>>();
        origins_ = settings_.at("allowed_origins").get<std::vector<std::string>>();
        utc_offset_ = settings_.at("utc_offset").get<std::string>();
        base_ = "/intake/" + std::string(host.name());
    }

    void handle(const redress::HttpRequest& req, redress::HttpResponse& res) override {
        auto query = parse_urlencoded(req.query());
        Lang lang =
            choose_language(query["lang"], req.header("Accept-Language").value_or(""), fallback_);
        const Texts& t = texts(lang);
        res.header("Cache-Control", "no-store");
        res.header("X-Content-Type-Options", "nosniff");
        res.header("Content-Security-Policy",
                   "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
                   "frame-ancestors 'none'");
        if (req.subpath() != "" && req.subpath() != "/") {
            res.status(404);
            return html(res, render_message(t, base_, "404"));
        }
        if (req.method() == "GET" || req.method() == "HEAD") return show_form(res, t, {}, {}, "");
        if (req.method() != "POST") {
            res.status(405);
            res.header("Allow", "GET, HEAD, POST");
            return html(res, render_message(t, base_, "405"));
        }
        std::string type = lower(std::string(req.header("Content-Type").value_or("")));
        bool is_json = type.rfind("application/json", 0) == 0;
        if (int wait = limiter_.acquire(std::string(req.remote_addr())); wait > 0) {
            res.status(429);
            res.header("Retry-After", std::to_string(wait));
            char message[200];
            std::snprintf(message, sizeof message, t.rate_limited, wait);
            if (is_json) return json_answer(res, {{"title", message}});
            return html(res, render_message(t, base_, message));
        }
        if (!same_origin(req)) {
            res.status(403);
            if (is_json) return json_answer(res, {{"title", t.form_expired}});
            return html(res, render_message(t, base_, t.form_expired));
        }
        if (is_json) return submit_json(req, res, t);
        return submit_form(req, res, t, type);
    }

  private:
    void submit_form(const redress::HttpRequest& req, redress::HttpResponse& res, const Texts& t,
                     const std::string& type) {
        FormData form;
        try {
            if (type.rfind("multipart/form-data", 0) == 0)
                form = parse_multipart(req.body(), req.header("Content-Type").value_or(""));
            else if (type.rfind("application/x-www-form-urlencoded", 0) == 0)
                form.fields = parse_urlencoded(req.body());
            else {
                res.status(415);
                return html(res, render_message(t, base_,
                                                "415 multipart/form-data, "
                                                "application/x-www-form-urlencoded or "
                                                "application/json"));
            }
        } catch (const FormError& e) {
            res.status(400);
            return html(res, render_message(t, base_, e.what()));
        }
        Values values = form_values(form.fields);
        // The token in the page must match the cookie set with it: another site
        // can make a browser post here, but cannot read or set our cookie.
        std::string token = form.fields.count("csrf") ? form.fields["csrf"] : "";
        std::string cookie = header_parameter(req.header("Cookie").value_or(""), kCookie);
        if (!well_formed_token(token) || token != cookie) {
            res.status(403);
            return show_form(res, t, values, {}, t.form_expired);
        }
        Submission s = check(values, form.files, rules_, t);
        if (!s.problems.empty()) {
            res.status(422);
            return show_form(res, t, values, s.problems, "", token);
        }
        auto outcome = record(s, form.files, "form:" + token);
        if (outcome.retry) {
            res.status(503);
            return show_form(res, t, values, {}, t.unavailable, token);
        }
        if (!outcome.problems.empty()) {
            res.status(422);
            return show_form(res, t, values, outcome.problems, "", token);
        }
        res.status(201);
        html(res, render_thanks(t, base_, outcome.number, outcome.due));
    }

    void submit_json(const redress::HttpRequest& req, redress::HttpResponse& res, const Texts& t) {
        json body = json::parse(req.body(), nullptr, false);
        if (!body.is_object()) {
            res.status(400);
            return json_answer(res, {{"title", "the body is not a JSON object"}});
        }
        Values values;
        for (const auto& [key, value] : body.items()) {
            if (!value.is_string()) {
                res.status(422);
                return json_answer(res,
                                   {{"title", t.fix_below}, {"errors", {{key, "expected text"}}}});
            }
            values[key] = value.get<std::string>();
        }
        values = form_values(values);
        Submission s = check(values, {}, rules_, t);
        std::string key(req.header("Idempotency-Key").value_or(""));
        auto outcome = s.problems.empty()
                           ? record(s, {}, key.empty() ? "" : "json:" + key.substr(0, 200))
                           : Outcome{};
        if (!s.problems.empty() || !outcome.problems.empty()) {
            res.status(422);
            return json_answer(res,
                               {{"title", t.fix_below},
                                {"errors", s.problems.empty() ? outcome.problems : s.problems}});
        }
        if (outcome.retry) {
            res.status(503);
            res.header("Retry-After", "30");
            return json_answer(res, {{"title", t.unavailable}});
        }
        res.status(201);
        char message[300];
        std::snprintf(message, sizeof message, t.thanks_number, outcome.number.c_str());
        json answer = {{"number", outcome.number}, {"message", message}};
        answer["first_response_due"] = outcome.due_at.empty() ? json() : json(outcome.due_at);
        json_answer(res, answer);
    }

    struct Outcome {
        std::string number, due, due_at;  // due: local and readable; due_at: as stored
        Problems problems;
        bool retry = false;
    };

    Outcome record(const Submission& s, const std::vector<UploadedFile>& files,
                   const std::string& source_id) {
        Outcome out;
        json attachments = json::array();
        for (std::size_t i = 0; i < files.size(); ++i)
            attachments.push_back(redress_plugins::store_attachment(
                                      std::string(host().data_directory()) + "/attachments",
                                      files[i].bytes, files[i].filename, s.media_types[i])
                                      .to_json());
        json complaint = s.complaint;
        complaint["attachments"] = attachments;
        complaint["source"] = {{"instance", host().name()}, {"id", source_id}};
        try {
            json stored = json::parse(host().submit_complaint(complaint.dump(), source_id));
            out.number = stored.value("number", "");
            auto due = stored["sla"]["milestones"]["first_response"]["due_at"];
            if (due.is_string()) {
                out.due_at = due.get<std::string>();
                out.due = redress_plugins::local_time(out.due_at, utc_offset_);
            }
        } catch (const redress::Error& e) {
            if (e.status() == REDRESS_RETRY) {
                host().warning(std::string("the host cannot record now: ") + e.what());
                out.retry = true;
                return out;
            }
            out.problems = host_problems(e.what());
            if (out.problems.empty()) throw;
        }
        return out;
    }

    bool same_origin(const redress::HttpRequest& req) const {
        auto origin = req.header("Origin");
        if (!origin || *origin == "null") return !origin;  // "null": a sandboxed or file page
        std::string o(*origin);
        for (const auto& allowed : origins_)
            if (o == allowed) return true;
        auto scheme_end = o.find("://");
        return scheme_end != std::string::npos &&
               o.substr(scheme_end + 3) == req.header("Host").value_or("");
    }

    void show_form(redress::HttpResponse& res, const Texts& t, const Values& values,
                   const Problems& problems, const std::string& banner, std::string token = {}) {
        if (token.empty()) token = new_token();
        res.header("Set-Cookie", std::string(kCookie) + "=" + token + "; Path=" + base_ +
                                     "; HttpOnly; SameSite=Strict");
        FormLimits limits{rules_.max_files, static_cast<int>(rules_.max_file_bytes >> 20)};
        html(res, render_form(t, base_, values, problems, token, banner, limits));
    }

    static void html(redress::HttpResponse& res, const std::string& page) {
        res.header("Content-Type", "text/html; charset=utf-8");
        res.write(page);
    }
    static void json_answer(redress::HttpResponse& res, const json& body) {
        res.header("Content-Type", "application/json");
        res.write(body.dump(-1, ' ', false, json::error_handler_t::replace));
    }

    json settings_;
    RateLimiter limiter_;
    Lang fallback_ = Lang::zh;
    Rules rules_;
    std::vector<std::string> origins_;
    std::string utc_offset_;
    std::string base_;
};

}  // namespace intake_webform

REDRESS_MODULE("intake_webform", "1.0.0",
               "A public complaint form in Chinese and English, with photo and video uploads",
               redress::provide<intake_webform::WebForm>(intake_webform::kSettingsSchema))
