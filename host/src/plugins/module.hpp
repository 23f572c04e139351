#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <redress/redress.h>
#include <nlohmann/json.hpp>

namespace redress::plugins {

// What a loaded module provides for one kind.
struct ProvidedKind {
    redress_kind kind;
    const redress_kind_provider* provider;  // in the library's static storage
    nlohmann::json settings_schema;
};

// One plugin library and the module it describes. Loading never throws: a module
// that cannot be used records why in reason(), naming the file and the cause.
// Libraries stay mapped until the process exits, whatever happens to this object.
class Module {
  public:
    static std::shared_ptr<Module> load(const std::filesystem::path& file);

    bool ok() const noexcept { return reason_.empty(); }
    const std::string& reason() const noexcept { return reason_; }
    const std::filesystem::path& file() const noexcept { return file_; }
    // The descriptor's id, or the file's stem when the descriptor could not be read.
    const std::string& id() const noexcept { return id_; }
    const std::string& version() const noexcept { return version_; }
    const std::string& description() const noexcept { return description_; }
    // "1.0": the API version the module was built for ("" if unknown).
    const std::string& api_version() const noexcept { return api_version_; }
    const std::vector<ProvidedKind>& kinds() const noexcept { return kinds_; }
    const ProvidedKind* find(redress_kind kind) const noexcept;

    // Calls the module's shutdown hook once (after all its instances are destroyed).
    void shutdown() noexcept;

    nlohmann::json status() const;

  private:
    explicit Module(std::filesystem::path file);
    void fail(std::string cause);
    void read_descriptor(const redress_module* m);

    std::filesystem::path file_;
    std::string id_, version_, description_, api_version_, reason_;
    std::vector<ProvidedKind> kinds_;
    const redress_module* descriptor_ = nullptr;
    bool shut_down_ = false;
};

}  // namespace redress::plugins
