// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * hv_prefault_stack(): the stack below the caller is faulted in at once,
 * so that a callee touching it afterwards takes no fault of its own. The
 * faults are counted by getrusage(); the control touches the same amount
 * of stack never used before and must take a fault a page.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/resource.h>
#include <unistd.h>
#include <cmocka.h>

#include "src/cli.h"

#define AREA	(192 * 1024)

static long minflt(void)
{
	struct rusage ru;

	assert_int_equal(getrusage(RUSAGE_SELF, &ru), 0);
	return ru.ru_minflt;
}

/* The faults taken writing each page of @bytes of stack below the caller. */
static __attribute__((noinline)) long faults_touching(size_t bytes)
{
	volatile char area[bytes];
	long page = sysconf(_SC_PAGESIZE), before = minflt();
	size_t i;

	for (i = 0; i < bytes; i += (size_t)page)
		area[i] = 1;
	return minflt() - before + area[0] - 1;
}

/* The same, @gap bytes further down: stack no call has reached yet. */
static __attribute__((noinline)) long faults_touching_below(size_t gap, size_t bytes)
{
	volatile char skip[gap];

	skip[gap - 1] = 0;	/* the gap's top: touched before the count */
	return faults_touching(bytes) + skip[gap - 1];
}

static __attribute__((noinline)) long prefault_then_touch(size_t gap, size_t bytes, bool *populated)
{
	volatile char skip[gap];

	skip[gap - 1] = 0;
	*populated = hv_prefault_stack(bytes + 8192);
	return faults_touching(bytes) + skip[gap - 1];
}

static void test_fresh_stack_faults(void **state)
{
	long pages = AREA / sysconf(_SC_PAGESIZE);
	long n = faults_touching_below(1 << 20, AREA);

	(void)state;
	/* the control: most pages fault when nothing populated them */
	assert_true(n >= pages * 3 / 4);
}

static void test_prefaulted_stack_does_not(void **state)
{
	long pages = AREA / sysconf(_SC_PAGESIZE);
	bool populated;
	long n = prefault_then_touch(2 << 20, AREA, &populated);

	(void)state;
	if (!populated) {
		/* before Linux 5.14 */
		print_message("MADV_POPULATE_WRITE not supported here\n");
		skip();
	}
	assert_true(n <= pages / 8);
}

static void test_too_small_is_refused(void **state)
{
	(void)state;
	assert_false(hv_prefault_stack(0));
	assert_false(hv_prefault_stack(100));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fresh_stack_faults),
		cmocka_unit_test(test_prefaulted_stack_does_not),
		cmocka_unit_test(test_too_small_is_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
