# Shared build rules. A concept under sdk/src/<name>/ declares itself with
#   engage_concept(<name> DEPS <other concepts...>)
# which builds the static library engage_<name> from the folder's .cpp files and, when
# tests/core/<name>/ holds *_test.cpp files, the GoogleTest binary engage_tests_<name>, registered
# with ctest (natively, and under emcmake as wasm run by node).

# nlohmann/json: natively from /usr/include; under Emscripten through a directory that holds only
# nlohmann/ (the Emscripten sysroot must never see /usr/include itself).
if(EMSCRIPTEN)
  # The repo's package.json says "type": "module"; the Emscripten test runners are CommonJS.
  file(WRITE ${CMAKE_BINARY_DIR}/package.json "{\"type\":\"commonjs\"}\n")
  set(ENGAGE_NLOHMANN_DIR ${CMAKE_BINARY_DIR}/nlohmann-include)
  if(NOT EXISTS ${ENGAGE_NLOHMANN_DIR}/nlohmann)
    file(MAKE_DIRECTORY ${ENGAGE_NLOHMANN_DIR})
    file(CREATE_LINK /usr/include/nlohmann ${ENGAGE_NLOHMANN_DIR}/nlohmann SYMBOLIC)
  endif()
  add_library(engage_json INTERFACE)
  target_include_directories(engage_json SYSTEM INTERFACE ${ENGAGE_NLOHMANN_DIR})
else()
  find_package(nlohmann_json 3 REQUIRED)
  add_library(engage_json INTERFACE)
  target_link_libraries(engage_json INTERFACE nlohmann_json::nlohmann_json)
endif()

# Common compile options for everything of ours.
add_library(engage_options INTERFACE)
target_compile_options(engage_options INTERFACE -Wall -Wextra -Wno-unused-parameter)
target_include_directories(engage_options INTERFACE ${PROJECT_SOURCE_DIR}/sdk/include ${PROJECT_SOURCE_DIR}/sdk/src)
if(EMSCRIPTEN)
  # The core never throws across its boundary and never relies on catching (see docs/ARCHITECTURE.md).
  target_compile_options(engage_options INTERFACE -Oz -flto -fno-exceptions)
  target_link_options(engage_options INTERFACE -flto)
  target_compile_definitions(engage_options INTERFACE JSON_NOEXCEPTION)
endif()
if(ENGAGE_SANITIZE AND NOT EMSCRIPTEN)
  target_compile_options(engage_options INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(engage_options INTERFACE -fsanitize=address,undefined)
endif()

# GoogleTest: the prebuilt Debian library natively; built once from /usr/src/googletest for wasm.
if(ENGAGE_TESTS)
  if(EMSCRIPTEN)
    set(gtest_disable_pthreads ON CACHE BOOL "" FORCE)
    set(INSTALL_GTEST OFF CACHE BOOL "" FORCE)
    set(BUILD_GMOCK OFF CACHE BOOL "" FORCE)
    add_subdirectory(/usr/src/googletest ${CMAKE_BINARY_DIR}/googletest EXCLUDE_FROM_ALL)
    add_library(engage_gtest INTERFACE)
    target_link_libraries(engage_gtest INTERFACE gtest gtest_main)
    set(CMAKE_CROSSCOMPILING_EMULATOR "node;--no-experimental-fetch;--stack-size=4000" CACHE STRING "" FORCE)
  else()
    find_package(GTest REQUIRED)
    add_library(engage_gtest INTERFACE)
    target_link_libraries(engage_gtest INTERFACE GTest::gtest GTest::gtest_main)
  endif()
endif()

# The directory that holds the shared JSON vectors the suites read (tests/spec).
set(ENGAGE_SPEC_DIR ${PROJECT_SOURCE_DIR}/tests/spec)
set(ENGAGE_FIXTURE_DIR ${PROJECT_SOURCE_DIR}/tests/fixtures)

function(engage_concept name)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  file(GLOB srcs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  add_library(engage_${name} STATIC ${srcs})
  target_link_libraries(engage_${name} PUBLIC engage_options engage_json)
  foreach(dep IN LISTS ARG_DEPS)
    target_link_libraries(engage_${name} PUBLIC engage_${dep})
  endforeach()
  engage_concept_tests(${name})
endfunction()

function(engage_concept_tests name)
  if(NOT ENGAGE_TESTS)
    return()
  endif()
  set(test_dir ${PROJECT_SOURCE_DIR}/tests/core/${name})
  file(GLOB tests CONFIGURE_DEPENDS ${test_dir}/*_test.cpp)
  if(NOT tests)
    return()
  endif()
  file(GLOB helpers CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/core/support/*.cpp)
  add_executable(engage_tests_${name} ${tests} ${helpers})
  target_include_directories(engage_tests_${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests/core)
  target_link_libraries(engage_tests_${name} PRIVATE engage_${name} engage_gtest)
  if(EMSCRIPTEN)
    # Test vectors are read from the real file system through node (NODERAWFS).
    target_link_options(engage_tests_${name} PRIVATE -sENVIRONMENT=node -sNODERAWFS=1
                        -sALLOW_MEMORY_GROWTH=1 -sTOTAL_STACK=1048576 -sEXIT_RUNTIME=1)
  endif()
  target_compile_definitions(engage_tests_${name} PRIVATE ENGAGE_SPEC_DIR="${ENGAGE_SPEC_DIR}"
                             ENGAGE_FIXTURE_DIR="${ENGAGE_FIXTURE_DIR}")
  add_test(NAME core.${name} COMMAND engage_tests_${name})
endfunction()

# A native tool: sdk/tools/<name>/ with a CMakeLists.txt calling engage_tool(<name> DEPS ...).
function(engage_tool name)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  file(GLOB srcs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  add_executable(${name} ${srcs})
  target_link_libraries(${name} PRIVATE engage_options engage_json)
  foreach(dep IN LISTS ARG_DEPS)
    target_link_libraries(${name} PRIVATE engage_${dep})
  endforeach()
endfunction()
