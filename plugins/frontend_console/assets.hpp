// The console's files (HTML, CSS, JavaScript), compiled into the plugin.
#pragma once

#include <string_view>
#include <vector>

namespace frontend_console {

struct Asset {
    std::string_view path;  // "index.html", "js/queue.js"
    std::string_view bytes;
};

const std::vector<Asset>& assets();

}  // namespace frontend_console
