// What admins write: a host configuration file (comments allowed) through the
// whole loader, and any document as a plugin's settings schema and as settings
// checked against the schema of the host's configuration.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "config/host_config.hpp"
#include "config/json_text.hpp"
#include "config/schema.hpp"

using namespace redress;
using nlohmann::json;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::string file = [] {
        char name[] = "/tmp/redress-fuzz-config-XXXXXX";
        int fd = mkstemp(name);
        if (fd < 0) std::abort();
        close(fd);
        return std::string(name);
    }();
    std::string_view text(reinterpret_cast<const char*>(data), size);
    {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
    }
    try {
        auto config = config::load_host_config(file);
        (void)config;
    } catch (const std::runtime_error&) {  // config errors name the file, line and field
    } catch (const json::exception&) {
    }
    try {
        json doc = config::parse_json_with_comments(text, "fuzz");
        if (!config::check_schema(doc)) {  // a well-formed schema: check a value against it
            json value =
                doc.is_object() && doc.contains("example") ? doc["example"] : json::object();
            (void)config::validate(doc, value);
            config::apply_defaults(doc, value);
        }
        (void)config::validate(config::host_config_schema(), doc);
    } catch (const std::runtime_error&) {
    } catch (const json::exception&) {
    }
    return 0;
}
