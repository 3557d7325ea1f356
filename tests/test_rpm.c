// SPDX-License-Identifier: GPL-2.0-or-later
/* rpm's answer: the parser, and the query run against a stand-in rpm on PATH. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"
#include "lib/formats/parsers.h"
#include "probe/probe.h"

static char dir[64];

static void parse(void **state)
{
	char v[32];

	(void)state;
	assert_int_equal(rpm_version_parse("2.0.26-8.el9\n", 13, v, sizeof(v)), 0);
	assert_string_equal(v, "2.0.26-8.el9");
	assert_int_equal(rpm_version_parse("2.0.28-1.azl3", 13, v, sizeof(v)), 0);
	assert_string_equal(v, "2.0.28-1.azl3");
	assert_int_equal(rpm_version_parse("2.0.26", 6, v, sizeof(v)), -1);	/* no release */
	assert_int_equal(rpm_version_parse("package kexec-tools is not installed", 36, v,
					   sizeof(v)), -1);
	assert_int_equal(rpm_version_parse("2.0.2\0006-8", 9, v, sizeof(v)), -1);
	assert_int_equal(rpm_version_parse("\n2.0.26-8.el9", 13, v, sizeof(v)), -1);
	assert_int_equal(rpm_version_parse("2.0.26-8.el9", 12, v, 12), -1);	/* no room */
}

/* a stand-in rpm that checks its arguments and answers @body */
static void fake_rpm(const char *body)
{
	char p[128];
	FILE *f;

	snprintf(p, sizeof(p), "%s/rpm", dir);
	f = fopen(p, "w");
	assert_non_null(f);
	fprintf(f, "#!/bin/sh\n[ \"$1|$2|$3|$4\" = '-q|--qf|%%{VERSION}-%%{RELEASE}\\n|kexec-tools' ]"
		   " || exit 9\n%s\n", body);
	fclose(f);
	chmod(p, 0755);
}

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/hvkdump-rpm-XXXXXX");
	assert_non_null(mkdtemp(dir));
	setenv("PATH", dir, 1);
	return 0;
}

static int teardown(void **state)
{
	char p[128];

	(void)state;
	snprintf(p, sizeof(p), "%s/rpm", dir);
	unlink(p);
	rmdir(dir);
	return 0;
}

static void query(void **state)
{
	char v[32] = "";

	(void)state;
	assert_int_equal(rpm_query_version("kexec-tools", v, sizeof(v)), -1);	/* no rpm */
	fake_rpm("echo 2.0.26-8.el9");
	assert_int_equal(rpm_query_version("kexec-tools", v, sizeof(v)), 0);
	assert_string_equal(v, "2.0.26-8.el9");
	assert_int_equal(rpm_query_version("kdump", v, sizeof(v)), -1);	/* exit 9 */
	fake_rpm("echo package kexec-tools is not installed; exit 1");
	assert_int_equal(rpm_query_version("kexec-tools", v, sizeof(v)), -1);
	fake_rpm("echo garbage; exit 0");
	assert_int_equal(rpm_query_version("kexec-tools", v, sizeof(v)), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse),
		cmocka_unit_test_setup_teardown(query, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
