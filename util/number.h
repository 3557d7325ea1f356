/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Numbers as scripts and scenarios write them. */
#ifndef HVKDUMP_NUMBER_H
#define HVKDUMP_NUMBER_H

#include <stdbool.h>
#include <stdint.h>

/*
 * "0x" hex or decimal, an optional binary suffix K, M, G or T (either
 * case), or "-1" for 0xffffffffffffffff. The whole string must be the
 * number. Returns NULL, or what is wrong with it.
 */
const char *hv_parse_u64(const char *s, uint64_t *val);

/* The value of digit @c in @base (up to 16, either case), or -1. */
int hv_digit(char c, unsigned int base);

#endif
