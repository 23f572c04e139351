// The SDK's plugin template (sdk/template), compiled into the host for
// `redress new-plugin`.
#pragma once

#include <string_view>
#include <vector>

namespace redress::cli {

struct TemplateFile {
    std::string_view path;  // "CMakeLists.txt.in", "kinds/notifier.cpp.in"
    std::string_view bytes;
};

const std::vector<TemplateFile>& template_files();

}  // namespace redress::cli
