#include "plugins/module.hpp"

#include <cstring>
#include <mutex>
#include <type_traits>

#include <boost/dll/shared_library.hpp>

#include "config/json_text.hpp"
#include "config/problem.hpp"
#include "config/schema.hpp"
#include "plugins/abi_strings.hpp"
#include "plugins/kind.hpp"

namespace redress::plugins {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string text(redress_str s) {
    return std::string(view(s));
}

std::string version_string(unsigned major, unsigned minor) {
    return std::to_string(major) + "." + std::to_string(minor);
}

const std::string& host_api_version() {
    static const std::string v =
        version_string(REDRESS_API_VERSION_MAJOR, REDRESS_API_VERSION_MINOR);
    return v;
}

// Libraries are never unloaded: code of a plugin may still be referenced by
// objects, threads or atexit handlers it created, and dlclose of such a library
// crashes later. The handles live (deliberately leaked) until the process exits.
boost::dll::shared_library& keep_mapped(boost::dll::shared_library&& lib) {
    static std::mutex mutex;
    static auto* libraries = new std::vector<std::unique_ptr<boost::dll::shared_library>>();
    std::lock_guard lock(mutex);
    libraries->push_back(std::make_unique<boost::dll::shared_library>(std::move(lib)));
    return *libraries->back();
}

// Boost.DLL wraps dlerror() in its own text; keep the loader's own words, less
// the file name the reason already starts with.
std::string loader_message(const std::exception& e, const fs::path& file) {
    std::string what = e.what();
    const std::string marker = "(dlerror system message: ";
    auto pos = what.find(marker);
    if (pos == std::string::npos) return what;
    auto start = pos + marker.size();
    auto end = what.find("):", start);
    std::string message =
        what.substr(start, end == std::string::npos ? std::string::npos : end - start);
    std::string prefix = file.string() + ": ";
    if (message.rfind(prefix, 0) == 0) message.erase(0, prefix.size());
    return message;
}

}  // namespace

Module::Module(fs::path file) : file_(std::move(file)), id_(file_.stem().string()) {}

void Module::fail(std::string cause) {
    reason_ = file_.string() + ": " + std::move(cause);
}

std::shared_ptr<Module> Module::load(const fs::path& file) {
    std::shared_ptr<Module> m(new Module(file));
    std::error_code ec;
    if (!fs::exists(file, ec)) {
        m->fail("file not found");
        return m;
    }
    boost::dll::shared_library* lib = nullptr;
    try {
        // Load now, not lazily: an unresolved symbol must fail here, with the
        // loader's message, not at the first call into the plugin.
        lib = &keep_mapped(boost::dll::shared_library(
            file, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local));
    } catch (const std::exception& e) {
        m->fail("cannot load the library: " + loader_message(e, file));
        return m;
    }
    if (!lib->has(REDRESS_MODULE_ENTRY_SYMBOL)) {
        // One literal: GCC 12 misreports -Warray-bounds on short string concatenations.
        m->fail("no entry symbol \"" REDRESS_MODULE_ENTRY_SYMBOL
                "\" (not a Redress plugin, or built without REDRESS_MODULE)");
        return m;
    }
    auto& entry = lib->get<const redress_module*()>(REDRESS_MODULE_ENTRY_SYMBOL);
    const redress_module* descriptor = entry();
    if (descriptor == nullptr) {
        m->fail("the entry function returned no module descriptor (the plugin refused to load)");
        return m;
    }
    m->read_descriptor(descriptor);
    return m;
}

