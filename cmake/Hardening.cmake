# Hardening as Debian builds its packages (dpkg-buildflags with hardening=+all; what lintian
# and hardening-check look for): _FORTIFY_SOURCE=2 (checked string and memory functions; it
# needs optimisation, so not in Debug builds), -fstack-protector-strong, full RELRO (-z relro
# -z now), a position independent executable, and where the compiler has them stack clash
# protection and control-flow protection (x86; as Debian 12's own crt1.o and crti.o lack the
# IBT/SHSTK property, the linked program does not get it either, so hardening-check's "control
# flow integrity" cannot pass on Debian 12 for any program). On for every build, so that what
# the tests run is what gets installed and packaged; off under the sanitizers and the fuzzers,
# which instrument memory their own way.
option(PILOT_HARDENING "Compile and link with Debian's hardening flags (fortify, stack protector, relro/now, PIE)" ON)
if(PILOT_HARDENING AND NOT PILOT_SANITIZE AND NOT PILOT_FUZZ)
  include(CheckPIESupported)
  include(CheckCXXCompilerFlag)
  check_pie_supported(LANGUAGES CXX)
  set(CMAKE_POSITION_INDEPENDENT_CODE ON)
  add_compile_options(-fstack-protector-strong $<$<NOT:$<CONFIG:Debug>>:-D_FORTIFY_SOURCE=2>)
  check_cxx_compiler_flag(-fstack-clash-protection PILOT_HAVE_STACK_CLASH_PROTECTION)
  if(PILOT_HAVE_STACK_CLASH_PROTECTION)
    add_compile_options(-fstack-clash-protection)
  endif()
  check_cxx_compiler_flag(-fcf-protection PILOT_HAVE_CF_PROTECTION)
  if(PILOT_HAVE_CF_PROTECTION)
    add_compile_options(-fcf-protection)
  endif()
  add_link_options(LINKER:-z,relro LINKER:-z,now)
endif()
