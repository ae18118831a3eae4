# Installing and packaging folio (issue 21; docs/install.md).
#
# Nothing of the build's own paths is compiled into the program: it finds its data folder at run
# time (src/app/data_dir.hpp): $FOLIO_DATA_DIR, else bin/../share/folio beside it once installed,
# else build/share/folio, which this file makes in the build tree as links to the repository.
#
#   cmake --install build --prefix /usr/local   bin/folio, share/folio/{styles,schemas,examples},
#                                               share/doc/folio, man pages, bash and zsh completions
#   cpack --config build/CPackConfig.cmake       a .deb, its library dependencies computed by
#                                               dpkg-shlibdeps, the fonts and hyphenation named
include(GNUInstallDirs)

set(FOLIO_DATA_INSTALL_DIR ${CMAKE_INSTALL_DATADIR}/folio)

# The build tree's data folder: links, so edits to styles/ and source/ are seen at once.
set(FOLIO_BUILD_DATA ${CMAKE_BINARY_DIR}/share/folio)
file(REMOVE_RECURSE ${FOLIO_BUILD_DATA})
file(MAKE_DIRECTORY ${FOLIO_BUILD_DATA})
file(CREATE_LINK ${CMAKE_SOURCE_DIR}/styles ${FOLIO_BUILD_DATA}/styles SYMBOLIC)
file(CREATE_LINK ${CMAKE_SOURCE_DIR}/source/schema ${FOLIO_BUILD_DATA}/schemas SYMBOLIC)
file(CREATE_LINK ${CMAKE_SOURCE_DIR}/source ${FOLIO_BUILD_DATA}/examples SYMBOLIC)
file(CREATE_LINK ${CMAKE_SOURCE_DIR}/templates ${FOLIO_BUILD_DATA}/templates SYMBOLIC)  # folio init
file(WRITE ${FOLIO_BUILD_DATA}/folio-data "folio ${PROJECT_VERSION} data folder (the build tree)\n")
file(WRITE ${CMAKE_BINARY_DIR}/folio-data.installed "folio ${PROJECT_VERSION} data folder\n")

# The program, and its include root for its own headers (src/app as "app/...").
file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/include-private/app)
file(CREATE_LINK ${CMAKE_SOURCE_DIR}/src/app ${CMAKE_BINARY_DIR}/include-private/app/app SYMBOLIC)
target_include_directories(folio PRIVATE ${CMAKE_BINARY_DIR}/include-private/app)
install(TARGETS folio RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

# The data folder.
install(DIRECTORY styles/ DESTINATION ${FOLIO_DATA_INSTALL_DIR}/styles)
install(DIRECTORY source/schema/ DESTINATION ${FOLIO_DATA_INSTALL_DIR}/schemas)
install(FILES source/iom-budapest.xml source/feature-sampler.xml DESTINATION ${FOLIO_DATA_INSTALL_DIR}/examples)
install(DIRECTORY source/images DESTINATION ${FOLIO_DATA_INSTALL_DIR}/examples)
install(DIRECTORY templates/ DESTINATION ${FOLIO_DATA_INSTALL_DIR}/templates)  # folio init's starter
install(FILES ${CMAKE_BINARY_DIR}/folio-data.installed DESTINATION ${FOLIO_DATA_INSTALL_DIR}
        RENAME folio-data)

# Documentation, man pages and shell completions.
file(GLOB FOLIO_DOC_PAGES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/docs/*.md)
install(FILES README.md ${FOLIO_DOC_PAGES} DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY docs/images docs/ci DESTINATION ${CMAKE_INSTALL_DOCDIR} OPTIONAL)
# The man pages and completions are generated from the program's own --help (cmake/folio-docs.sh)
# each time it is built, so they never disagree with it.
set(FOLIO_GENERATED ${CMAKE_BINARY_DIR}/generated)
file(MAKE_DIRECTORY ${FOLIO_GENERATED}/man)
if(NOT FOLIO_FUZZ)
  add_custom_command(OUTPUT ${FOLIO_GENERATED}/man/folio.1.gz ${FOLIO_GENERATED}/folio.bash ${FOLIO_GENERATED}/_folio
                     COMMAND ${CMAKE_COMMAND} -E env ASAN_OPTIONS=detect_leaks=0
                             bash ${CMAKE_SOURCE_DIR}/cmake/folio-docs.sh $<TARGET_FILE:folio> ${FOLIO_GENERATED}
                             ${PROJECT_VERSION}
                     DEPENDS folio ${CMAKE_SOURCE_DIR}/cmake/folio-docs.sh
                     COMMENT "Man pages and completions from folio --help")
  add_custom_target(folio_docs ALL DEPENDS ${FOLIO_GENERATED}/man/folio.1.gz)
endif()
install(DIRECTORY ${FOLIO_GENERATED}/man/ DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${FOLIO_GENERATED}/folio.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME folio OPTIONAL)
install(FILES ${FOLIO_GENERATED}/_folio DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions OPTIONAL)

# The Debian package.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME folio)
set(CPACK_PACKAGE_VENDOR folio)
set(CPACK_PACKAGE_CONTACT "folio maintainers <folio@invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "XML content + style sheet to print-ready PDF and accessible HTML")
set(CPACK_PACKAGE_DESCRIPTION
    "folio lays out an XML content source with a style sheet into a paginated, print-ready PDF\n(bleed, marks, CMYK, PDF/A-2b) and an accessible HTML version, with its own layout engine.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION text)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# What dpkg-shlibdeps cannot see: the fonts of the shipped style sheets, found through fontconfig;
# the hyphenation patterns, read by libhyphen; the sRGB profile of --pdfa.
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "fontconfig, fonts-lato, fonts-crosextra-caladea, hyphen-en-us, hyphen-hu, icc-profiles-free")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "hyphen-de, hyphen-fr, poppler-utils")
include(CPack)