void Module::read_descriptor(const redress_module* d) {
    // The version comes first: nothing else in a descriptor of another version is trusted.
    constexpr std::size_t version_end = offsetof(redress_module, api_minor) + sizeof(d->api_minor);
    if (d->struct_size < version_end) {
        fail("bad module descriptor: struct_size " + std::to_string(d->struct_size) +
             " is too small to hold the API version");
        return;
    }
    api_version_ = version_string(d->api_major, d->api_minor);
    if (d->api_major != REDRESS_API_VERSION_MAJOR) {
        fail("built for plugin API " + api_version_ + ", but this host implements " +
             host_api_version() +
             " (a different major version is incompatible; rebuild the plugin against SDK " +
             std::to_string(REDRESS_API_VERSION_MAJOR) + ".x)");
        return;
    }
    if (d->api_minor > REDRESS_API_VERSION_MINOR) {
        fail("built for plugin API " + api_version_ + ", newer than this host's " +
             host_api_version() + " (upgrade the host, or rebuild the plugin against SDK " +
             host_api_version() + ")");
        return;
    }
    if (d->struct_size < sizeof(redress_module)) {
        fail("bad module descriptor: struct_size " + std::to_string(d->struct_size) +
             " is smaller than API " + api_version_ + "'s " +
             std::to_string(sizeof(redress_module)));
        return;
    }
    std::string id = text(d->id);
    if (id.empty()) return fail("bad module descriptor: empty id");
    if (id != file_.stem().string())
        return fail("bad module descriptor: id \"" + id +
                    "\" does not match the file name (expected \"" + file_.stem().string() + "\")");
    id_ = id;
    version_ = text(d->version);
    description_ = text(d->description);
    if (version_.empty()) return fail("bad module descriptor: empty version");
    if (d->kinds == nullptr || d->kind_count == 0)
        return fail("bad module descriptor: it provides no kinds");

    for (std::size_t i = 0; i < d->kind_count; ++i) {
        const redress_kind_provider& p = d->kinds[i];
        std::string at = "bad module descriptor: kinds[" + std::to_string(i) + "]";
        if (p.struct_size < sizeof(redress_kind_provider))
            return fail(at + ": struct_size " + std::to_string(p.struct_size) + " is too small");
        // A library may put any number here: read it as a number first, since an
        // enum holding a value outside its range is undefined behaviour in C++.
        std::underlying_type_t<redress_kind> raw_kind;
        std::memcpy(&raw_kind, &p.kind, sizeof raw_kind);
        if (raw_kind < REDRESS_KIND_INTAKE || raw_kind > REDRESS_KIND_FRONTEND)
            return fail(at + ": unknown kind " + std::to_string(raw_kind));
        if (p.create == nullptr)
            return fail(at + " (" + std::string(kind_name(p.kind)) + "): no factory");
        if (find(p.kind) != nullptr)
            return fail(at + ": kind " + std::string(kind_name(p.kind)) + " is provided twice");
        json schema;
        try {
            schema = config::parse_json_with_comments(view(p.settings_schema), "settings schema");
        } catch (const config::ConfigError& e) {
            return fail(at + " (" + std::string(kind_name(p.kind)) + "): " + e.what());
        }
        if (!schema.is_object())
            return fail(at + " (" + std::string(kind_name(p.kind)) +
                        "): the settings schema is not a JSON object");
        if (auto problem = config::check_schema(schema))
            return fail(at + " (" + std::string(kind_name(p.kind)) +
                        "): invalid settings schema: " + *problem);
        kinds_.push_back({p.kind, &p, std::move(schema)});
    }
    descriptor_ = d;
}

const ProvidedKind* Module::find(redress_kind kind) const noexcept {
    for (const auto& k : kinds_)
        if (k.kind == kind) return &k;
    return nullptr;
}

void Module::shutdown() noexcept {
    if (descriptor_ != nullptr && descriptor_->shutdown != nullptr && !shut_down_)
        descriptor_->shutdown();
    shut_down_ = true;
}

json Module::status() const {
    json kinds = json::array();
    for (const auto& k : kinds_)
        kinds.push_back({{"kind", kind_name(k.kind)}, {"settings_schema", k.settings_schema}});
    json j = {{"id", id_},
              {"file", file_.string()},
              {"version", version_},
              {"description", description_},
              {"api_version", api_version_},
              {"state", ok() ? "loaded" : "failed"},
              {"kinds", kinds}};
    if (!ok()) j["reason"] = reason_;
    return j;
}

}  // namespace redress::plugins
