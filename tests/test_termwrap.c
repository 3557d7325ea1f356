// SPDX-License-Identifier: GPL-2.0-or-later
/* Lines broken for a terminal: at spaces, with the hanging indent of their kind. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "src/termwrap.h"

#define S_(text) text, sizeof(text) - 1

static char *wrap(const char *s, unsigned int width)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	assert_non_null(out);
	hv_wrap_line(out, s, strlen(s), width);
	fclose(out);
	return buf;
}

static void check_wrap(const char *in, unsigned int width, const char *want)
{
	char *got = wrap(in, width);

	assert_string_equal(got, want);
	free(got);
}

/* The wrapper's loop: lines between the verbatim markers pass unbroken. */
static void stream(void **state)
{
	static const char in[] = "one two three four five\n\016\n+KDUMP_KEXEC_ARGS=\"-s -d\" x y\n"
				 "\017\nsix seven eight nine ten\n";
	char *buf = NULL;
	size_t len = 0;
	FILE *src = fmemopen((void *)in, sizeof(in) - 1, "r"), *out = open_memstream(&buf, &len);

	(void)state;
	assert_non_null(src);
	assert_non_null(out);
	hv_wrap_stream(src, out, 20);
	fclose(src);
	fclose(out);
	assert_string_equal(buf, "one two three four\n  five\n"
			    "+KDUMP_KEXEC_ARGS=\"-s -d\" x y\n"
			    "six seven eight nine\n  ten\n");
	free(buf);
}

static void hangs(void **state)
{
	(void)state;
	/* a list item: under its text; a numbered one too */
	assert_int_equal(hv_wrap_hang(S_("  - the kdump kernel"), 80), 4);
	assert_int_equal(hv_wrap_hang(S_("  12. [config] use"), 80), 6);
	/* a table row: its second column */
	assert_int_equal(hv_wrap_hang(S_("kexec-tools          2.0.22 (package)"), 80), 21);
	/* prose: two spaces in */
	assert_int_equal(hv_wrap_hang(S_("kdump load: kexec_load, kexec -c"), 80), 2);
	assert_int_equal(hv_wrap_hang(S_("    deeper text"), 80), 4);
}

static void lines(void **state)
{
	(void)state;
	/* short lines and no terminal: as they are */
	check_wrap("as it is", 80, "as it is\n");
	check_wrap("a b c d e f g h i j", 0, "a b c d e f g h i j\n");
	/* at spaces, continuation under the item's text, no trailing spaces */
	check_wrap("  - one two three four five six seven eight", 30,
		   "  - one two three four five\n    six seven eight\n");
	check_wrap("kdump load: one two three four five six", 30,
		   "kdump load: one two three four\n  five six\n");
	/* a table row: the column gap breaks it, the rest under the value */
	check_wrap("name      value words here     /the/source", 30,
		   "name      value words here\n          /the/source\n");
	/* a long word breaks after its last ',' or '/', else where it must */
	check_wrap("x aaaaaaaaaa,bbbbbbbbbb,cccccccccc,dddddddddd", 24,
		   "x\n  aaaaaaaaaa,bbbbbbbbbb,\n  cccccccccc,dddddddddd\n");
	check_wrap("abcdefghijklmnopqrstuvwxyz0123456789", 24,
		   "abcdefghijklmnopqrstuvwx\n  yz0123456789\n");
	/* too narrow for a deep indent: two spaces */
	check_wrap("  - one two three four", 14, "  - one two\n  three four\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hangs),
		cmocka_unit_test(lines),
		cmocka_unit_test(stream),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
