// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The newc cpio reader (lib/formats/initramfs.c newc_scan_feed()), on
 * archives built here member by member, fed whole and a byte at a time.
 */
#include <stdbool.h>
#include <stdio.h>

#include "testutil.h"
#include "lib/formats/parsers.h"

struct arc {
	unsigned char buf[8192];
	size_t len;
};

/* One member: a header with @namesize and @filesize as claimed, @name's
 * bytes (as many as @namesize says, NUL or not; past 256: the name and its
 * NUL), @datalen bytes of @data, each padded to 4. */
static void put(struct arc *a, const char *magic, uint32_t mode, const char *name,
		uint32_t namesize, const char *data, uint32_t filesize, size_t datalen)
{
	char h[111];
	size_t nb = namesize > 256 ? strlen(name) + 1 : namesize;	/* bytes written */

	snprintf(h, sizeof(h), "%s%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x",
		 magic, 1u, mode, 0u, 0u, 1u, 0u, filesize, 0u, 0u, 0u, 0u, namesize, 0u);
	memcpy(a->buf + a->len, h, 110);
	a->len += 110;
	memset(a->buf + a->len, 0, nb + 3);
	memcpy(a->buf + a->len, name, strlen(name) < nb ? strlen(name) : nb);
	a->len += nb;
	a->len = (a->len + 3) & ~(size_t)3;
	memset(a->buf + a->len, 0, datalen + 3);
	memcpy(a->buf + a->len, data, datalen);
	a->len += datalen;
	a->len = (a->len + 3) & ~(size_t)3;
}

static void file(struct arc *a, const char *name, const char *data)
{
	put(a, "070701", 0100644, name, (uint32_t)strlen(name) + 1, data,
	    (uint32_t)strlen(data), strlen(data));
}

static void trailer(struct arc *a)
{
	put(a, "070701", 0, "TRAILER!!!", 11, "", 0, 0);
}

struct seen {
	char names[512];
	char data[512];
};

static bool on_member(void *ctx, const char *name, uint32_t mode, uint32_t filesize)
{
	struct seen *s = ctx;
	size_t n = strlen(s->names);

	(void)mode;
	(void)filesize;
	snprintf(s->names + n, sizeof(s->names) - n, "%s;", name);
	return strstr(name, ".conf") != NULL;
}

static void on_data(void *ctx, const char *name, const unsigned char *buf, size_t len)
{
	struct seen *s = ctx;
	size_t n = strlen(s->data);

	snprintf(s->data + n, sizeof(s->data) - n, "%s=%.*s;", name, (int)len, (const char *)buf);
}

/* Feeds @len bytes of @a whole (@step 0) or @step bytes at a time. */
static int feed(struct newc_scan *s, struct seen *seen, const unsigned char *p, size_t len,
		size_t step, struct hv_err *err)
{
	size_t off = 0;
	int r = 0;

	memset(s, 0, sizeof(*s));
	memset(seen, 0, sizeof(*seen));
	s->member = on_member;
	s->data = on_data;
	s->ctx = seen;
	if (!step)
		return newc_scan_feed(s, p, len, err);
	while (!r && off < len) {
		size_t n = len - off < step ? len - off : step;

		r = newc_scan_feed(s, p + off, n, err);
		off += n;
	}
	return r;
}

static struct newc_scan scan;

static void members_and_data(void **state)
{
	static const size_t steps[] = { 0, 1, 3, 7 };
	struct arc a = { .len = 0 };
	static struct seen seen;	/* scan.ctx points at it after the test */
	struct hv_err err;
	size_t i, end;

	(void)state;
	file(&a, ".", "");
	file(&a, "etc/modprobe.d/hv.conf", "blacklist hyperv_fb\n");
	file(&a, "usr/lib/modules/6.1/kernel/pci-hyperv.ko", "ELF.....");
	file(&a, "etc/modprobe.d/empty.conf", "");
	trailer(&a);
	end = a.len;
	file(&a, "after", "not read");
	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		assert_int_equal(feed(&scan, &seen, a.buf, a.len, steps[i], &err), 1);
		assert_int_equal(scan.members, 4);
		assert_int_equal(scan.pos, end);
		assert_string_equal(seen.names, ".;etc/modprobe.d/hv.conf;usr/lib/modules/6.1/"
				    "kernel/pci-hyperv.ko;etc/modprobe.d/empty.conf;");
		assert_string_equal(seen.data, "etc/modprobe.d/hv.conf=blacklist hyperv_fb\n;"
				    "etc/modprobe.d/empty.conf=;");
	}
}

