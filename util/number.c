// SPDX-License-Identifier: GPL-2.0-or-later
#include <string.h>

#include "number.h"

/* Each byte's value as a digit plus one; 0 for a byte that is no digit. */
static const unsigned char digit_value[256] = {
	['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5,
	['5'] = 6, ['6'] = 7, ['7'] = 8, ['8'] = 9, ['9'] = 10,
	['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14, ['e'] = 15, ['f'] = 16,
	['A'] = 11, ['B'] = 12, ['C'] = 13, ['D'] = 14, ['E'] = 15, ['F'] = 16,
};

/* @c's value as a digit, 0 to 15; UINT_MAX for a byte that is none */
static inline unsigned int digit(unsigned char c)
{
	return digit_value[c] - 1u;
}

int hv_digit(char c, unsigned int base)
{
	unsigned int d = digit((unsigned char)c);

	return d < base ? (int)d : -1;
}

/* The digits from @*p on in @base (10 or 16) into @v; false past 64 bits. */
static bool digits(const char **p, unsigned int base, uint64_t *v)
{
	const unsigned char *q = (const unsigned char *)*p;
	unsigned int d;

	for (; (d = digit(*q)) < base; q++) {
		if (base == 16 ? *v >> 60 : *v > (UINT64_MAX - d) / 10)
			return false;
		*v = *v * base + d;
	}
	*p = (const char *)q;
	return true;
}

const char *hv_parse_u64(const char *s, uint64_t *val)
{
	unsigned int base = 10, shift = 0;
	const char *p = s;
	uint64_t v = 0;

	if (s[0] == '-' && s[1] == '1' && !s[2]) {
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
	if (!digits(&p, base, &v))
		return "larger than 64 bits";
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
