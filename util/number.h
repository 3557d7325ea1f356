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

/*
 * @v as "0x" and lower-case hex digits, no leading zeros, into @buf (19
 * bytes at least), not terminated; returns the length. printf's %#x would
 * do, at several times the cost where a million lines are written.
 */
unsigned int hv_fmt_hex(char *buf, uint64_t v);
/* The value of digit @c in @base (up to 16, either case), or -1. */
int hv_digit(char c, unsigned int base);

#endif
