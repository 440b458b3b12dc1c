file(REMOVE_RECURSE
  "CMakeFiles/engage_base.dir/ids.cpp.o"
  "CMakeFiles/engage_base.dir/ids.cpp.o.d"
  "CMakeFiles/engage_base.dir/json_access.cpp.o"
  "CMakeFiles/engage_base.dir/json_access.cpp.o.d"
  "libengage_base.a"
  "libengage_base.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/engage_base.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
