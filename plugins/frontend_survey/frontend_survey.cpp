// frontend_survey: the satisfaction survey page customers reach from the link
// sent at closure (D17): /survey/<token>, Chinese or English, a 1-5 score,
// whether the problem was solved, and a comment. The link works once. A score of
// 2 or less, or "not solved", reopens the complaint for second handling under a
// supervisor (D18); the host decides that, this page only reports it.
#include <redress/redress.hpp>

#include <cstdio>

#include <nlohmann/json.hpp>

#include "html_page.hpp"
#include "language.hpp"
#include "survey_texts.hpp"
#include "url_encoded.hpp"

namespace frontend_survey {
namespace {
using nlohmann::json;
using redress_plugins::html_escape;

constexpr const char* kSettingsSchema = R"({
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "default_language": {"enum": ["zh", "en"], "default": "zh"}
  }
})";

std::string field(std::string_view text, const std::string& name) {
    auto fields = redress_plugins::parse_urlencoded(text);
    auto it = fields.find(name);
    return it == fields.end() ? "" : it->second;
}

// A token is "<complaint number>.<hex>": the number says where to record the answer.
bool well_formed(const std::string& token) {
    auto dot = token.find('.');
    return token.size() < 100 && dot != std::string::npos && token.rfind("CP-", 0) == 0 &&
           token.find_first_not_of("CP-0123456789.abcdef") == std::string::npos;
}

}  // namespace

class SurveyPage : public redress::Frontend {
  public:
    explicit SurveyPage(redress::Host host)
        : Frontend(host),
          fallback_(json::parse(host.settings()).at("default_language").get<std::string>()) {}

    void handle(const redress::HttpRequest& req, redress::HttpResponse& res) override {
        std::string query(req.query());
        std::string lang = redress_plugins::preferred_language(
            field(query, "lang"), req.header("Accept-Language").value_or(""), fallback_);
        const SurveyTexts& t = survey_texts(lang);
        res.header("Content-Type", "text/html; charset=utf-8");
        res.header("Cache-Control", "no-store");
        res.header("Referrer-Policy", "no-referrer");  // the link is a secret
        res.header("Content-Security-Policy",
                   "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
        std::string token(req.subpath().empty() ? "" : req.subpath().substr(1));
        if (!well_formed(token)) {
            res.status(404);
            return res.write(message(t, token, t.invalid_link));
        }
        if (req.method() == "POST") return answer(req, res, t, token);
        if (req.method() != "GET" && req.method() != "HEAD") {
            res.status(405);
            res.header("Allow", "GET, HEAD, POST");
            return res.write(message(t, token, "405"));
        }
        res.write(form(t, token, ""));
    }

  private:
    void answer(const redress::HttpRequest& req, redress::HttpResponse& res, const SurveyTexts& t,
                const std::string& token) {
        std::string score = field(req.body(), "score");
        if (score.size() != 1 || score[0] < '1' || score[0] > '5') {
            res.status(422);
            return res.write(form(t, token, t.score_required));
        }
        json params = {{"token", token},
                       {"score", score[0] - '0'},
                       {"resolved", field(req.body(), "resolved") != "no"}};
        std::string comment = field(req.body(), "comment");
        if (!comment.empty()) params["comment"] = comment.substr(0, 4000);
        std::string number = token.substr(0, token.find('.'));
        try {
            json c = json::parse(host().complaint_action(number, "survey", params.dump()));
            bool reopened = c.value("state", "") != "closed";
            res.status(201);
            res.write(message(t, token, reopened ? t.thanks_reopened : t.thanks, true));
        } catch (const redress::Error& e) {
            if (e.status() == REDRESS_RETRY) {
                res.status(503);
                return res.write(message(t, token, t.unavailable));
            }
            std::string why = e.what();
            bool used = why.find("was used already") != std::string::npos;
            res.status(used ? 409 : 404);
            res.write(message(t, token, used ? t.already_answered : t.invalid_link));
        }
    }

    std::string nav(const SurveyTexts& t, const std::string& token) const {
        return "<a href=\"" + html_escape(token) + "?lang=" + t.other_lang + "\" hreflang=\"" +
               t.other_lang + "\">" + t.other_name + "</a>";
    }

    std::string form(const SurveyTexts& t, const std::string& token, const std::string& problem) {
        std::string number = token.substr(0, token.find('.'));
        char intro[512];
        std::snprintf(intro, sizeof intro, t.intro, html_escape(number).c_str());
        std::string body = std::string("<h1>") + t.title + "</h1><p>" + intro + "</p>";
        if (!problem.empty())
            body += "<p class=\"banner\" role=\"alert\">" + html_escape(problem) + "</p>";
        body += "<form method=\"post\" action=\"" + html_escape(token) + "?lang=" + t.lang +
                "\"><fieldset><legend>" + t.score + "</legend>";
        for (int i = 1; i <= 5; ++i)
            body += "<label class=\"choice\"><input type=\"radio\" name=\"score\" value=\"" +
                    std::to_string(i) + "\" required>" + t.score_labels[i - 1] + "</label>";
        body += std::string("</fieldset><fieldset><legend>") + t.resolved +
                "</legend><label class=\"choice\"><input type=\"radio\" name=\"resolved\" "
                "value=\"yes\" checked>" +
                t.yes +
                "</label><label class=\"choice\"><input type=\"radio\" name=\"resolved\" "
                "value=\"no\">" +
                t.no + "</label></fieldset><label for=\"comment\">" + t.comment +
                "</label><textarea id=\"comment\" name=\"comment\" maxlength=\"4000\"></textarea>"
                "<button type=\"submit\">" +
                t.submit + "</button></form>";
        return redress_plugins::html_page(t.lang, t.title, nav(t, token), body);
    }

    std::string message(const SurveyTexts& t, const std::string& token, const std::string& text,
                        bool done = false) {
        std::string body = std::string("<h1>") + t.title + "</h1><p class=\"" +
                           (done ? "done" : "banner") + "\" role=\"status\">" + html_escape(text) +
                           "</p>";
        return redress_plugins::html_page(t.lang, t.title, nav(t, token), body);
    }

    std::string fallback_;
};

}  // namespace frontend_survey

REDRESS_MODULE("frontend_survey", "1.0.0",
               "The customer satisfaction survey page behind the link sent at closure",
               redress::provide<frontend_survey::SurveyPage>(frontend_survey::kSettingsSchema))
