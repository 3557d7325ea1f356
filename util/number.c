// SPDX-License-Identifier: GPL-2.0-or-later
#include <string.h>

#include "number.h"

int hv_digit(char c, unsigned int base)
{
	int d;

	if (c >= '0' && c <= '9')
		d = c - '0';
	else if (c >= 'a' && c <= 'f')
		d = c - 'a' + 10;
	else if (c >= 'A' && c <= 'F')
		d = c - 'A' + 10;
	else
		return -1;
	return (unsigned int)d < base ? d : -1;
}

const char *hv_parse_u64(const char *s, uint64_t *val)
{
	unsigned int base = 10, shift = 0;
	const char *p = s;
	uint64_t v = 0;
	int d;

	if (!strcmp(s, "-1")) {
		*val = UINT64_MAX;
		return NULL;
	}
	if (*s == '-')
		return "a negative number other than -1";
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	}
	if (hv_digit(*p, base) < 0)
		return base == 16 ? "no hex digits after 0x" : "not a number";
	for (; (d = hv_digit(*p, base)) >= 0; p++) {
		if (v > (UINT64_MAX - (uint64_t)d) / base)
			return "larger than 64 bits";
		v = v * base + (uint64_t)d;
	}
	switch (*p) {
	case 'k': case 'K': shift = 10; break;
	case 'm': case 'M': shift = 20; break;
	case 'g': case 'G': shift = 30; break;
	case 't': case 'T': shift = 40; break;
	case '\0': break;
	default:
		return "trailing characters after the number";
	}
	if (shift) {
		if (p[1] != '\0')
			return "trailing characters after the suffix";
		if (v > UINT64_MAX >> shift)
			return "larger than 64 bits";
		v <<= shift;
	}
	*val = v;
	return NULL;
}

unsigned int hv_fmt_hex(char *buf, uint64_t v)
{
	static const char digits[] = "0123456789abcdef";
	unsigned int n = v ? (unsigned int)(67 - __builtin_clzll(v)) / 4 : 1, i;

	buf[0] = '0';
	buf[1] = 'x';
	for (i = n; i; i--, v >>= 4)
		buf[1 + i] = digits[v & 0xf];
	return n + 2;
}
