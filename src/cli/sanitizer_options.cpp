// Sanitizer builds only (`make test SANITIZE=1`, docs/reliability.md): how AddressSanitizer,
// LeakSanitizer and UBSan end pilot when they find something. The CLI tests run pilot with a
// clean environment, where ASAN_OPTIONS cannot reach it, and ASan's default exit code 1 would
// pass for "findings at error severity": exit 86 instead, which no test accepts.
#include "sanitizer.hpp"

#ifdef PILOT_ASAN
extern "C" const char* __asan_default_options();
extern "C" const char* __ubsan_default_options();
extern "C" const char* __asan_default_options() { return "exitcode=86:detect_leaks=1"; }
extern "C" const char* __ubsan_default_options() { return "exitcode=86:print_stacktrace=1"; }
#endif
