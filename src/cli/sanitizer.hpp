#pragma once
// PILOT_ASAN is defined in AddressSanitizer builds (`make test SANITIZE=1`), by gcc or clang.
#if defined(__SANITIZE_ADDRESS__)
#define PILOT_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PILOT_ASAN 1
#endif
#endif
