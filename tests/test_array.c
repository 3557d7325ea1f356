// SPDX-License-Identifier: GPL-2.0-or-later
/* hv_grow(): room doubles when full, and a failed growth changes nothing. */
#include "testutil.h"
#include "util/array.h"

static void doubles_when_full(void **state)
{
	size_t cap = 0, n, grown = 0;
	int *a = NULL, *na;

	(void)state;
	for (n = 0; n < 100; n++) {
		size_t before = cap;

		na = hv_grow(a, &cap, n, sizeof(*a), 4);
		assert_non_null(na);
		a = na;
		if (cap != before) {
			assert_int_equal(n, before);		/* only when full */
			assert_int_equal(cap, before ? before * 2 : 4);
			grown++;
		}
		a[n] = (int)n;
	}
	assert_int_equal(cap, 128);			/* 4, 8, ..., 128 */
	assert_int_equal(grown, 6);
	for (n = 0; n < 100; n++)
		assert_int_equal(a[n], (int)n);
	free(a);
}

static void overflow_changes_nothing(void **state)
{
	size_t cap = SIZE_MAX / 16 + 1;
	char *a = malloc(1);

	(void)state;
	assert_non_null(a);
	/* cap * 2 * 8 bytes would not fit in a size_t */
	assert_null(hv_grow(a, &cap, cap, 8, 16));
	assert_int_equal(cap, SIZE_MAX / 16 + 1);
	/* doubling itself would wrap */
	cap = SIZE_MAX / 2 + 1;
	assert_null(hv_grow(a, &cap, cap, 1, 16));
	assert_int_equal(cap, SIZE_MAX / 2 + 1);
	/* with room left, the array comes back as it was */
	assert_ptr_equal(hv_grow(a, &cap, 0, 1, 16), a);
	free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(doubles_when_full),
		cmocka_unit_test(overflow_changes_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
