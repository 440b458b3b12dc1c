file(REMOVE_RECURSE
  "../../../bin/engage_tests_base"
  "../../../bin/engage_tests_base.pdb"
  "CMakeFiles/engage_tests_base.dir/__/__/__/tests/core/base/ids_test.cpp.o"
  "CMakeFiles/engage_tests_base.dir/__/__/__/tests/core/base/ids_test.cpp.o.d"
  "CMakeFiles/engage_tests_base.dir/__/__/__/tests/core/base/json_access_test.cpp.o"
  "CMakeFiles/engage_tests_base.dir/__/__/__/tests/core/base/json_access_test.cpp.o.d"
  "CMakeFiles/engage_tests_base.dir/__/__/__/tests/core/support/fakes.cpp.o"
  "CMakeFiles/engage_tests_base.dir/__/__/__/tests/core/support/fakes.cpp.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/engage_tests_base.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
