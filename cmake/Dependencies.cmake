# Every external library comes from Debian; each is wrapped in an imported target
# so that the folder libraries can link it by name.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)

# Xapian: Debian's CMake config sets variables only, so wrap it in a target.
find_package(xapian 1.4 REQUIRED CONFIG)
if(NOT TARGET Xapian::xapian)
  add_library(Xapian::xapian INTERFACE IMPORTED)
  set_target_properties(Xapian::xapian PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${XAPIAN_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES "${XAPIAN_LIBRARIES}")
endif()

find_package(ICU 72 REQUIRED COMPONENTS uc i18n)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(LibXml2 REQUIRED)
pkg_check_modules(POPPLER_CPP REQUIRED IMPORTED_TARGET poppler-cpp)
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)
# cpp-httplib: Debian ships it compiled; its .pc carries the feature macros
# (OpenSSL, zlib, brotli) the library was built with, which must match.
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib>=0.11)
# jemalloc replaces malloc in the indexer (not in the libraries or tests):
# Xapian's inverter and the analyzers allocate a node or a string per term
# occurrence, and with glibc's allocator a tenth of the indexer's samples were
# malloc/free. searchd keeps glibc's: at 1M items jemalloc gained it nothing
# over HTTP and held 37 MB more. Both measured in docs/benchmarks.md.
pkg_check_modules(JEMALLOC REQUIRED IMPORTED_TARGET jemalloc)

if(COUNCILSEARCH_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
