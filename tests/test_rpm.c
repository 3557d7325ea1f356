// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * rpm's answer: the parsers (rpm -q's line, a database's header image), and
 * the query run against a stand-in rpm on PATH.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "testutil.h"
#include "lib/formats/parsers.h"
#include "util/bytes.h"
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

/* a header image: @n entries of (tag, type, offset, count; 0 is 1), then @data */
static size_t header(unsigned char *out, const unsigned int (*e)[4], unsigned int n,
		     const char *data, size_t dl)
{
	size_t o = 0;

	for (unsigned int v = n, k = 0; k < 2; k++, v = (unsigned int)dl)
		for (int b = 3; b >= 0; b--)
			out[o++] = (unsigned char)(v >> (8 * b));
	for (unsigned int i = 0; i < n; i++)
		for (unsigned int j = 0; j < 4; j++) {
			unsigned int v = j < 3 || e[i][3] ? e[i][j] : 1;

			for (int b = 3; b >= 0; b--)
				out[o++] = (unsigned char)(v >> (8 * b));
		}
	memcpy(out + o, data, dl);
	return o + dl;
}

static void header_image(void **state)
{
	static const char data[] = "kexec-tools\0" "2.0.26\0" "8.el9\0";
	const unsigned int good[][4] = { { 63, 7, 0 }, { 1000, 6, 0 }, { 1001, 6, 12 },
					 { 1002, 6, 19 } };
	const unsigned int wrong_type[][4] = { { 1000, 6, 0 }, { 1001, 4, 12 }, { 1002, 6, 19 } };
	const unsigned int past_end[][4] = { { 1000, 6, 0 }, { 1001, 6, 12 }, { 1002, 6, 25 } };
	const unsigned int no_release[][4] = { { 1000, 6, 0 }, { 1001, 6, 12 } };
	unsigned char img[256];
	char name[32], v[32];
	size_t n;

	(void)state;
	n = header(img, good, 4, data, sizeof(data) - 1);
	assert_int_equal(rpm_header_version(img, n, name, sizeof(name), v, sizeof(v)), 0);
	assert_string_equal(name, "kexec-tools");
	assert_string_equal(v, "2.0.26-8.el9");
	assert_int_equal(rpm_header_version(img, n - 1, name, sizeof(name), v, sizeof(v)), -1);
	assert_int_equal(rpm_header_version(img, n, name, 11, v, sizeof(v)), -1);
	assert_int_equal(rpm_header_version(img, n, name, sizeof(name), v, 12), -1);
	n = header(img, wrong_type, 3, data, sizeof(data) - 1);
	assert_int_equal(rpm_header_version(img, n, name, sizeof(name), v, sizeof(v)), -1);
	n = header(img, past_end, 3, data, sizeof(data) - 1);
	assert_int_equal(rpm_header_version(img, n, name, sizeof(name), v, sizeof(v)), -1);
	n = header(img, no_release, 2, data, sizeof(data) - 1);
	assert_int_equal(rpm_header_version(img, n, name, sizeof(name), v, sizeof(v)), -1);
	/* a string that runs off the data: no NUL before its end */
	n = header(img, good, 4, data, sizeof(data) - 2);
	assert_int_equal(rpm_header_version(img, n, name, sizeof(name), v, sizeof(v)), -1);
	/* a release rpm -q would print but that is no version string */
	n = header(img, good, 4, "kexec-tools\0" "2.0.26\0" "8 el9\0", 25);
	assert_int_equal(rpm_header_version(img, n, name, sizeof(name), v, sizeof(v)), -1);
	/* counts that claim more than there is */
	memset(img, 0xff, 8);
	assert_int_equal(rpm_header_version(img, n, name, sizeof(name), v, sizeof(v)), -1);
	assert_int_equal(rpm_header_version(img, 7, name, sizeof(name), v, sizeof(v)), -1);
}

/*
 * A changelog of two entries as rpmbuild writes it: CHANGELOGTIME (int32
 * array at 0), CHANGELOGNAME and CHANGELOGTEXT (string arrays)
 */
