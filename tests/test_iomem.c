// SPDX-License-Identifier: GPL-2.0-or-later
/* /proc/iomem: r_show()'s format, and parsing it back. */
#include "testutil.h"

static enum iomem_status parse(const char *text, struct resource **root,
			       struct hv_err *err)
{
	return iomem_parse(text, strlen(text), root, err);
}

static void roundtrip(const char *text)
{
	struct hv_err err = { 0, "" };
	struct resource *root;

	if (parse(text, &root, &err) != IOMEM_OK)
		fail_msg("line %lu: %s", err.line, err.msg);
	assert_tree(root, text);
	res_free(root);
}

static void show_pads_to_eight_and_grows(void **state)
{
	struct resource *root = iomem_root_new();

	(void)state;
	res_request_nested(root, 0, 0x1000, "Reserved", IORESOURCE_MEM | IORESOURCE_BUSY, NULL);
	res_request_nested(root, 0xfe0000000ULL, 0x20000000, "PCI Bus 0000:00", IORESOURCE_MEM, NULL);
	res_request_region(root, 0xfe0000000ULL, 0x2000, "cfg", 0, NULL);
	assert_tree(root, "00000000-00000fff : Reserved\n"
			  "fe0000000-fffffffff : PCI Bus 0000:00\n"
			  "  fe0000000-fe0001fff : cfg\n");
	res_free(root);
}

static void show_caps_indent_at_level_five(void **state)
{
	struct resource *root = iomem_root_new(), *r = root;
	int i;

	(void)state;
	for (i = 0; i < 7; i++) {
		r = res_request_nested(r, 0x1000, 0x1000 - (uint64_t)i, "n",
				       IORESOURCE_MEM, NULL);
		assert_non_null(r);
	}
	assert_tree(root, "00001000-00001fff : n\n"
			  "  00001000-00001ffe : n\n"
			  "    00001000-00001ffd : n\n"
			  "      00001000-00001ffc : n\n"
			  "        00001000-00001ffb : n\n"
			  "          00001000-00001ffa : n\n"
			  "          00001000-00001ff9 : n\n");
	res_free(root);
}

static void parses_a_real_listing(void **state)
{
	(void)state;
	roundtrip("00000000-00000fff : Reserved\n"
		  "00001000-0009ffff : System RAM\n"
		  "000a0000-000fffff : Reserved\n"
		  "  000c0000-000dffff : PCI Bus 0000:00\n"
		  "  000f0000-000fffff : System ROM\n"
		  "00100000-f7feffff : System RAM\n"
		  "  0d000000-0e0026b7 : Kernel code\n"
		  "f8000000-fffbffff : PCI Bus 0000:00\n"
		  "  f8000000-fbffffff : 0000:00:08.0\n"
		  "    f8000000-f8001fff : bb8c4e4a-0d6f-4bd8-8e16-52e47a8b3a2f\n"
		  "  fec00000-fec003ff : IOAPIC 0\n"
		  "fe0000000-fffffffff : PCI Bus 0000:00\n"
		  "  fe0000000-fe00fffff : 7e2bd2d1-0f6b-4b7c-9c2e-2c8b6f9e3a11\n");
}

static void parses_below_the_indent_cap(void **state)
{
	(void)state;
	/* levels 5, 6 and 7 all print at 10 spaces; containment decides */
	roundtrip("00000000-0000ffff : n\n"
		  "  00000000-0000ffff : n\n"
		  "    00001000-00001fff : n\n"
		  "      00001000-00001fff : n\n"
		  "        00001000-00001fff : n\n"
		  "          00001000-00001fff : five\n"
		  "          00001000-000017ff : six\n"
		  "          00001000-000010ff : seven\n"
		  "          00001800-00001fff : six again\n"
		  "    00002000-00002fff : out\n");
}

static void parses_empty_and_odd_names(void **state)
{
	(void)state;
	roundtrip("");
	roundtrip("00001000-00001fff : \n");
	roundtrip("00001000-00001fff : a : b  with  spaces\n");
}

struct bad {
	const char *text;
	unsigned long line;
	const char *msg;
};

