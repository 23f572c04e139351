# Writes a C++ source holding files' bytes, so a binary carries them with nothing
# to find on disk. Run at build time:
#   cmake -DSOURCE_DIR=<dir> -DOUTPUT=<file.cpp> -DFILES="a;b/c" -DHEADER=<x.hpp>
#         -DNAMESPACE=<ns> -DTYPE=<struct {path, bytes}> -DFUNCTION=<name> -P embed_files.cmake
# HEADER declares `struct TYPE { std::string_view path, bytes; };` and
# `const std::vector<TYPE>& FUNCTION();` in NAMESPACE.
set(body "// Generated from ${SOURCE_DIR} by embed_files.cmake.\n")
string(APPEND body "#include \"${HEADER}\"\n\nnamespace ${NAMESPACE} {\nnamespace {\n")
set(table "")
set(index 0)
foreach(file IN LISTS FILES)
  file(READ "${SOURCE_DIR}/${file}" hex HEX)
  string(LENGTH "${hex}" length)
  math(EXPR size "${length} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  string(APPEND body "const unsigned char file${index}[] = {${bytes}0x00};\n")
  string(APPEND table "        {\"${file}\", std::string_view(reinterpret_cast<const char*>(file${index}), ${size})},\n")
  math(EXPR index "${index} + 1")
endforeach()
string(APPEND body "}  // namespace\n\nconst std::vector<${TYPE}>& ${FUNCTION}() {\n")
string(APPEND body "    static const std::vector<${TYPE}> list = {\n${table}    };\n    return list;\n}\n\n}  // namespace ${NAMESPACE}\n")
file(WRITE "${OUTPUT}.tmp" "${body}")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
