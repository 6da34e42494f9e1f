# `cpack -G DEB` from the build folder makes a Debian package of the studio, the CLI and the
# installed models (run packaging/setup.sh before building so models/ is filled).
set(CPACK_PACKAGE_NAME "likeness")
set(CPACK_PACKAGE_VENDOR "Likeness")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Personalized face rigs and motion retargeting from video")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_CONTACT "Likeness maintainers")
set(CPACK_GENERATOR "DEB")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION "graphics")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
include(CPack)