static const char cl_data[] = "\x66\x16\x55\x80" "\x00\x00\x00\x00"
			      "A <a@example.com> [5.14.0-427.el9]\0" "B\0"
			      "- Drivers: hv: vmbus: a fix (X) [RHEL-1]\0" "- other\0";
#define CL_NAMES 8u
#define CL_TEXTS (8u + 35u + 2u)
#define CL_LEN (sizeof(cl_data) - 1)

/* @e's changelog: want its text, or rc and the reason */
static void changelog_is(const unsigned int (*e)[4], unsigned int n, size_t dl, int rc,
			 const char *want)
{
	unsigned char img[512];
	size_t len = header(img, e, n, cl_data, dl), tlen = 99;
	char *text = (char *)"", why[200] = "";
	int got = rpm_header_changelog(img, len, &text, &tlen, why, sizeof(why));

	if (got != rc || strcmp(rc ? why : text, want))
		fail_msg("%d \"%s\", want %d \"%s\"", got, rc ? why : text, rc, want);
	if (rc)
		assert_null(text);
	else
		assert_int_equal(tlen, strlen(text));
	free(text);
}

static void header_changelog(void **state)
{
	const unsigned int good[][4] = { { 1000, 6, 0 }, { 1080, 4, 0, 2 },
					 { 1081, 8, CL_NAMES, 2 }, { 1082, 8, CL_TEXTS, 2 } };
	const unsigned int none[][4] = { { 1000, 6, 0 } };
	const unsigned int text_lies[][4] = { { 1080, 4, 0, 2 }, { 1081, 8, CL_NAMES, 2 },
					      { 1082, 8, CL_TEXTS, 3 } };
	const unsigned int text_huge[][4] = { { 1080, 4, 0, 2 }, { 1081, 8, CL_NAMES, 2 },
					      { 1082, 8, CL_TEXTS, 0xffffffff } };
	const unsigned int time_huge[][4] = { { 1080, 4, 0, 0x40000001 },
					      { 1081, 8, CL_NAMES, 2 }, { 1082, 8, CL_TEXTS, 2 } };
	const unsigned int time_odd[][4] = { { 1080, 4, 2, 2 }, { 1081, 8, CL_NAMES, 2 },
					     { 1082, 8, CL_TEXTS, 2 } };
	const unsigned int name_far[][4] = { { 1080, 4, 0, 2 }, { 1081, 8, 0xfffffff0, 2 },
					     { 1082, 8, CL_TEXTS, 2 } };
	const unsigned int fewer_names[][4] = { { 1080, 4, 0, 2 }, { 1081, 8, CL_NAMES, 1 },
						{ 1082, 8, CL_TEXTS, 2 } };
	const unsigned int no_text[][4] = { { 1080, 4, 0, 2 }, { 1081, 8, CL_NAMES, 2 } };
	const unsigned int name_string[][4] = { { 1080, 4, 0, 2 }, { 1081, 6, CL_NAMES, 2 },
						{ 1082, 8, CL_TEXTS, 2 } };
	unsigned char img[512];
	char *text, why[200];
	size_t len, tlen;

	(void)state;
	assert_int_equal(CL_LEN, 94);
	assert_string_equal(cl_data + CL_TEXTS, "- Drivers: hv: vmbus: a fix (X) [RHEL-1]");
	changelog_is(good, 4, CL_LEN, 0,
		     "* 2024-04-10 A <a@example.com> [5.14.0-427.el9]\n"
		     "- Drivers: hv: vmbus: a fix (X) [RHEL-1]\n\n"
		     "* 1970-01-01 B\n- other\n\n");
	changelog_is(none, 1, CL_LEN, 1, "the header has no changelog");
	/* counts that lie: more strings than the data holds, numbers past it */
	changelog_is(text_lies, 3, CL_LEN, -1,
		     "CHANGELOGTEXT's 3 items at byte 45 run past the header's 94 data bytes");
	changelog_is(text_huge, 3, CL_LEN, -1, "CHANGELOGTEXT's 4294967295 items at byte 45 "
		     "run past the header's 94 data bytes");
	changelog_is(time_huge, 3, CL_LEN, -1, "CHANGELOGTIME's 1073741825 items at byte 0 "
		     "run past the header's 94 data bytes");
	changelog_is(time_odd, 3, CL_LEN, -1,
		     "CHANGELOGTIME's 2 items at byte 2 run past the header's 94 data bytes");
	changelog_is(name_far, 3, CL_LEN, -1, "CHANGELOGNAME's 2 items at byte 4294967280 run "
		     "past the header's 94 data bytes");
	/* the last text cut before its NUL */
	changelog_is(good, 4, CL_LEN - 1, -1,
		     "CHANGELOGTEXT's 2 items at byte 45 run past the header's 93 data bytes");
	changelog_is(fewer_names, 3, CL_LEN, -1,
		     "the changelog's times, names and texts differ in number (2, 1, 2)");
	changelog_is(no_text, 2, CL_LEN, -1,
		     "the changelog's times, names and texts differ in number (2, 2, 0)");
	changelog_is(name_string, 3, CL_LEN, -1,
		     "CHANGELOGNAME is not an array of strings (type 6, 2 items)");
	/* an image shorter than its counts say */
	len = header(img, good, 4, cl_data, CL_LEN);
	assert_int_equal(rpm_header_changelog(img, len - 1, &text, &tlen, why, sizeof(why)), -1);
	assert_null(text);
	assert_string_equal(why, "a header whose counts claim more than its 165 bytes");
	assert_int_equal(rpm_header_changelog(img, 7, &text, &tlen, why, sizeof(why)), -1);
	/* an array of no items (header() writes 1 for 0: its count set after) */
	memset(img + 8 + 3 * 16 + 12, 0, 4);
	assert_int_equal(rpm_header_changelog(img, len, &text, &tlen, why, sizeof(why)), -1);
	assert_string_equal(why, "CHANGELOGTEXT is not an array of strings (type 8, 0 items)");
}

