// A front-end built outside the Redress tree against the installed SDK, with
// whatever compiler and standard library the integrator uses. It deliberately
// uses standard-library types and exceptions internally: none may cross.
#include <redress/redress.hpp>

#include <map>
#include <stdexcept>
#include <string>

namespace {

std::string standard_library() {
#if defined(_LIBCPP_VERSION)
    return "libc++ " + std::to_string(_LIBCPP_VERSION);
#elif defined(__GLIBCXX__)
    return "libstdc++ " + std::to_string(__GLIBCXX__);
#else
    return "unknown";
#endif
}

std::string compiler() {
#if defined(__clang__)
    return "clang " __clang_version__;
#elif defined(__GNUC__)
    return "gcc " __VERSION__;
#else
    return "unknown";
#endif
}

class Greeter : public redress::Frontend {
  public:
    explicit Greeter(redress::Host host) : Frontend(host) {
        greetings_["en"] = "Hello";
        greetings_["zh"] = "你好";
        host.info("greeter built with " + compiler() + " and " + standard_library());
    }

    void handle(const redress::HttpRequest& req, redress::HttpResponse& res) override {
        if (req.subpath() == "/throw")
            throw std::out_of_range("greeter threw from " + standard_library());
        std::string lang = req.query() == "lang=zh" ? "zh" : "en";
        res.header("Content-Type", "text/plain; charset=utf-8");
        res.write(greetings_.at(lang) + " from " + standard_library() + " built by " + compiler());
    }

  private:
    std::map<std::string, std::string> greetings_;
};

}  // namespace

REDRESS_MODULE("consumer_greeter", "0.1.0", "An out-of-tree front-end",
               redress::provide<Greeter>(R"({"type": "object", "additionalProperties": false})"))
