#include "form_page.hpp"

#include "html_page.hpp"

#include <cstdio>
#include <vector>

namespace intake_webform {
using redress_plugins::html_escape;

namespace {

// printf into a std::string (the texts carry %d / %s).
template <class... A>
std::string format(const char* pattern, A... args) {
    int n = std::snprintf(nullptr, 0, pattern, args...);
    std::string out(static_cast<std::size_t>(n > 0 ? n : 0), '\0');
    std::snprintf(out.data(), out.size() + 1, pattern, args...);
    return out;
}

std::string page(const Texts& t, const std::string& base, const std::string& title,
                 const std::string& body) {
    return redress_plugins::html_page(t.code, title,
                                      "<a href=\"" + html_escape(base) + "/?lang=" + t.other_code +
                                          "\" hreflang=\"" + t.other_code + "\">" + t.other_name +
                                          "</a>",
                                      body);
}

struct Field {
    const char* name;
    const char* label;
    const char* type;  // "text", "tel", "email", "date", "textarea"
    bool required;
    const char* autocomplete;
};

}  // namespace

std::string render_form(const Texts& t, const std::string& base, const Values& values,
                        const Problems& problems, const std::string& token,
                        const std::string& banner, const FormLimits& limits) {
    const std::vector<Field> fields = {
        {"name", t.name, "text", false, "name"},
        {"phone", t.phone, "tel", false, "tel"},
        {"email", t.email, "email", false, "email"},
        {"product", t.product, "text", false, "off"},
        {"purchased_at", t.purchased_at, "date", false, "off"},
        {"description", t.description, "textarea", true, "off"},
        {"demand", t.demand, "textarea", false, "off"},
    };
    std::string body = std::string("<h1>") + t.title + "</h1><p>" + t.intro + "</p>";
    if (!banner.empty())
        body += "<p class=\"banner\" role=\"alert\">" + html_escape(banner) + "</p>";
    else if (!problems.empty())
        body += std::string("<p class=\"banner\" role=\"alert\">") + t.fix_below + "</p>";
    body += "<form method=\"post\" action=\"" + html_escape(base) + "/?lang=" + t.code +
            "\" enctype=\"multipart/form-data\" novalidate>"
            "<input type=\"hidden\" name=\"csrf\" value=\"" +
            html_escape(token) + "\">";
    for (const auto& f : fields) {
        std::string name = f.name;
        auto value = values.find(name);
        std::string v = value == values.end() ? "" : value->second;
        auto problem = problems.find(name);
        bool bad = problem != problems.end();
        std::string attrs =
            " id=\"" + name + "\" name=\"" + name + "\" autocomplete=\"" + f.autocomplete + "\"" +
            (f.required ? " required" : "") +
            (bad ? " aria-invalid=\"true\" aria-describedby=\"" + name + "-error\"" : "");
        body += "<label for=\"" + name + "\">" + f.label + (f.required ? t.required_mark : "") +
                "</label>";
        if (std::string(f.type) == "textarea")
            body += "<textarea" + attrs + ">" + html_escape(v) + "</textarea>";
        else
            body += "<input type=\"" + std::string(f.type) + "\"" + attrs + " value=\"" +
                    html_escape(v) + "\">";
        if (name == "email") body += std::string("<p class=\"hint\">") + t.contact_hint + "</p>";
        if (bad)
            body += "<p class=\"error\" id=\"" + name + "-error\">" + html_escape(problem->second) +
                    "</p>";
    }
    auto file_problem = problems.find("attachments");
    body += std::string("<label for=\"attachments\">") + t.attachments +
            "</label><input type=\"file\" id=\"attachments\" name=\"attachments\" multiple "
            "accept=\"image/*,video/*,application/pdf\"" +
            (file_problem != problems.end() ? " aria-invalid=\"true\"" : "") +
            "><p class=\"hint\">" +
            format(t.attachments_hint, limits.max_files, limits.max_file_mb) + "</p>";
    if (file_problem != problems.end())
        body += "<p class=\"error\" id=\"attachments-error\">" + html_escape(file_problem->second) +
                "</p>";
    body += std::string("<button type=\"submit\">") + t.submit + "</button></form>";
    return page(t, base, t.title, body);
}

std::string render_thanks(const Texts& t, const std::string& base, const std::string& number,
                          const std::string& due) {
    std::string body =
        std::string("<h1>") + t.thanks_title + "</h1><div class=\"done\"><p>" +
        format(t.thanks_number,
               ("<strong id=\"number\">" + html_escape(number) + "</strong>").c_str()) +
        "</p><p>" +
        (due.empty() ? std::string(t.thanks_no_due)
                     : format(t.thanks_due,
                              ("<strong id=\"due\">" + html_escape(due) + "</strong>").c_str())) +
        "</p></div><p><a href=\"" + html_escape(base) + "/?lang=" + t.code + "\">" + t.another +
        "</a></p>";
    return page(t, base, t.thanks_title, body);
}

std::string render_message(const Texts& t, const std::string& base, const std::string& message) {
    return page(t, base, t.title,
                std::string("<h1>") + t.title + "</h1><p class=\"banner\" role=\"alert\">" +
                    html_escape(message) + "</p><p><a href=\"" + html_escape(base) +
                    "/?lang=" + t.code + "\">" + t.title + "</a></p>");
}

}  // namespace intake_webform