/* A kernel-like header: NAME VERSION RELEASE ARCH, and a changelog of one entry, @text. */
static size_t kernel_header(unsigned char *img, const char *nvra, const char *text)
{
	unsigned int e[7][4] = { { 1080, 4, 0, 1 } };
	char data[256] = "\x66\x16\x55\x80";
	const unsigned int tags[] = { 1000, 1001, 1002, 1022, 1081, 1082 };
	size_t o = 4;
	char words[128], *w, *save = NULL;

	snprintf(words, sizeof(words), "%s %s %s", nvra, "A", text);
	w = strtok_r(words, " ", &save);
	for (unsigned int i = 0; i < 6 && w; i++, w = strtok_r(NULL, i < 5 ? " " : "", &save)) {
		e[i + 1][0] = tags[i];
		e[i + 1][1] = i < 4 ? 6 : 8;
		e[i + 1][2] = (unsigned int)o;
		e[i + 1][3] = 1;
		memcpy(data + o, w, strlen(w) + 1);
		o += strlen(w) + 1;
	}
	return header(img, (const unsigned int(*)[4])e, 7, data, o);
}

/* Which of @nvra ("NAME VERSION RELEASE ARCH" each) is kernel @release's: its NVRA and text. */
static void kernel_is(const char *release, const char *const *nvra, unsigned int n,
		      const char *want)
{
	struct rpm_kernel k = { .release = release };
	unsigned char img[512];

	for (unsigned int i = 0; i < n; i++) {
		size_t len = kernel_header(img, nvra[i], nvra[i]);

		rpm_kernel_header(&k, i + 1, img, len);
	}
	if (!want) {
		if (k.rank)
			fail_msg("%s: found %s", release, k.nvra);
		assert_null(k.text);
		return;
	}
	if (!k.rank || strcmp(k.nvra, want) || !k.text || strncmp(k.text, "* 2024-04-10 A\n", 15))
		fail_msg("%s: found \"%s\" (%s), want %s", release, k.rank ? k.nvra : "none",
			 k.text ? k.text : k.why, want);
	free(k.text);
}

