# PILOT_FUZZ=ON: everything built in this tree (pilot_core above all) is instrumented for
# libFuzzer's coverage feedback and checked by AddressSanitizer and UndefinedBehaviorSanitizer.
# Included by the top-level CMakeLists.txt before any target is defined; fuzz/CMakeLists.txt
# then links the targets with libFuzzer's main. Needs clang and Debian's libclang-rt-14-dev
# (`make fuzz` installs both).
if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR "PILOT_FUZZ=ON needs clang (libFuzzer): configure with -DCMAKE_CXX_COMPILER=clang++, or run `make fuzz`")
endif()
add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined -gline-tables-only)
add_link_options(-fsanitize=address,undefined)
