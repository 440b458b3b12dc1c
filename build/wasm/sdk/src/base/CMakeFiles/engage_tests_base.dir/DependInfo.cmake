
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/main/tests/core/base/ids_test.cpp" "sdk/src/base/CMakeFiles/engage_tests_base.dir/__/__/__/tests/core/base/ids_test.cpp.o" "gcc" "sdk/src/base/CMakeFiles/engage_tests_base.dir/__/__/__/tests/core/base/ids_test.cpp.o.d"
  "/work/main/tests/core/base/json_access_test.cpp" "sdk/src/base/CMakeFiles/engage_tests_base.dir/__/__/__/tests/core/base/json_access_test.cpp.o" "gcc" "sdk/src/base/CMakeFiles/engage_tests_base.dir/__/__/__/tests/core/base/json_access_test.cpp.o.d"
  "/work/main/tests/core/support/fakes.cpp" "sdk/src/base/CMakeFiles/engage_tests_base.dir/__/__/__/tests/core/support/fakes.cpp.o" "gcc" "sdk/src/base/CMakeFiles/engage_tests_base.dir/__/__/__/tests/core/support/fakes.cpp.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/main/build/wasm/sdk/src/base/CMakeFiles/engage_base.dir/DependInfo.cmake"
  "/work/main/build/wasm/googletest/googletest/CMakeFiles/gtest_main.dir/DependInfo.cmake"
  "/work/main/build/wasm/googletest/googletest/CMakeFiles/gtest.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