static void kernel_package(void **state)
{
	const char *const rhel[] = { "kernel 5.14.0 427.13.1.el9_4 x86_64",
				     "kernel-core 5.14.0 427.13.1.el9_4 x86_64",
				     "kernel-devel 5.14.0 427.13.1.el9_4 x86_64",
				     "kernel-core 5.14.0 427.el9 x86_64",
				     "kernel-rt-core 5.14.0 427.13.1.el9_4 x86_64",
				     "kernel-64k-core 5.14.0 427.13.1.el9_4 aarch64" };
	const char *const suse[] = { "kernel-default 6.4.0 150600.8.11.1 x86_64",
				     "kernel-azure-devel 6.4.0 150600.8.11.1 x86_64",
				     "kernel-azure 6.4.0 150600.8.11.1 x86_64",
				     "kernel-azure 6.4.0 150600.8.8.1 x86_64" };
	const char *const azl[] = { "kernel 6.6.57.1 6.azl3 x86_64",
				    "kernel-headers 6.6.57.1 6.azl3 noarch" };
	char names[RPM_KERNEL_NAMES][64];

	(void)state;
	kernel_is("5.14.0-427.13.1.el9_4.x86_64", rhel, 6,
		  "kernel-core-5.14.0-427.13.1.el9_4.x86_64");
	kernel_is("5.14.0-427.13.1.el9_4.x86_64+rt", rhel, 6,
		  "kernel-rt-core-5.14.0-427.13.1.el9_4.x86_64");
	kernel_is("5.14.0-427.13.1.el9_4.aarch64+64k", rhel, 6,
		  "kernel-64k-core-5.14.0-427.13.1.el9_4.aarch64");
	kernel_is("5.14.0-427.13.1.el9_4.x86_64+64k", rhel, 6, NULL);
	kernel_is("5.14.0-427.13.1.el9_4.x86_64", rhel, 1, "kernel-5.14.0-427.13.1.el9_4.x86_64");
	kernel_is("5.14.0-427.el9.x86_64", rhel, 4, "kernel-core-5.14.0-427.el9.x86_64");
	kernel_is("5.14.0-427.el9.aarch64", rhel, 4, NULL);
	kernel_is("6.4.0-150600.8.11-azure", suse, 4, "kernel-azure-6.4.0-150600.8.11.1.x86_64");
	kernel_is("6.4.0-150600.8.11-default", suse, 4,
		  "kernel-default-6.4.0-150600.8.11.1.x86_64");
	kernel_is("6.4.0-150600.8-azure", suse, 4, NULL);
	kernel_is("6.6.57.1-6.azl3", azl, 2, "kernel-6.6.57.1-6.azl3.x86_64");
	kernel_is("6.6.57.1-6.azl3", suse, 4, NULL);
	assert_int_equal(rpm_kernel_names("6.4.0-150600.8.11-azure", names), 3);
	assert_string_equal(names[2], "kernel-azure");
	assert_int_equal(rpm_kernel_names("5.14.0-427.el9.x86_64+rt", names), 3);
	assert_string_equal(names[2], "kernel-rt-core");
	assert_int_equal(rpm_kernel_names("5.14.0-427.el9.x86_64+r.t", names), 2);
	assert_int_equal(rpm_kernel_names("5.14.0-427.el9.x86_64", names), 2);
	assert_string_equal(names[0], "kernel-core");
	assert_string_equal(names[1], "kernel");
}

/*
 * A database as rpm 4.16.1.3 (built with ndb and Berkeley DB) writes it
 * (tests/fixtures/rpmdb/README): rpmdb/ndb/Packages.db holds kexec-tools
 * 2.0.27, kdump 1.9.5, makedumpfile, then kdump 1.9.8 installed beside it;
 * rpmdb/bdb/Packages kexec-tools 2.0.20-68.el8, bash, then kexec-tools
 * 2.0.26-14.el8. The kexec-tools headers take several pages.
 */