static void rejects_malformed_with_line(void **state)
{
	static const struct bad bad[] = {
		{ "00001000-00001fff : a\n\n", 2, "empty line" },
		{ " 00001000-00001fff : a\n", 1, "odd indent of 1 spaces (expected 2 per level)" },
		{ "  00001000-00001fff : a\n", 1, "the first line must not be indented" },
		{ "00001000-00001fff : a\n    00001000-00001fff : b\n", 2,
		  "indented more than one level below the line before" },
		{ "00001000-00001fff : a\nxyz\n", 2, "expected a hex start address of at most 16 digits" },
		{ "00001000 00001fff : a\n", 1, "expected '-' after the start address" },
		{ "00001000-: a\n", 1, "expected a hex end address of at most 16 digits" },
		{ "00001000-00001fff a\n", 1, "expected \" : \" and a name after the end address" },
		{ "00002000-00001fff : a\n", 1, "end 0x1fff is below start 0x2000" },
		{ "10000000000000000-1ffffffffffffffff : a\n", 1,
		  "expected a hex start address of at most 16 digits" },
		{ "00001000-00001fff : a\n  00001000-00002fff : b\n", 2,
		  "00001000-00002fff is not inside its parent 00001000-00001fff" },
		{ "00001000-00001fff : a\n00001800-00002fff : b\n", 2,
		  "00001800-00002fff overlaps or comes before its sibling 00001000-00001fff" },
		{ "00002000-00002fff : a\n00001000-00001fff : b\n", 2,
		  "00001000-00001fff overlaps or comes before its sibling 00002000-00002fff" },
		{ "            00001000-00001fff : a\n", 1,
		  "indent of 12 spaces is deeper than the kernel prints (10)" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct hv_err err = { 0, "" };
		struct resource *root = (void *)1;

		assert_int_equal(parse(bad[i].text, &root, &err), IOMEM_MALFORMED);
		assert_null(root);
		assert_int_equal(err.line, bad[i].line);
		assert_string_equal(err.msg, bad[i].msg);
	}
}

static void rejects_nul_and_long_lines(void **state)
{
	static const char nul[] = "00001000-00001fff : a\0b\n";
	struct hv_err err = { 0, "" };
	struct resource *root;
	char *big;

	(void)state;
	assert_int_equal(iomem_parse(nul, sizeof(nul) - 1, &root, &err), IOMEM_MALFORMED);
	assert_string_equal(err.msg, "NUL byte in line");
	big = malloc(8192);
	memset(big, 'x', 8192);
	memcpy(big, "00001000-00001fff : ", 20);
	assert_int_equal(iomem_parse(big, 8192, &root, &err), IOMEM_MALFORMED);
	assert_string_equal(err.msg, "name longer than 4096 bytes");
	free(big);
}

/* Found by fuzzing: short addresses grow to 8 digits when printed, so a
 * listing near the length limit must still read back (the limit is on the
 * name, not the line). */
static void printed_form_reads_back(void **state)
{
	struct hv_err err = { 0, "" };
	struct resource *root, *again;
	char *text = malloc(5000);
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	memcpy(text, "0-100 : ", 8);
	memset(text + 8, 'n', 4096);
	assert_int_equal(iomem_parse(text, 8 + 4096, &root, &err), IOMEM_OK);
	iomem_show(root, &sb);
	assert_true(sb.len > 4096 + 8);
	assert_int_equal(iomem_parse(sb.buf, sb.len, &again, &err), IOMEM_OK);
	res_free(root);
	res_free(again);
	sb_release(&sb);
	free(text);
}

static void detects_a_zeroed_listing(void **state)
{
	struct hv_err err = { 0, "" };
	struct resource *root;

	(void)state;
	assert_int_equal(parse("00000000-00000000 : Reserved\n"
			       "00000000-00000000 : System RAM\n"
			       "  00000000-00000000 : Kernel code\n", &root, &err),
			 IOMEM_ZEROED);
	assert_null(root);
	/* one zero line among real ones is not a zeroed listing */
	assert_int_equal(parse("00000000-00000000 : a\n00001000-00001fff : b\n",
			       &root, &err), IOMEM_OK);
	res_free(root);
}

static void last_line_without_newline(void **state)
{
	struct hv_err err = { 0, "" };
	struct resource *root;

	(void)state;
	assert_int_equal(parse("00001000-00001fff : a", &root, &err), IOMEM_OK);
	assert_tree(root, "00001000-00001fff : a\n");
	res_free(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(show_pads_to_eight_and_grows),
		cmocka_unit_test(show_caps_indent_at_level_five),
		cmocka_unit_test(parses_a_real_listing),
		cmocka_unit_test(parses_below_the_indent_cap),
		cmocka_unit_test(parses_empty_and_odd_names),
		cmocka_unit_test(rejects_malformed_with_line),
		cmocka_unit_test(rejects_nul_and_long_lines),
		cmocka_unit_test(printed_form_reads_back),
		cmocka_unit_test(detects_a_zeroed_listing),
		cmocka_unit_test(last_line_without_newline),
	};

	return cmocka_run_group_tests_name("iomem", tests, NULL, NULL);
}
