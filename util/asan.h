/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * HV_ASAN: 1 when built with AddressSanitizer (gcc says so by
 * __SANITIZE_ADDRESS__, clang by __has_feature), else 0.
 */
#ifndef HVKDUMP_ASAN_H
#define HVKDUMP_ASAN_H

#if defined(__SANITIZE_ADDRESS__)
#define HV_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HV_ASAN 1
#endif
#endif
#ifndef HV_ASAN
#define HV_ASAN 0
#endif

#endif