static unsigned char *fixture(const char *rel, size_t *len)
{
	char path[512];
	unsigned char *img;
	FILE *f;
	long n;

	/* meson test sets it: tests/fixtures */
	if (!getenv("HV_FIXTURES"))
		fail_msg("HV_FIXTURES is not set");
	snprintf(path, sizeof(path), "%s/%s", getenv("HV_FIXTURES"), rel);
	f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n > 4096);
	rewind(f);
	img = malloc((size_t)n);
	assert_non_null(img);
	assert_int_equal(fread(img, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return img;
}

typedef int (*db_reader)(const unsigned char *img, size_t len, const char *name, char *out,
			 size_t outlen, char *why, size_t wlen);

/* One damage done to a copy of a database: @n bytes at @at become @to. */
struct damage {
	const char *what;
	size_t at, n;
	const char *to;
	const char *why;	/* the reason, or its start when it ends in '*' */
};

/* Each damage, on a fresh copy of @img: the reader refuses the file and says why. */
static void refuses(db_reader read, const unsigned char *img, size_t len,
		    const struct damage *d, size_t nd)
{
	unsigned char *copy = malloc(len);
	char v[64], why[200];

	assert_non_null(copy);
	for (size_t i = 0; i < nd; i++) {
		size_t w = strlen(d[i].why);

		memcpy(copy, img, len);
		memcpy(copy + d[i].at, d[i].to, d[i].n);
		if (read(copy, len, "kexec-tools", v, sizeof(v), why, sizeof(why)) != -1)
			fail_msg("%s: read", d[i].what);
		if (d[i].why[w - 1] == '*' ? strncmp(why, d[i].why, w - 1) : strcmp(why, d[i].why))
			fail_msg("%s: \"%s\", want \"%s\"", d[i].what, why, d[i].why);
	}
	free(copy);
}

/* What a reader says of a package in @img: @rc, and the version (0) or the reason. */
struct answer {
	const char *name;
	int rc;
	const char *text;
};

static void answers(db_reader read, const unsigned char *img, size_t len,
		    const struct answer *a, size_t na)
{
	char v[64], why[200];

	for (size_t i = 0; i < na; i++) {
		int rc = read(img, len, a[i].name, v, sizeof(v), why, sizeof(why));

		if (rc != a[i].rc || strcmp(rc ? why : v, a[i].text))
			fail_msg("%s: %d \"%s\", want %d \"%s\"", a[i].name, rc, rc ? why : v,
				 a[i].rc, a[i].text);
	}
}

static void ndb_database(void **state)
{
	static const struct answer found[] = {
		/* the newest of two kdump packages: the one installed last */
		{ "kdump", 0, "1.9.8-150600.3.3.1" },
		{ "kexec-tools", 0, "2.0.27-150500.3.3.1" },
		{ "kexec", 1, "kexec is not installed" },
	};
	static const struct damage damages[] = {
		{ "a slot without its magic", 32, 1, "X",
		  "a damaged rpm ndb database (slot at byte 32)" },
		{ "another format version", 4, 1, "\001",
		  "an rpm ndb database of version 1, not 0" },
		{ "no magic", 0, 1, "r", "not an rpm ndb database (no RpmP magic)" },
	};
	char v[64], why[200];
	unsigned char *img, *copy;
	size_t len, o;

	(void)state;
	img = fixture("rpmdb/ndb/Packages.db", &len);
	answers(rpmndb_version, img, len, found, sizeof(found) / sizeof(found[0]));
	/* no room for the version */
	assert_int_equal(rpmndb_version(img, len, "kdump", v, 10, why, sizeof(why)), -1);
	assert_string_equal(why, "kdump's version is longer than 9 bytes");
	refuses(rpmndb_version, img, len, damages, sizeof(damages) / sizeof(damages[0]));
	/* a byte of the last package changed: its adler32 no longer matches */
	{
		const struct damage last = { "a changed byte", len - 100, 1, "\377",
					     "a damaged rpm ndb database (package *" };

		refuses(rpmndb_version, img, len, &last, 1);
	}
	/* cut short, or not in 16-byte blocks */
	assert_int_equal(rpmndb_version(img, 4096, "kdump", v, sizeof(v), why, sizeof(why)), -1);
	assert_non_null(strstr(why, "damaged"));
	assert_int_equal(rpmndb_version(img, len - 8, "kdump", v, sizeof(v), why, sizeof(why)), -1);
	assert_non_null(strstr(why, "truncated"));

	copy = malloc(len);
	assert_non_null(copy);
	/*
	 * the first package's header image made unreadable, its adler32 (zlib's
	 * own) made right again: the package may be the one asked for
	 */
	memcpy(copy, img, len);
	{
		uint32_t blkoff = get_le32(copy + 32 + 8), blkcnt = get_le32(copy + 32 + 12);
		unsigned char *b = copy + (size_t)blkoff * 16;
		size_t n = (size_t)blkcnt * 16 - 12;
		uLong a;

		memset(b + 16, 0xff, 4);
		a = adler32(1, b, (uInt)n);
		for (int i = 0; i < 4; i++)
			b[n + i] = (unsigned char)(a >> (8 * i));
	}
	assert_int_equal(rpmndb_version(copy, len, "kexec", v, sizeof(v), why, sizeof(why)), -1);
	assert_string_equal(why, "a package header does not read: kexec may be installed");
	/* every slot free: an empty database */
	memcpy(copy, img, len);
	for (o = 32; o < 4096; o += 16)
		memset(copy + o + 8, 0, 4);
	assert_int_equal(rpmndb_version(copy, len, "kdump", v, sizeof(v), why, sizeof(why)), 1);
	free(copy);
	free(img);
}

static void put_le32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

/*
 * An ndb Packages.db of one package, @blob (SUSE's format: rpmndb.c's
 * layout), into @img: its length
 */
static size_t ndb_of(unsigned char *img, const unsigned char *blob, uint32_t len)
{
	uint32_t blkcnt = (16 + len + 12 + 15) / 16;
	unsigned char *b = img + 4096, *tail = b + blkcnt * 16 - 12;

	memset(img, 0, 4096 + blkcnt * 16);
	memcpy(img, "RpmP", 4);
	put_le32(img + 12, 1);	/* one slot page */
	for (size_t o = 32; o < 4096; o += 16)
		memcpy(img + o, "Slot", 4);
	put_le32(img + 32 + 4, 7);	/* package 7 at block 256 */
	put_le32(img + 32 + 8, 256);
	put_le32(img + 32 + 12, blkcnt);
	memcpy(b, "BlbS", 4);
	put_le32(b + 4, 7);
	put_le32(b + 12, len);
	memcpy(b + 16, blob, len);
	put_le32(tail, (uint32_t)adler32(1, b, (uInt)(tail - b)));
	put_le32(tail + 4, len);
	memcpy(tail + 8, "BlbE", 4);
	return 4096 + blkcnt * 16;
}

/* SUSE's kernel-azure in an ndb database: found by release, its changelog read */
static void ndb_kernel(void **state)
{
	struct rpm_kernel k = { .release = "6.4.0-150600.8.11-azure" };
	unsigned char blob[512], img[4096 + 1024];
	char why[200];
	size_t n = kernel_header(blob, "kernel-azure 6.4.0 150600.8.11.1 x86_64",
				 "- Drivers: hv: vmbus: Improve the logic of reserving fb_mmio\n"
				 "  on Gen2 VMs (git-fixes).");
	size_t len = ndb_of(img, blob, (uint32_t)n);

	(void)state;
	assert_int_equal(rpmndb_walk(img, len, rpm_kernel_header, &k, why, sizeof(why)), 0);
	assert_string_equal(k.nvra, "kernel-azure-6.4.0-150600.8.11.1.x86_64");
	assert_non_null(k.text);
	assert_true(changelog_mentions(k.text, k.tlen, "016a25e4b0df", "Drivers: hv: vmbus: "
				       "Improve the logic of reserving fb_mmio on Gen2 VMs"));
	free(k.text);
	/* the same header, its text's count a lie (adler32 made right): no text, a reason */
	memset(&k, 0, sizeof(k));
	k.release = "6.4.0-150600.8.11-azure";
	memset(blob + 8 + 6 * 16 + 12, 0xff, 4);
	len = ndb_of(img, blob, (uint32_t)n);
	assert_int_equal(rpmndb_walk(img, len, rpm_kernel_header, &k, why, sizeof(why)), 0);
	assert_int_equal(k.rank, 1);
	assert_null(k.text);
	assert_string_equal(k.why, "kernel-azure-6.4.0-150600.8.11.1.x86_64: CHANGELOGTEXT's "
			    "4294967295 items at byte 46 run past the header's 132 data bytes");
}

static void bdb_database(void **state)
{
	static const struct answer found[] = {
		/* the newer of two kexec-tools, whose header spans overflow pages */
		{ "kexec-tools", 0, "2.0.26-14.el8" },
		{ "bash", 0, "4.4.20-5.el8" },
		/* instance 0, the counter, is no package: nothing fails to read */
		{ "kdump", 1, "kdump is not installed" },
	};
	static const struct damage damages[] = {
		/* page 4 is one of the pages of a header */
		{ "an overflow page that is none", 4 * 4096 + 25, 1, "\000",
		  "a damaged Berkeley DB database (bucket *" },
		{ "a bucket page that says it is another", 4096 + 8, 1, "\143",
		  "a damaged Berkeley DB database (bucket 0, page 1)" },
		{ "a bucket page chained to itself: the walk ends", 4096 + 16, 1, "\001",
		  "a damaged Berkeley DB database (bucket 0, page 1)" },
		{ "more buckets than pages", 72, 4, "\377\377\377\377",
		  "a damaged Berkeley DB database (4294967296 buckets in 12 pages)" },
		{ "another version", 16, 1, "\007",
		  "a Berkeley DB hash database of version 7, not 8 to 10" },
		{ "written on a big-endian machine: said, not read", 12, 4, "\000\006\025\141",
		  "a big-endian Berkeley DB database, which hvkdump does not read" },
	};
	char v[64], why[200];
	unsigned char *img;
	size_t len;

	(void)state;
	img = fixture("rpmdb/bdb/Packages", &len);
	assert_int_equal(len % 4096, 0);
	assert_int_equal(img[4 * 4096 + 25], 7);
	answers(rpmbdb_version, img, len, found, sizeof(found) / sizeof(found[0]));
	refuses(rpmbdb_version, img, len, damages, sizeof(damages) / sizeof(damages[0]));
	/* cut short; too short for a metadata page */
	assert_int_equal(rpmbdb_version(img, len - 4096, "bash", v, sizeof(v), why, sizeof(why)), -1);
	assert_non_null(strstr(why, "a truncated Berkeley DB database"));
	assert_int_equal(rpmbdb_version(img, 100, "bash", v, sizeof(v), why, sizeof(why)), -1);
	assert_string_equal(why, "not a Berkeley DB hash database (no magic 0x061561)");
	/* the ndb reader and the Berkeley DB one refuse each other's files */
	assert_int_equal(rpmndb_version(img, len, "bash", v, sizeof(v), why, sizeof(why)), -1);
	free(img);
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
		cmocka_unit_test(header_image),
		cmocka_unit_test(header_changelog),
		cmocka_unit_test(kernel_package),
		cmocka_unit_test(ndb_database),
		cmocka_unit_test(ndb_kernel),
		cmocka_unit_test(bdb_database),
		cmocka_unit_test_setup_teardown(query, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
