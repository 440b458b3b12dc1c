# CMake generated Testfile for 
# Source directory: /work/main/sdk/src/base
# Build directory: /work/main/build/native/sdk/src/base
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
add_test([=[core.base]=] "/work/main/build/native/bin/engage_tests_base")
set_tests_properties([=[core.base]=] PROPERTIES  _BACKTRACE_TRIPLES "/work/main/cmake/Engage.cmake;89;add_test;/work/main/cmake/Engage.cmake;66;engage_concept_tests;/work/main/sdk/src/base/CMakeLists.txt;1;engage_concept;/work/main/sdk/src/base/CMakeLists.txt;0;")
