# Debian packages, made with `cpack` in the build tree:
#   redress          the host, the bundled plugins, /etc/redress, the systemd unit
#   redress-sdk-dev  the plugin SDK's headers, CMake package and plugin template
# Installed under /usr; the configuration is written for the packaged layout.

set(REDRESS_DEB_DIR ${CMAKE_SOURCE_DIR}/packaging/deb)

# /etc/redress: the repository's configuration with the packaged data directory.
file(READ ${CMAKE_SOURCE_DIR}/config/redress.json _config)
string(REPLACE "\"data_directory\": \"../data\"" "\"data_directory\": \"/var/lib/redress\""
       _packaged "${_config}")
if(_packaged STREQUAL _config)
  message(FATAL_ERROR "config/redress.json: no \"data_directory\": \"../data\" to rewrite")
endif()
file(WRITE ${CMAKE_BINARY_DIR}/packaging/redress.json "${_packaged}")
install(FILES ${CMAKE_BINARY_DIR}/packaging/redress.json
        DESTINATION /etc/redress COMPONENT host)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/config/ DESTINATION /etc/redress COMPONENT host
        PATTERN redress.json EXCLUDE)
install(FILES ${REDRESS_DEB_DIR}/redress.service DESTINATION lib/systemd/system COMPONENT host)
install(FILES README.md docs/operations.md docs/security.md docs/api.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR}/../redress COMPONENT host)
install(FILES ${REDRESS_DEB_DIR}/nginx-redress.conf
        DESTINATION ${CMAKE_INSTALL_DOCDIR}/../redress/examples COMPONENT host)
install(FILES docs/plugin-sdk.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR}/../redress-sdk-dev COMPONENT sdk)

# Every file under /etc is a conffile: an admin's edits survive upgrades.
file(GLOB_RECURSE _config_files RELATIVE ${CMAKE_SOURCE_DIR}/config ${CMAKE_SOURCE_DIR}/config/*)
set(_conffiles "")
foreach(f IN LISTS _config_files)
  string(APPEND _conffiles "/etc/redress/${f}\n")
endforeach()
file(WRITE ${CMAKE_BINARY_DIR}/packaging/conffiles "${_conffiles}")
foreach(script postinst prerm postrm)
  configure_file(${REDRESS_DEB_DIR}/${script} ${CMAKE_BINARY_DIR}/packaging/${script} COPYONLY)
endforeach()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME redress)
set(CPACK_PACKAGE_VENDOR "Redress")
set(CPACK_PACKAGE_CONTACT "Redress maintainers <maintainers@redress.invalid>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEB_COMPONENT_INSTALL ON)
# Debug information stays in the build tree: the packages carry stripped binaries.
set(CPACK_STRIP_FILES ON)
set(CPACK_COMPONENTS_ALL host sdk)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://redress.invalid/")

set(CPACK_DEBIAN_HOST_PACKAGE_NAME redress)
set(CPACK_COMPONENT_HOST_DESCRIPTION
    "complaint-handling CRM: host and bundled plugins\n The Redress host owns the complaint lifecycle, storage (SQLite or\n PostgreSQL), the SLA clock and the HTTP API; the bundled plugins add\n e-mail, web-form and CSV intake, classifiers, escalation, notifiers,\n reports, the staff console and the satisfaction survey.")
# The runtime libraries the host and plugins link, found by dpkg-shlibdeps.
set(CPACK_DEBIAN_HOST_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_HOST_PACKAGE_DEPENDS "adduser, tzdata")
set(CPACK_DEBIAN_HOST_PACKAGE_SUGGESTS "postgresql, nginx")
set(CPACK_DEBIAN_HOST_PACKAGE_CONTROL_EXTRA
    ${CMAKE_BINARY_DIR}/packaging/conffiles ${CMAKE_BINARY_DIR}/packaging/postinst
    ${CMAKE_BINARY_DIR}/packaging/prerm ${CMAKE_BINARY_DIR}/packaging/postrm)
set(CPACK_DEBIAN_HOST_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_DEBIAN_SDK_PACKAGE_NAME redress-sdk-dev)
set(CPACK_DEBIAN_SDK_PACKAGE_ARCHITECTURE all)
set(CPACK_DEBIAN_SDK_PACKAGE_SECTION libdevel)
set(CPACK_COMPONENT_SDK_DESCRIPTION
    "Redress plugin SDK: headers, CMake package and plugin template\n For building Redress plugins out of tree: find_package(RedressSDK)\n gives Redress::sdk and redress_add_plugin(); `redress new-plugin`\n (in the redress package) writes a project to start from.")
# What the plugin template builds with: CMake, a compiler, nlohmann/json, Catch2.
set(CPACK_DEBIAN_SDK_PACKAGE_DEPENDS "cmake (>= 3.25), g++ | clang, nlohmann-json3-dev (>= 3.11), catch2")

include(CPack)
