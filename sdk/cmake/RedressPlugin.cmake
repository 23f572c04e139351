# redress_add_plugin(<name> SOURCES <files...> [LIBRARIES <targets...>])
#
# Builds a Redress plugin library "<name>.so" (no "lib" prefix: the host looks for
# "<module id>.so"). Only the entry symbol is exported (hidden visibility), every
# symbol must resolve at link time (-z defs), and on GCC template statics are not
# made STB_GNU_UNIQUE so the library could be unloaded cleanly.
function(redress_add_plugin name)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "" "" "SOURCES;LIBRARIES")
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "redress_add_plugin(${name}): SOURCES is required")
  endif()
  add_library(${name} MODULE ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE Redress::sdk ${ARG_LIBRARIES})
  set_target_properties(${name} PROPERTIES
    PREFIX ""
    C_VISIBILITY_PRESET hidden
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(${name} PRIVATE -fno-gnu-unique)
  endif()
  # Under clang's sanitizers the runtime lives in the executable and a plugin's
  # references to it resolve only when it is loaded.
  if(NOT REDRESS_SANITIZE)
    target_link_options(${name} PRIVATE "LINKER:-z,defs")
  endif()
endfunction()
