// SPDX-License-Identifier: GPL-2.0-or-later
/* hv_strcopy(): the bytes snprintf(dst, len, "%s", src) writes, for every length. */
#include <stdio.h>

#include "testutil.h"
#include "util/strcopy.h"

static void as_snprintf(void **state)
{
	static const char *const srcs[] = { "", "a", "hyperv_fb", "caf\xc3\xa9 0x40000000" };
	char want[32], got[32];
	size_t i, len;

	(void)state;
	for (i = 0; i < sizeof(srcs) / sizeof(srcs[0]); i++) {
		for (len = 0; len <= sizeof(got); len++) {
			memset(want, 'x', sizeof(want));
			memset(got, 'x', sizeof(got));
			snprintf(want, len, "%s", srcs[i]);
			hv_strcopy(got, len, srcs[i]);
			/* the same bytes, and none past the terminator touched */
			assert_memory_equal(got, want, sizeof(got));
		}
	}
}

static void null_as_glibc(void **state)
{
	char got[16];

	(void)state;
	hv_strcopy(got, sizeof(got), NULL);
	assert_string_equal(got, "(null)");
	hv_strcopy(got, 4, NULL);
	assert_string_equal(got, "(nu");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(as_snprintf),
		cmocka_unit_test(null_as_glibc),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
