# CMake generated Testfile for 
# Source directory: /work/main
# Build directory: /work/main/build/native
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
subdirs("sdk/src/base")
subdirs("sdk/src/delivery")
subdirs("sdk/src/engine")
subdirs("sdk/src/event")
subdirs("sdk/src/identity")
