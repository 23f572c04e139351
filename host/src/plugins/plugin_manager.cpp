#include "plugins/plugin_manager.hpp"

#include <algorithm>
#include <set>

#include "log/logger.hpp"
#include "plugins/complaint_gateway.hpp"

namespace redress::plugins {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// URL prefixes the host serves itself; a front-end may not mount over them.
constexpr std::string_view kReservedPrefixes[] = {"/healthz", "/metrics", "/api", "/admin"};

bool prefix_overlaps(std::string_view a, std::string_view b) {
    auto within = [](std::string_view inner, std::string_view outer) {
        return inner.substr(0, outer.size()) == outer &&
               (inner.size() == outer.size() || inner[outer.size()] == '/');
    };
    return within(a, b) || within(b, a);
}

std::vector<fs::path> libraries_in(const fs::path& dir) {
    std::vector<fs::path> found;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec))
        if (entry.path().extension() == ".so" && entry.is_regular_file(ec))
            found.push_back(entry.path());
    std::sort(found.begin(), found.end());
    return found;
}

}  // namespace

PluginManager::PluginManager(const config::HostConfig& config) : config_(config) {}

PluginManager::~PluginManager() {
    shutdown();
}

void PluginManager::discover() {
    std::set<std::string> seen;
    for (const auto& dir : config_.plugin_paths) {
        for (const auto& file : libraries_in(dir)) {
            if (!seen.insert(file.stem().string()).second) {
                log::debug("plugins", file.string() + " is shadowed by an earlier search path");
                continue;
            }
            auto module = Module::load(file);
            if (module->ok())
                log::debug("plugins", "found " + module->id() + " " + module->version() + " in " +
                                          file.string());
            else
                log::warning("plugins", module->reason());
            modules_.push_back(std::move(module));
        }
    }

    for (std::size_t i = 0; i < config_.instances.size(); ++i) {
        const auto& ic = config_.instances[i];
        auto& instance = *instances_.emplace_back(std::make_unique<Instance>(ic));
        if (std::string why = check_identity(ic, i); !why.empty()) {
            instance.fail(why);
            continue;
        }
        auto module = module_for(ic);
        if (!module) {
            std::string paths;
            for (const auto& p : config_.plugin_paths)
                paths += (paths.empty() ? "" : ", ") + p.string();
            instance.fail("unknown plugin \"" + ic.plugin + "\": no " + ic.plugin +
                          ".so in the plugin paths (" + paths + ")");
            continue;
        }
        if (instance.configure(module) && !ic.enabled) instance.disable();
    }
}

std::string PluginManager::check_identity(const config::InstanceConfig& ic,
                                          std::size_t index) const {
    for (std::size_t j = 0; j < index; ++j) {
        const auto& other = config_.instances[j];
        if (other.name == ic.name)
            return "duplicate instance name \"" + ic.name + "\" (already used by " + other.pointer +
                   ")";
    }
    if (ic.kind != "frontend") return {};
    for (auto reserved : kReservedPrefixes)
        if (prefix_overlaps(ic.mount, reserved))
            return "mount " + ic.mount + " overlaps " + std::string(reserved) +
                   ", which the host serves";
    for (std::size_t j = 0; j < index; ++j) {
        const auto& other = config_.instances[j];
        if (other.kind == "frontend" && other.enabled && ic.enabled &&
            prefix_overlaps(ic.mount, other.mount))
            return "mount " + ic.mount + " overlaps the mount " + other.mount + " of " +
                   other.pointer;
    }
    return {};
}

std::shared_ptr<Module> PluginManager::module_for(const config::InstanceConfig& ic) {
    if (ic.library) {
        for (const auto& m : modules_)
            if (m->file() == *ic.library) return m;
        auto module = Module::load(*ic.library);
        modules_.push_back(module);
        return module;
    }
    for (const auto& m : modules_)
        if (m->file().stem() == ic.plugin) return m;
    return nullptr;
}

void PluginManager::create_instances() {
    for (auto& instance : instances_) instance->create(config_.data_directory);
}

void PluginManager::start_instances() {
    for (auto& instance : instances_) instance->start();
    if (!watchdog_.joinable()) watchdog_ = std::thread([this] { watch(); });
}

void PluginManager::watch() {
    std::unique_lock lock(watchdog_mutex_);
    while (!watchdog_wakeup_.wait_for(lock, std::chrono::milliseconds(50),
                                      [this] { return watchdog_stopping_; }))
        for (auto& instance : instances_) instance->check_timeout(std::chrono::steady_clock::now());
}

void PluginManager::shutdown() {
    if (shut_down_) return;
    shut_down_ = true;
    {
        std::lock_guard lock(watchdog_mutex_);
        watchdog_stopping_ = true;
    }
    watchdog_wakeup_.notify_all();
    if (watchdog_.joinable()) watchdog_.join();
    // Reverse order: later instances may depend on earlier ones.
    for (auto it = instances_.rbegin(); it != instances_.rend(); ++it) (*it)->stop();
    for (auto it = instances_.rbegin(); it != instances_.rend(); ++it) (*it)->destroy();
    for (auto& module : modules_) {
        bool in_use = false;  // a call stuck in one of its instances still runs its code
        for (const auto& instance : instances_)
            in_use = in_use || (instance->abandoned() && instance->module() == module);
        if (!in_use) module->shutdown();
    }
}

void PluginManager::reopen() {
    for (auto& instance : instances_) instance->reopen();
}

std::vector<config::Problem> PluginManager::problems() const {
    std::vector<config::Problem> out;
    for (const auto& instance : instances_)
        if (instance->state() == InstanceState::failed)
            out.push_back({config_.file.string(), instance->config().pointer,
                           "instance \"" + instance->name() + "\": " + instance->reason()});
    return out;
}

std::vector<const Instance*> PluginManager::failed_required() const {
    std::vector<const Instance*> out;
    for (const auto& instance : instances_) {
        auto s = instance->state();
        if (instance->config().required &&
            (s == InstanceState::failed || s == InstanceState::configured))
            out.push_back(instance.get());
    }
    return out;
}

std::string PluginManager::stuck_instances() const {
    std::string out;
    for (const auto& instance : instances_)
        if (instance->abandoned()) out += (out.empty() ? "" : ", ") + instance->name();
    return out;
}

void PluginManager::set_gateway(ComplaintGateway* gateway) {
    for (auto& instance : instances_) instance->set_gateway(gateway);
}

bool PluginManager::set_enabled(std::string_view name, bool enabled, std::string& why) {
    Instance* instance = find(name);
    if (instance == nullptr) {
        why = "no instance named " + std::string(name);
        return false;
    }
    return enabled ? instance->switch_on(config_.data_directory, why) : instance->switch_off(why);
}

Instance* PluginManager::find(std::string_view name) const {
    for (const auto& instance : instances_)
        if (instance->name() == name) return instance.get();
    return nullptr;
}

json PluginManager::status() const {
    json modules = json::array(), instances = json::array();
    for (const auto& m : modules_) modules.push_back(m->status());
    for (const auto& i : instances_) instances.push_back(i->status());
    return {{"api_version", std::to_string(REDRESS_API_VERSION_MAJOR) + "." +
                                std::to_string(REDRESS_API_VERSION_MINOR)},
            {"modules", modules},
            {"instances", instances}};
}

}  // namespace redress::plugins
