// SPDX-License-Identifier: GPL-2.0-or-later
/* The JSON writer: strings always valid UTF-8, escapes, lists, command lines. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "src/jsonwrt.h"

/* What @fill writes into an object, given @arg. */
static char *render(void (*fill)(struct jsonwrt *jw, const void *arg), const void *arg)
{
	struct jsonwrt jw;
	char *buf = NULL;
	size_t n = 0;
	FILE *out = open_memstream(&buf, &n);

	assert_non_null(out);
	jw_init(&jw, out);
	jw_open(&jw, NULL, false);
	fill(&jw, arg);
	jw_close(&jw, false);
	fclose(out);
	return buf;
}

struct bytes {
	const char *s;
	size_t len;
};

static void fill_str(struct jsonwrt *jw, const void *arg)
{
	const struct bytes *b = arg;

	jw_strn(jw, "s", b->s, b->len);
}

static void check_str(const char *in, size_t len, const char *want_value)
{
	const struct bytes b = { in, len };
	char want[256], *got = render(fill_str, &b);

	snprintf(want, sizeof(want), "{\n  \"s\": \"%s\"\n}", want_value);
	assert_string_equal(got, want);
	free(got);
}

#define CHECK(lit, want) check_str(lit, sizeof(lit) - 1, want)

static void utf8(void **state)
{
	(void)state;
	/* valid UTF-8 passes as it is: 2, 3 and 4 bytes, the edges of the planes */
	CHECK("caf\xc3\xa9", "caf\xc3\xa9");
	CHECK("\xe2\x82\xac \xef\xbf\xbd", "\xe2\x82\xac \xef\xbf\xbd");
	CHECK("\xf0\x9f\x98\x80 \xf4\x8f\xbf\xbf", "\xf0\x9f\x98\x80 \xf4\x8f\xbf\xbf");
	/* a stray byte, a lone continuation, a cut sequence: \xNN each */
	CHECK("a\xff" "b", "a\\\\xffb");
	CHECK("\x80", "\\\\x80");
	CHECK("\xc3", "\\\\xc3");
	CHECK("\xe2\x82", "\\\\xe2\\\\x82");
	/* overlong forms, surrogates, past U+10FFFF (RFC 3629): refused */
	CHECK("\xc0\xaf", "\\\\xc0\\\\xaf");
	CHECK("\xe0\x80\xaf", "\\\\xe0\\\\x80\\\\xaf");
	CHECK("\xed\xa0\x80", "\\\\xed\\\\xa0\\\\x80");
	CHECK("\xf4\x90\x80\x80", "\\\\xf4\\\\x90\\\\x80\\\\x80");
	CHECK("\xf5\x80\x80\x80", "\\\\xf5\\\\x80\\\\x80\\\\x80");
	/* a valid sequence right after a bad byte is kept */
	CHECK("\xff\xc3\xa9", "\\\\xff\xc3\xa9");
}

static void escapes(void **state)
{
	(void)state;
	CHECK("\"q\" \\ \n\t\r", "\\\"q\\\" \\\\ \\n\\t\\r");
	CHECK("\x01\x1f\x7f", "\\u0001\\u001f\\u007f");
	/* a NUL inside counted bytes is a character, not the end */
	CHECK("a\0b", "a\\u0000b");
}

static void fill_lists(struct jsonwrt *jw, const void *arg)
{
	char name[16];

	(void)arg;
	jw_list(jw, "l", "a,b", ',');
	jw_list(jw, "e", "", ',');
	jw_argv(jw, "argv", "  -p  --command-line=\"ro quiet\" 'x y'z ");
	jw_tristate(jw, jw_snake("kexec-file", name, sizeof(name)), -1);
	jw_tristate(jw, "t", 1);
}

static void lists(void **state)
{
	char *got = render(fill_lists, NULL);

	(void)state;
	assert_string_equal(got, "{\n"
			    "  \"l\": [\n    \"a\",\n    \"b\"\n  ],\n"
			    "  \"e\": [],\n"
			    "  \"argv\": [\n    \"-p\",\n    \"--command-line=ro quiet\",\n"
			    "    \"x yz\"\n  ],\n"
			    "  \"kexec_file\": null,\n"
			    "  \"t\": true\n}");
	free(got);
}

static void fill_shapes(struct jsonwrt *jw, const void *arg)
{
	char longs[300];
	int i;

	(void)arg;
	jw_u64(jw, "zero", 0);
	jw_u64(jw, "max", UINT64_MAX);
	jw_hex(jw, "hzero", 0);
	jw_hex(jw, "hmax", UINT64_MAX);
	jw_hex(jw, "h", 0xfe0000000ull);
	jw_str(jw, "a \"name\"", "x");	/* a name that needs escaping */
	memset(longs, 'y', sizeof(longs) - 1);	/* past the one-write buffer */
	longs[sizeof(longs) - 1] = '\0';
	jw_str(jw, "long", longs);
	for (i = 0; i < 80; i++)		/* deeper than the indent buffer */
		jw_open(jw, i ? NULL : "deep", true);
	jw_str(jw, NULL, "in");
	for (i = 0; i < 80; i++)
		jw_close(jw, true);
}

/* the one-write paths and the long ones give the same text */
static void shapes(void **state)
{
	char *got = render(fill_shapes, NULL), want[16384], *p = want;
	int i;

	(void)state;
	p += sprintf(p, "{\n  \"zero\": 0,\n  \"max\": 18446744073709551615,\n"
		     "  \"hzero\": \"0x0\",\n  \"hmax\": \"0xffffffffffffffff\",\n"
		     "  \"h\": \"0xfe0000000\",\n  \"a \\\"name\\\"\": \"x\",\n  \"long\": \"");
	memset(p, 'y', 299);
	p += 299;
	p += sprintf(p, "\",\n  \"deep\": [");
	for (i = 1; i < 80; i++)
		p += sprintf(p, "\n%*s[", 2 * (i + 1), "");
	p += sprintf(p, "\n%*s\"in\"", 2 * 81, "");
	for (i = 79; i >= 0; i--)
		p += sprintf(p, "\n%*s]", 2 * (i + 1), "");
	sprintf(p, "\n}");
	assert_string_equal(got, want);
	free(got);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(utf8),
		cmocka_unit_test(escapes),
		cmocka_unit_test(lists),
		cmocka_unit_test(shapes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