static void truncated(void **state)
{
	struct arc a = { .len = 0 };
	static struct seen seen;	/* scan.ctx points at it after the test */
	struct hv_err err;

	(void)state;
	file(&a, "etc/a", "12345");
	file(&a, "etc/b", "678");
	/* between two members: no trailer, but nothing cut */
	assert_int_equal(feed(&scan, &seen, a.buf, a.len, 5, &err), 0);
	assert_int_equal(newc_scan_end(&scan, &err), 0);
	assert_int_equal(scan.members, 2);
	/* inside a header */
	assert_int_equal(feed(&scan, &seen, a.buf, 50, 0, &err), 0);
	assert_int_equal(newc_scan_end(&scan, &err), -1);
	assert_string_equal(err.msg, "byte 0 of the cpio stream: the stream ends inside a "
			    "member: truncated");
	/* inside a name, and inside data */
	assert_int_equal(feed(&scan, &seen, a.buf, 113, 0, &err), 0);
	assert_int_equal(newc_scan_end(&scan, &err), -1);
	assert_int_equal(feed(&scan, &seen, a.buf, 118, 0, &err), 0);
	assert_int_equal(newc_scan_end(&scan, &err), -1);
}

static void lying_sizes(void **state)
{
	struct arc a = { .len = 0 };
	static struct seen seen;	/* scan.ctx points at it after the test */
	struct hv_err err;

	(void)state;
	/* a filesize past the end: the data is skipped, and the stream ends inside it */
	put(&a, "070701", 0100644, "etc/modprobe.d/x.conf", 22, "blacklist x", 4000000000u, 11);
	assert_int_equal(feed(&scan, &seen, a.buf, a.len, 0, &err), 0);
	assert_string_equal(seen.data, "");
	assert_int_equal(newc_scan_end(&scan, &err), -1);
	/* a name of 4 GiB, and a link target past PATH_MAX */
	a.len = 0;
	put(&a, "070701", 0100644, "x", 0xffffffffu, "", 0, 0);
	assert_int_equal(feed(&scan, &seen, a.buf, 110, 0, &err), -1);
	assert_string_equal(err.msg, "byte 0 of the cpio stream: a member claims a name of "
			    "4294967295 bytes (1 to 4096, PATH_MAX, in a real one): too large to read");
	a.len = 0;
	put(&a, "070701", 0120777, "l", 2, "", 5000, 0);
	assert_int_equal(feed(&scan, &seen, a.buf, a.len, 1, &err), -1);
	/* a name size of 0, a field that is not hex, an odc header */
	a.len = 0;
	put(&a, "070701", 0100644, "", 0, "", 0, 0);
	assert_int_equal(feed(&scan, &seen, a.buf, a.len, 0, &err), -1);
	a.len = 0;
	file(&a, "a", "");
	a.buf[20] = 'g';
	assert_int_equal(feed(&scan, &seen, a.buf, a.len, 0, &err), -1);
	assert_string_equal(err.msg, "byte 0 of the cpio stream: a newc header with a field "
			    "that is not hex: not read");
	a.len = 0;
	put(&a, "070707", 0100644, "a", 2, "", 0, 0);
	assert_int_equal(feed(&scan, &seen, a.buf, a.len, 0, &err), -1);
	/* data that would pass 4 GiB: refused before it is a member (fuzz_newc's find) */
	a.len = 0;
	put(&a, "070701", 040755, ".", 2, "", 0xffffffffu, 0);
	assert_int_equal(feed(&scan, &seen, a.buf, a.len, 0, &err), -1);
	assert_int_equal(scan.members, 0);
	assert_string_equal(seen.names, "");
}

