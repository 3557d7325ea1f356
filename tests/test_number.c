// SPDX-License-Identifier: GPL-2.0-or-later
/* The number syntax of scripts and scenarios. */
#include <inttypes.h>
#include <stdio.h>
#include "testutil.h"
#include "util/number.h"

static void good_numbers(void **state)
{
	static const struct { const char *s; uint64_t v; } good[] = {
		{ "0", 0 }, { "4096", 4096 }, { "0x1000", 0x1000 }, { "0XfF", 0xff },
		{ "4K", 4096 }, { "8M", 8 << 20 }, { "3g", 3ULL << 30 }, { "1T", 1ULL << 40 },
		{ "0x10K", 0x4000 }, { "-1", UINT64_MAX },
		{ "18446744073709551615", UINT64_MAX }, { "0xffffffffffffffff", UINT64_MAX },
		{ "16777215T", 16777215ULL << 40 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		uint64_t v = 42;

		assert_null(hv_parse_u64(good[i].s, &v));
		assert_int_equal(v, good[i].v);
	}
}

static void bad_numbers(void **state)
{
	static const struct { const char *s; const char *why; } bad[] = {
		{ "", "not a number" },
		{ "x", "not a number" },
		{ "0x", "no hex digits after 0x" },
		{ "-2", "a negative number other than -1" },
		{ "12q", "trailing characters after the number" },
		{ "4KB", "trailing characters after the suffix" },
		{ "18446744073709551616", "larger than 64 bits" },
		{ "0x10000000000000000", "larger than 64 bits" },
		{ "16777216T", "larger than 64 bits" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		uint64_t v = 42;

		assert_string_equal(hv_parse_u64(bad[i].s, &v), bad[i].why);
		assert_int_equal(v, 42);
	}
}

static void hex_digits_are_not_suffixes(void **state)
{
	uint64_t v;

	(void)state;
	/* b, e and f are hex digits; g is a suffix even after hex */
	assert_null(hv_parse_u64("0x1b", &v));
	assert_int_equal(v, 0x1b);
	assert_null(hv_parse_u64("0x1g", &v));
	assert_int_equal(v, 1ULL << 30);
	assert_string_equal(hv_parse_u64("1b", &v), "trailing characters after the number");
}

/* hv_fmt_hex() against printf's %#x (lower case, no leading zeros), 0 as "0x0" */
static void hex_as_printf_writes_it(void **state)
{
	static const uint64_t vals[] = {
		0, 1, 0xf, 0x10, 0x40000000, 0x40000fff, 0xffffffff, 0x100000000,
		0xfe0000000, (uint64_t)1 << 63, UINT64_MAX,
	};
	char got[24], want[24];
	unsigned int n;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
		n = hv_fmt_hex(got, vals[i]);
		got[n] = '\0';
		snprintf(want, sizeof(want), "0x%" PRIx64, vals[i]);
		assert_string_equal(got, want);
	}
	for (i = 0; i < 64; i++) {
		n = hv_fmt_hex(got, (uint64_t)1 << i);
		got[n] = '\0';
		snprintf(want, sizeof(want), "0x%" PRIx64, (uint64_t)1 << i);
		assert_string_equal(got, want);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(good_numbers),
		cmocka_unit_test(bad_numbers),
		cmocka_unit_test(hex_digits_are_not_suffixes),
		cmocka_unit_test(hex_as_printf_writes_it),
	};

	return cmocka_run_group_tests_name("number", tests, NULL, NULL);
}
