// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The kdump initramfs read by probe/initramfs.c initramfs_read_fd(): images
 * built here in a memfd (an uncompressed cpio, an early one then a gzip one
 * with zero padding between, cut or damaged ones), and the fixtures' xz
 * image cut short. Which library undoes which compression is
 * tests/dynlib-loading's; images the real tools make, initramfs/real's.
 */
#define _GNU_SOURCE
#include <stdbool.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>
#define ZLIB_CONST
#include <zlib.h>

#include "testutil.h"
#include "probe/initramfs.h"

struct img {
	unsigned char buf[16384];
	size_t len;
};

static void member(struct img *m, const char *name, const char *data)
{
	size_t nl = strlen(name) + 1, dl = strlen(data);
	char h[111];

	snprintf(h, sizeof(h), "070701%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x",
		 1u, 0100644u, 0u, 0u, 1u, 0u, (uint32_t)dl, 0u, 0u, 0u, 0u, (uint32_t)nl, 0u);
	memcpy(m->buf + m->len, h, 110);
	memcpy(m->buf + m->len + 110, name, nl);
	m->len = (m->len + 110 + nl + 3) & ~(size_t)3;
	memcpy(m->buf + m->len, data, dl);
	m->len = (m->len + dl + 3) & ~(size_t)3;
}

/* The kdump initramfs's main part: a driver, a blacklist, the trailer. */
static void main_part(struct img *m)
{
	member(m, ".", "");
	member(m, "usr/lib/modules/6.1.0/kernel/drivers/pci/controller/pci-hyperv.ko", "ELF");
	member(m, "usr/lib/modules/6.1.0/kernel/drivers/hv/hv_vmbus.ko.zst", "zst");
	member(m, "etc/modprobe.d/hv.conf", "blacklist hyperv_fb\n");
	member(m, "TRAILER!!!", "");
}

static void gzip_to(struct img *to, const struct img *from)
{
	z_stream zs = { 0 };

	assert_int_equal(deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8,
				      Z_DEFAULT_STRATEGY), Z_OK);
	zs.next_in = from->buf;
	zs.avail_in = (uInt)from->len;
	zs.next_out = to->buf + to->len;
	zs.avail_out = (uInt)(sizeof(to->buf) - to->len);
	assert_int_equal(deflate(&zs, Z_FINISH), Z_STREAM_END);
	to->len = sizeof(to->buf) - zs.avail_out;
	deflateEnd(&zs);
}

/* initramfs_read_fd() on the first @len bytes of @m. */
static int read_img(const void *buf, size_t len, struct initramfs *ir, struct hv_err *err)
{
	int fd = memfd_create("initrd", MFD_CLOEXEC), r;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, buf, len), (ssize_t)len);
	r = initramfs_read_fd(fd, ir, err);
	close(fd);
	return r;
}

static struct img a, b;

static void uncompressed(void **state)
{
	struct initramfs ir;
	struct hv_err err;

	(void)state;
	a.len = 0;
	main_part(&a);
	assert_int_equal(read_img(a.buf, a.len, &ir, &err), 0);
	assert_int_equal(ir.members, 4);
	assert_string_equal(ir.modules, "pci_hyperv,hv_vmbus");
	assert_true(ir.blacklist);
	assert_true(ir.early);		/* an uncompressed archive, as libarchive's reading said */
	assert_null(ir.compressed);
}

static void early_then_gzip(void **state)
{
	struct initramfs ir;
	struct hv_err err;
	char want[64];

	(void)state;
	a.len = 0;
	member(&a, "kernel", "");
	member(&a, "kernel/x86/microcode/GenuineIntel.bin", "MMMMMMMM");
	member(&a, "TRAILER!!!", "");
	memset(a.buf + a.len, 0, 1024);		/* padding to a block */
	a.len += 1024;
	b.len = 0;
	main_part(&b);
	snprintf(want, sizeof(want), "at byte %zu: gzip: ", a.len);
	gzip_to(&a, &b);
	assert_int_equal(read_img(a.buf, a.len, &ir, &err), 0);
	assert_int_equal(ir.members, 6);
	assert_string_equal(ir.modules, "pci_hyperv,hv_vmbus");
	assert_true(ir.early);
	assert_string_equal(ir.compressed, "gzip");
	/* the gzip stream cut short, and damaged */
	assert_int_equal(read_img(a.buf, a.len - 40, &ir, &err), -1);
	assert_non_null(strstr(err.msg, want));
	assert_non_null(strstr(err.msg, "the stream is truncated"));
	a.buf[a.len - 60] ^= 0x55;
	assert_int_equal(read_img(a.buf, a.len, &ir, &err), -1);
	assert_non_null(strstr(err.msg, want));
}

static void cut_and_lying(void **state)
{
	struct initramfs ir;
	struct hv_err err;

	(void)state;
	a.len = 0;
	main_part(&a);
	/* cut inside a member; without its trailer, ending between members */
	assert_int_equal(read_img(a.buf, 200, &ir, &err), -1);
	assert_string_equal(err.msg, "byte 112 of the cpio stream: the stream ends inside a "
			    "member: truncated");
	assert_int_equal(read_img(a.buf, a.len - 124, &ir, &err), 0);
	assert_int_equal(ir.members, 4);
	/* a filesize that lies past the end */
	memcpy(a.buf + 112 + 6 + (size_t)6 * 8, "7fffffff", 8);	/* its filesize */
	assert_int_equal(read_img(a.buf, a.len, &ir, &err), -1);
	/* gzip of a cpio cut inside a member, and of nothing */
	a.len = 0;
	main_part(&a);
	a.len = 200;
	b.len = 0;
	gzip_to(&b, &a);
	assert_int_equal(read_img(b.buf, b.len, &ir, &err), -1);
	assert_string_equal(err.msg, "byte 112 of the cpio stream: the stream ends inside a "
			    "member: truncated");
	a.len = 0;
	b.len = 0;
	gzip_to(&b, &a);
	assert_int_equal(read_img(b.buf, b.len, &ir, &err), -1);
	assert_string_equal(err.msg, "no cpio members: not an initramfs");
}

static void xz_cut(void **state)
{
	char path[4096];
	FILE *f;
	static unsigned char buf[1 << 20];
	size_t n;
	struct initramfs ir;
	struct hv_err err;

	(void)state;
	if (!getenv("HV_FIXTURES"))
		fail_msg("HV_FIXTURES is not set");
	snprintf(path, sizeof(path), "%s/sysroot/azure-gen2-rhel9/boot/initramfs-5.14.0-427.13.1."
		 "el9_4.x86_64kdump.img", getenv("HV_FIXTURES"));
	f = fopen(path, "rb");
	assert_non_null(f);
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	assert_int_equal(read_img(buf, n, &ir, &err), 0);
	assert_string_equal(ir.compressed, "xz");
	assert_int_equal(ir.members, 10);
	assert_int_equal(read_img(buf, n / 2, &ir, &err), -1);
	assert_string_equal(err.msg, "at byte 0: xz: the stream is truncated");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(uncompressed),
		cmocka_unit_test(early_then_gzip),
		cmocka_unit_test(cut_and_lying),
		cmocka_unit_test(xz_cut),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
