// SPDX-License-Identifier: GPL-2.0-or-later
/* fix's edits of KDUMP_KEXEC_ARGS / KEXEC_ARGS, and its diff. */
#include "testutil.h"
#include "lib/verdict/config_edit.h"

static char *edit(const char *text, const char *var, int want)
{
	struct hv_err err = { 0, "" };
	char *out = NULL;
	size_t len;
	int rc = kexec_args_use_file_load(text, strlen(text), var, &out, &len, &err);

	if (rc != want)
		fail_msg("rc %d, want %d (%s)", rc, want, err.msg);
	return out;
}

static void edits(void **state)
{
	static const struct { const char *in, *out; } rows[] = {
		/* the distribution's commented default: a real line after it */
		{ "A=1\n#KDUMP_KEXEC_ARGS=\"\"\nB=2\n", "A=1\n#KDUMP_KEXEC_ARGS=\"\"\nKDUMP_KEXEC_ARGS=\"-s\"\nB=2\n" },
		/* none at all: at the end */
		{ "A=1\n", "A=1\nKDUMP_KEXEC_ARGS=\"-s\"\n" },
		/* -c becomes -s, the other options stay */
		{ "KDUMP_KEXEC_ARGS=\"-c --reuse-cmdline\"\n", "KDUMP_KEXEC_ARGS=\"-s --reuse-cmdline\"\n" },
		{ "KDUMP_KEXEC_ARGS='--kexec-syscall -d'\n", "KDUMP_KEXEC_ARGS=\"-s -d\"\n" },
		/* -a (falls back to kexec_load) becomes -s as well */
		{ "KDUMP_KEXEC_ARGS=\"-a\"\n", "KDUMP_KEXEC_ARGS=\"-s\"\n" },
		/* options only: -s is added */
		{ "export KDUMP_KEXEC_ARGS=\"-d\"\n", "export KDUMP_KEXEC_ARGS=\"-d -s\"\n" },
		/* the last assignment is the one the shell keeps */
		{ "KDUMP_KEXEC_ARGS=\"-s\"\nKDUMP_KEXEC_ARGS=\"-c\"\n",
		  "KDUMP_KEXEC_ARGS=\"-s\"\nKDUMP_KEXEC_ARGS=\"-s\"\n" },
		/* -s and -c: the later wins in kexec; -c goes */
		{ "KDUMP_KEXEC_ARGS=\"-s -c\"\n", "KDUMP_KEXEC_ARGS=\"-s\"\n" },
		/* another variable whose value cannot be known stays as it was */
		{ "V=$(uname -r)\nif [ -d /x ]; then W=1; fi\nKDUMP_KEXEC_ARGS=\"-c\"\n",
		  "V=$(uname -r)\nif [ -d /x ]; then W=1; fi\nKDUMP_KEXEC_ARGS=\"-s\"\n" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		char *out = edit(rows[i].in, "KDUMP_KEXEC_ARGS", 1);

		assert_string_equal(out, rows[i].out);
		free(out);
	}
}

static void nothing_to_do(void **state)
{
	(void)state;
	assert_null(edit("KDUMP_KEXEC_ARGS=\"-s\"\n", "KDUMP_KEXEC_ARGS", 0));
	assert_null(edit("KEXEC_ARGS=\"--kexec-file-syscall -d\"\n", "KEXEC_ARGS", 0));
}

static void refused(void **state)
{
	static const char multi[] = "KEXEC_ARGS=\"-c\nmore\"\n";
	struct hv_err err = { 0, "" };
	char *out;
	size_t len;

	(void)state;
	assert_null(edit("not shell at all\n", "KEXEC_ARGS", -1));
	assert_int_equal(kexec_args_use_file_load(multi, sizeof(multi) - 1, "KEXEC_ARGS",
						  &out, &len, &err), -1);
	assert_string_equal(err.msg, "KEXEC_ARGS spans several lines: change it by hand");
}

static void diff_one_hunk(void **state)
{
	static const char a[] = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
	static const char b[] = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
	char *d;

	(void)state;
	d = unified_diff("a/x", "b/x", a, sizeof(a) - 1, b, sizeof(b) - 1);
	assert_string_equal(d, "--- a/x\n+++ b/x\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
	free(d);
	d = unified_diff("a/x", "b/x", "x\n", 2, "x\ny\n", 4);
	assert_string_equal(d, "--- a/x\n+++ b/x\n@@ -1,1 +1,2 @@\n x\n+y\n");
	free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(edits),
		cmocka_unit_test(nothing_to_do),
		cmocka_unit_test(refused),
		cmocka_unit_test(diff_one_hunk),
	};

	return cmocka_run_group_tests_name("config_edit", tests, NULL, NULL);
}
