# Finds Google's CCTZ (Debian's libcctz-dev ships no CMake config) and defines CCTZ::cctz.
find_path(CCTZ_INCLUDE_DIR cctz/time_zone.h)
find_library(CCTZ_LIBRARY cctz)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(CCTZ REQUIRED_VARS CCTZ_INCLUDE_DIR CCTZ_LIBRARY)
if(CCTZ_FOUND AND NOT TARGET CCTZ::cctz)
  add_library(CCTZ::cctz UNKNOWN IMPORTED)
  set_target_properties(CCTZ::cctz PROPERTIES IMPORTED_LOCATION ${CCTZ_LIBRARY}
    INTERFACE_INCLUDE_DIRECTORIES ${CCTZ_INCLUDE_DIR})
endif()
