# Empty compiler generated dependencies file for engage_tests_base.
# This may be replaced when dependencies are built.
