// form_data: the fields and files of a posted form, read from
// application/x-www-form-urlencoded or multipart/form-data bodies.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace intake_webform {

struct UploadedFile {
    std::string field;
    std::string filename;
    std::string declared_type;  // what the browser said; not trusted
    std::string bytes;
};

struct FormData {
    std::map<std::string, std::string> fields;  // the last value of each name
    std::vector<UploadedFile> files;            // file inputs with a chosen file
};

// The body is not what its Content-Type says.
class FormError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// A multipart/form-data body with the boundary from its Content-Type. Throws FormError.
FormData parse_multipart(std::string_view body, std::string_view content_type);
// The value of a parameter in a header such as Content-Type ("boundary") or a cookie list.
std::string header_parameter(std::string_view header, std::string_view name, char separator = ';');

}  // namespace intake_webform