static void name_without_nul(void **state)
{
	struct arc a = { .len = 0 };
	static struct seen seen;	/* scan.ctx points at it after the test */
	struct hv_err err;

	(void)state;
	file(&a, "etc", "");
	put(&a, "070701", 0100644, "abcd", 4, "", 0, 0);
	trailer(&a);
	assert_int_equal(feed(&scan, &seen, a.buf, a.len, 1, &err), -1);
	assert_string_equal(err.msg, "byte 116 of the cpio stream: a member's name does not "
			    "end in a NUL: not read");
	assert_string_equal(seen.names, "etc;");
}

/* Two archives back to back with zero padding: each read from where the other ended. */
static void concatenated(void **state)
{
	struct arc a = { .len = 0 };
	static struct seen seen;	/* scan.ctx points at it after the test */
	struct hv_err err;
	size_t start;

	(void)state;
	file(&a, "kernel/x86/microcode/GenuineIntel.bin", "MMMM");
	trailer(&a);
	memset(a.buf + a.len, 0, 512);
	a.len += 512;
	start = a.len;
	file(&a, "init", "#!/bin/sh\n");
	file(&a, "etc/modprobe.d/a.conf", "blacklist b\n");
	trailer(&a);
	assert_int_equal(feed(&scan, &seen, a.buf, a.len, 0, &err), 1);
	assert_int_equal(scan.members, 1);
	assert_int_equal(scan.pos, start - 512);
	/* the padding read as a header is no newc one */
	assert_int_equal(feed(&scan, &seen, a.buf + scan.pos, a.len - scan.pos, 0, &err), -1);
	assert_int_equal(feed(&scan, &seen, a.buf + start, a.len - start, 2, &err), 1);
	assert_int_equal(scan.members, 2);
	assert_string_equal(seen.data, "etc/modprobe.d/a.conf=blacklist b\n;");
	/* reset for the next archive: the count and position anew, the callbacks kept */
	newc_scan_reset(&scan);
	assert_int_equal(newc_scan_feed(&scan, a.buf + start, a.len - start, &err), 1);
	assert_int_equal(scan.members, 2);
	assert_int_equal(scan.pos, a.len - start);
	assert_string_equal(seen.data, "etc/modprobe.d/a.conf=blacklist b\n;"
			    "etc/modprobe.d/a.conf=blacklist b\n;");
}

/* Data past NEWC_DATA_MAX is not kept, only skipped. */
static void data_cap(void **state)
{
	static char big[NEWC_DATA_MAX + 2];
	static unsigned char buf[NEWC_DATA_MAX + 1024];
	struct arc *a = calloc(1, sizeof(*a));
	static struct seen seen;	/* scan.ctx points at it after the test */
	struct hv_err err;
	size_t len;

	(void)state;
	assert_non_null(a);
	memset(big, 'x', sizeof(big) - 1);
	put(a, "070701", 0100644, "etc/modprobe.d/big.conf", 24, "", NEWC_DATA_MAX + 1, 0);
	len = a->len;
	memcpy(buf, a->buf, len);
	memcpy(buf + len, big, NEWC_DATA_MAX + 1);
	len += NEWC_DATA_MAX + 4;
	a->len = 0;
	trailer(a);
	memcpy(buf + len, a->buf, a->len);
	len += a->len;
	assert_int_equal(feed(&scan, &seen, buf, len, 1000, &err), 1);
	assert_string_equal(seen.data, "");
	assert_int_equal(scan.members, 1);
	free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(members_and_data),
		cmocka_unit_test(truncated),
		cmocka_unit_test(lying_sizes),
		cmocka_unit_test(name_without_nul),
		cmocka_unit_test(concatenated),
		cmocka_unit_test(data_cap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
