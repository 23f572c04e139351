// frontend_console: the support staff's web console under its mount (/console/
// by default). A single page that talks only to the REST API with the token the
// person signs in with (kept in the browser tab's session storage); this plugin
// only serves its files. Mount it "public": the page itself holds nothing, and
// every figure it shows comes through the API, which checks the token and role.
#include <redress/redress.hpp>

#include <nlohmann/json.hpp>

#include "html_page.hpp"
#include "static_files.hpp"

namespace frontend_console {
namespace {
using nlohmann::json;

constexpr const char* kSettingsSchema = R"({
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "title": {"type": "string", "maxLength": 100, "default": "Redress",
      "description": "Shown in the header and the window title."},
    "default_language": {"enum": ["zh", "en"], "default": "zh",
      "description": "Until the person picks one (the browser's language decides if it is zh or en)."},
    "poll_ms": {"type": "integer", "minimum": 1000, "maximum": 600000, "default": 4000,
      "description": "How often the queue and an open complaint look for changes."}
  }
})";

// Scripts only from this origin, no inline script; inline style is allowed for
// the report documents shown in a frame.
constexpr const char* kPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' "
    "data:; connect-src 'self'; frame-src 'self' blob:; frame-ancestors 'none'; base-uri 'self'; "
    "form-action 'self'";

}  // namespace

class Console : public redress::Frontend {
  public:
    explicit Console(redress::Host host) : Frontend(host) {
        json s = json::parse(host.settings());
        title_ = s.at("title").get<std::string>();
        language_ = s.at("default_language").get<std::string>();
        poll_ms_ = s.at("poll_ms").get<int>();
    }

    void handle(const redress::HttpRequest& req, redress::HttpResponse& res) override {
        if (req.method() != "GET" && req.method() != "HEAD") {
            res.status(405);
            res.header("Allow", "GET, HEAD");
            return;
        }
        std::string_view sub = req.subpath();
        while (!sub.empty() && sub.front() == '/') sub.remove_prefix(1);
        res.header("Content-Security-Policy", kPolicy);
        res.header("X-Content-Type-Options", "nosniff");
        res.header("Referrer-Policy", "no-referrer");
        if (sub.empty() || sub == "index.html") return index(req, res);
        auto file = find_file(sub);
        if (!file || sub.find("..") != std::string_view::npos) {
            res.status(404);
            res.header("Content-Type", "text/plain; charset=utf-8");
            res.write("no such file in the console: " + std::string(sub) + "\n");
            return;
        }
        res.header("ETag", file->etag);
        res.header("Cache-Control", "no-cache");  // revalidate: an upgrade shows at once
        if (req.header("If-None-Match").value_or("") == file->etag) {
            res.status(304);
            return;
        }
        res.status(200);
        res.header("Content-Type", file->content_type);
        if (req.method() == "GET") res.write(file->bytes);
    }

  private:
    // The page, with where it is mounted and its settings filled in.
    void index(const redress::HttpRequest& req, redress::HttpResponse& res) const {
        std::string page(find_file("index.html")->bytes);
        std::string path(req.path()), sub(req.subpath());
        std::string mount = path.substr(0, path.size() - sub.size());
        if (mount.empty() || mount.back() != '/') mount += '/';
        auto put = [&](const std::string& key, const std::string& value) {
            for (auto at = page.find(key); at != std::string::npos; at = page.find(key))
                page.replace(at, key.size(), redress_plugins::html_escape(value));
        };
        put("{{base}}", mount);
        put("{{title}}", title_);
        put("{{language}}", language_);
        put("{{poll_ms}}", std::to_string(poll_ms_));
        res.status(200);
        res.header("Content-Type", "text/html; charset=utf-8");
        res.header("Cache-Control", "no-store");
        res.header("X-Frame-Options", "DENY");
        if (req.method() == "GET") res.write(page);
    }

    std::string title_, language_;
    int poll_ms_ = 4000;
};

}  // namespace frontend_console

REDRESS_MODULE("frontend_console", "1.0.0",
               "The support staff's web console: queue, complaints, new complaints, dashboard",
               redress::provide<frontend_console::Console>(frontend_console::kSettingsSchema))
