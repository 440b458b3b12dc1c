# Empty dependencies file for engage_base.
# This may be replaced when dependencies are built.
