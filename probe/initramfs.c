// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The kdump initramfs: which drivers it holds, and the blacklists inside
 * it. An initramfs is one or more cpio archives back to back: often an
 * uncompressed one first (early microcode), then a compressed one (gzip,
 * zstd, xz, lz4, ...); the kernel reads on after an uncompressed archive's
 * "TRAILER!!!" member and its zero padding (init/initramfs.c
 * unpack_to_rootfs()). Our own newc reader (newc_scan_feed()) reads them,
 * gzip undone by zlib, zstd and xz by libzstd and liblzma (unpack.c);
 * libarchive, loaded only then, reads any other compression. The file is
 * streamed, never held whole. A capture made by collect carries the member
 * list instead (/hvkdump/initramfs.txt).
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/strcopy.h"
#include "initramfs.h"
#include "unpack.h"
#include "util/lines.h"
#include "probe.h"

#if HAVE_LIBARCHIVE
#include <archive.h>
#include <archive_entry.h>

#include "dynlib.h"
#endif

#define MAX_MEMBERS	NEWC_MEMBERS_MAX
#define CONF_CAP	NEWC_DATA_MAX	/* a modprobe.d file */
#define NEWC_HEADER	110		/* "070701" and 13 eight-digit hex fields */
#define MAX_ARCHIVES	16

static bool is_modprobe_conf(const char *path)
{
	size_t n = strlen(path);

	return strstr(path, "modprobe.d/") && n > 5 && !strcmp(path + n - 5, ".conf");
}

/* The next non-zero byte at or after @pos; -1 at the end. */
static off_t skip_zeros(int fd, off_t pos)
{
	char buf[4096];
	ssize_t n, i;

	while ((n = pread(fd, buf, sizeof(buf), pos)) > 0) {
		for (i = 0; i < n; i++)
			if (buf[i])
				return pos + i;
		pos += n;
	}
	return -1;
}

#if HAVE_LIBARCHIVE
static const char *ar_error(struct archive *a)
{
	const char *e = hv_archive.archive_error_string(a);

	return e ? e : "not a cpio archive libarchive can read";
}

/* Where the uncompressed cpio that holds a member at @from ends; -1: not found. */
static off_t newc_end(int fd, off_t from)
{
	char buf[65536 + 16];
	off_t pos = from;
	int rounds;

	for (rounds = 0; rounds < 64; rounds++) {
		ssize_t n = pread(fd, buf, sizeof(buf) - 1, pos);
		char *t;

		if (n <= 0)
			return -1;
		buf[n] = '\0';
		for (t = buf; (t = memmem(t, (size_t)n - (size_t)(t - buf), "TRAILER!!!", 11)); t++) {
			off_t name = pos + (t - buf), h = name - NEWC_HEADER;
			char magic[6];

			if (h < from || pread(fd, magic, 6, h) != 6 ||
			    (memcmp(magic, "070701", 6) && memcmp(magic, "070702", 6)))
				continue;
			/* header and name, padded to 4; a trailer has no data */
			return h + ((NEWC_HEADER + 11 + 3) & ~3);
		}
		pos += n > 16 ? n - 16 : n;
	}
	return -1;
}

/*
 * The archive at @off read once as a plain stream (libarchive's raw format,
 * its filters undoing any compression) and its newc headers checked
 * (newc_scan_feed()): what libarchive's cpio reader would buffer is bounded
 * before it reads them. 0 when they pass, or when the stream cannot be read
 * (the cpio reader then says why); -1 and @err where one does not.
 */
static int newc_precheck(int fd, off_t off, struct hv_err *err)
{
	struct archive *a = hv_archive.archive_read_new();
	struct newc_scan *s = calloc(1, sizeof(*s));
	struct archive_entry *e;
	char buf[65536];
	la_ssize_t n;
	int r = 0;

	if (!a || !s || lseek(fd, off, SEEK_SET) < 0)
		goto out;
	hv_archive.archive_read_support_filter_all(a);
	hv_archive.archive_read_support_format_raw(a);
	if (hv_archive.archive_read_open_fd(a, fd, 65536) != ARCHIVE_OK ||
	    hv_archive.archive_read_next_header(a, &e) != ARCHIVE_OK)
		goto out;
	while (!r && (n = hv_archive.archive_read_data(a, buf, sizeof(buf))) > 0)
		r = newc_scan_feed(s, buf, (size_t)n, err);
out:
	hv_archive.archive_read_free(a);
	free(s);
	return r < 0 ? -1 : 0;
}

/* One archive from @off read by libarchive; *next is where another starts, or -1. */
static int one_archive(int fd, off_t off, struct initramfs *ir, off_t *next, struct hv_err *err)
{
	struct archive *a = hv_archive.archive_read_new();
	struct archive_entry *e;
	int64_t last = -1;
	bool compressed;
	int r;

	*next = -1;
	if (newc_precheck(fd, off, err)) {
		hv_archive.archive_read_free(a);
		return -1;
	}
	if (!a || lseek(fd, off, SEEK_SET) < 0) {
		hv_err_set(err, 0, "%s", a ? strerror(errno) : "out of memory");
		hv_archive.archive_read_free(a);
		return -1;
	}
	hv_archive.archive_read_support_filter_all(a);
	hv_archive.archive_read_support_format_cpio(a);
	hv_archive.archive_read_support_format_empty(a);
	if (hv_archive.archive_read_open_fd(a, fd, 65536) != ARCHIVE_OK) {
		hv_err_set(err, 0, "at byte %lld: %s", (long long)off, ar_error(a));
		hv_archive.archive_read_free(a);
		return -1;
	}
	while ((r = hv_archive.archive_read_next_header(a, &e)) == ARCHIVE_OK) {
		const char *path = hv_archive.archive_entry_pathname(e);
		char name[64];

		last = hv_archive.archive_read_header_position(a);
		if (++ir->members > MAX_MEMBERS) {
			hv_err_set(err, 0, "more than %u members: not read further", MAX_MEMBERS);
			hv_archive.archive_read_free(a);
			return -1;
		}
		if (!path)
			continue;
		if (initramfs_module_name(path, name, sizeof(name))) {
			initramfs_add_module(ir, name);
		} else if (is_modprobe_conf(path) && hv_archive.archive_entry_size(e) <= CONF_CAP) {
			char buf[CONF_CAP];
			la_ssize_t n = hv_archive.archive_read_data(a, buf, sizeof(buf));

			if (n > 0)
				ir->blacklist |= modprobe_blacklisted(buf, (size_t)n, probe_modnames());
		}
	}
	if (r != ARCHIVE_EOF) {
		hv_err_set(err, 0, "at byte %lld: %s", (long long)off, ar_error(a));
		hv_archive.archive_read_free(a);
		return -1;
	}
	compressed = hv_archive.archive_filter_code(a, 0) != ARCHIVE_FILTER_NONE;
	if (compressed)
		ir->compressed = hv_archive.archive_filter_name(a, 0);
	else if (last >= 0)
		ir->early = true;
	hv_archive.archive_read_free(a);
	/* the kernel reads on after an uncompressed archive; a compressed one is the last */
	if (!compressed && last >= 0) {
		off_t end = newc_end(fd, off + last);

		if (end >= 0)
			*next = skip_zeros(fd, end);
	}
	return 0;
}

/* A compression @c our reader does not undo: libarchive, loaded now. */
static int lib_archive(int fd, off_t off, enum hv_comp c, struct initramfs *ir, off_t *next,
		       struct hv_err *err)
{
	(void)c;
	*next = -1;
	if (!hv_archive_load(err))
		return -2;
	return one_archive(fd, off, ir, next, err);
}
#else
static int lib_archive(int fd, off_t off, enum hv_comp c, struct initramfs *ir, off_t *next,
		       struct hv_err *err)
{
	(void)fd;
	(void)ir;
	*next = -1;
	hv_err_set(err, 0, "at byte %lld: %s, which this build reads only with libarchive "
		   "(not in it)", (long long)off, hv_comp_name(c) ? hv_comp_name(c) :
		   "a compression (or no cpio)");
	return -2;
}
#endif

/* Our reader's callbacks: each member, and a modprobe.d file's text. */
static bool own_member(void *ctx, const char *name, uint32_t mode, uint32_t filesize)
{
	struct initramfs *ir = ctx;
	char mod[64];

	(void)mode;
	(void)filesize;
	ir->members++;
	if (initramfs_module_name(name, mod, sizeof(mod))) {
		initramfs_add_module(ir, mod);
		return false;
	}
	return is_modprobe_conf(name);
}

static void own_data(void *ctx, const char *name, const unsigned char *buf, size_t len)
{
	struct initramfs *ir = ctx;

	(void)name;
	if (len)
		ir->blacklist |= modprobe_blacklisted((const char *)buf, len, probe_modnames());
}

static int own_sink(void *ctx, const void *buf, size_t len, struct hv_err *err)
{
	return newc_scan_feed(ctx, buf, len, err);
}

/* An uncompressed archive from @off: *next past its trailer and padding, or -1. */
static int own_newc(int fd, off_t off, struct newc_scan *s, off_t *next, struct hv_err *err)
{
	char buf[65536];
	off_t pos = off;
	ssize_t n;
	int r = 0;

	*next = -1;
	while (!r && (n = pread(fd, buf, sizeof(buf), pos)) > 0) {
		r = newc_scan_feed(s, buf, (size_t)n, err);
		pos += n;
	}
	if (r > 0) {
		*next = skip_zeros(fd, off + (off_t)s->pos);
		return 0;
	}
	if (!r && n < 0) {
		hv_err_set(err, 0, "byte %lld: %s", (long long)pos, strerror(errno));
		return -1;
	}
	return r ? -1 : newc_scan_end(s, err);
}

/* The archive at @off, compressed @c: ours to read, else libarchive's. */
static int one_part(int fd, off_t off, enum hv_comp c, struct newc_scan *s, off_t *next,
		    struct hv_err *err)
{
	struct initramfs *ir = s->ctx;
	int r;

	if (c == HV_COMP_NONE) {
		r = own_newc(fd, off, s, next, err);
		ir->early |= !r && s->members;
		return r;
	}
	*next = -1;
	r = c == HV_COMP_OTHER ? -2 : hv_unpack_fd(fd, off, c, own_sink, s, err);
	if (r == -2)
		return lib_archive(fd, off, c, ir, next, err);
	if (r < 0 && strncmp(err->msg, "byte ", 5)) {
		char m[sizeof(err->msg)];

		hv_strcopy(m, sizeof(m), err->msg);
		hv_err_set(err, 0, "at byte %lld: %.220s", (long long)off, m);
	}
	if (!r && newc_scan_end(s, err))
		r = -1;
	if (r >= 0)
		ir->compressed = hv_comp_name(c);
	return r < 0 ? -1 : 0;
}

int initramfs_read_fd(int fd, struct initramfs *ir, struct hv_err *err)
{
	struct newc_scan *s = malloc(sizeof(*s));	/* hdr[] and data_buf[] need no zeros */
	off_t off = 0;
	int archives = 0, r = 0;

	memset(ir, 0, sizeof(*ir));
	if (!s) {
		hv_err_set(err, 0, "out of memory");
		return -1;
	}
	s->member = own_member;
	s->data = own_data;
	s->ctx = ir;
	while (!r && off >= 0 && archives++ < MAX_ARCHIVES) {
		unsigned char magic[6];
		ssize_t n = pread(fd, magic, sizeof(magic), off);

		newc_scan_reset(s);
		r = one_part(fd, off, hv_comp_of(magic, n > 0 ? (size_t)n : 0), s, &off, err);
	}
	free(s);
	if (!r && !ir->members) {
		hv_err_set(err, 0, "no cpio members: not an initramfs");
		return -1;
	}
	return r;
}

void initramfs_add_module(struct initramfs *ir, const char *name)
{
	static const char *const wanted[] = {
		"pci_hyperv", "hyperv_drm", "hyperv_fb", "hv_vmbus", "hv_storvsc", "nvme",
		"nvme_core", "hv_netvsc", "mlx5_core", "mana",
	};
	size_t i, off = strlen(ir->modules);

	for (i = 0; i < MOD_COUNT; i++)
		if (!strcmp(name, module_name(i)))
			ir->mods |= MOD_BIT(i);
	for (i = 0; i < sizeof(wanted) / sizeof(wanted[0]); i++) {
		if (strcmp(name, wanted[i]) || (ir->wanted & (1u << i)))
			continue;
		ir->wanted |= 1u << i;
		if (off < sizeof(ir->modules))
			snprintf(ir->modules + off, sizeof(ir->modules) - off, "%s%s",
				 off ? "," : "", name);
	}
	ir->nmodules++;
}

/* collect's stand-in: one member name a line, and "blacklist NAME" lines. */
static int from_listing(struct probe *p, struct initramfs *ir)
{
	char *buf, name[64];
	const char *l;
	size_t len, n;
	struct line_iter it;

	if (hv_path_read(p->pc, INITRAMFS_LISTING, 16u << 20, &buf, &len))
		return -1;
	memset(ir, 0, sizeof(*ir));
	line_iter_init(&it, buf, len);
	while (line_next(&it, &l, &n)) {
		char line[512];

		snprintf(line, sizeof(line), "%.*s", (int)n, l);
		if (!strncmp(line, "# hvkdump: ", 11)) {
			const char *c = strrchr(line, ',');

			if (c)
				ir->members = (unsigned int)strtoul(c + 1, NULL, 10);
		} else if (!strcmp(line, "# early cpio")) {
			ir->early = true;
		} else if (!strncmp(line, "# compression ", 14)) {
			static const char *const known[] = { "gzip", "zstd", "xz", "lz4", "bzip2",
							     "lzma", "lzop" };
			size_t k;

			for (k = 0; k < sizeof(known) / sizeof(known[0]); k++)
				if (!strcmp(line + 14, known[k]))
					ir->compressed = known[k];
		} else if (!strncmp(line, "blacklist ", 10)) {
			ir->blacklist |= modprobe_blacklisted(line, strlen(line), probe_modnames());
		} else if (initramfs_module_name(line, name, sizeof(name))) {
			initramfs_add_module(ir, name);
		}
	}
	free(buf);
	return 0;
}

/*
 * sos's name for the output of @cmd run on @image: the command with each
 * run of characters other than letters, digits, "-", "." and "/" made "_",
 * then "/" made "." (sos report/plugins/__init__.py, _mangle_command()).
 */
static void sos_command_file(const char *cmd, const char *image, char *out, size_t len)
{
	char full[800];
	size_t i, o = 0;
	bool run = false;	/* in a run of characters made one "_" */

	snprintf(full, sizeof(full), "%s %s", cmd, image);
	for (i = 0; full[i] && o + 1 < len; i++) {
		char c = full[i];
		bool keep = isalnum((unsigned char)c) || strchr("_-./", c);

		if (!keep && run)
			continue;
		run = !keep;
		out[o++] = !keep ? '_' : c == '/' ? '.' : c;
	}
	out[o] = '\0';
}

/*
 * A sos report's listing of the kdump initramfs: Debian's kdump plugin runs
 * `lsinitramfs -l` on it, RHEL's `lsinitrd` (sos report/plugins/kdump.py).
 * Member names alone: the modprobe.d files inside are not read.
 */
static int from_sos_listing(struct probe *p, struct initramfs *ir, char *src, size_t slen)
{
	static const char *const cmds[] = { "lsinitramfs -l", "lsinitrd" };
	char *buf = NULL, path[PATH_MAX], name[64], image[2][sizeof(p->f->kdump_initrd) + 130];
	const char *l;
	size_t len, n, i, roots = 0;
	struct line_iter it;

	/* the image named, and (kdump-tools' initrd.img is a link) the running release's */
	hv_strcopy(image[0], sizeof(image[0]), p->f->kdump_initrd);
	snprintf(image[1], sizeof(image[1]), "%s-%s", p->f->kdump_initrd, p->f->release);
	for (i = 0; !buf && i < 2 * sizeof(cmds) / sizeof(cmds[0]); i++) {
		char file[800];

		if (i / 2 && !p->f->release[0])
			break;
		sos_command_file(cmds[i % 2], image[i / 2], file, sizeof(file));
		snprintf(src, slen, "%s%s", SOS_KDUMP_DIR, file);
		if (hv_path_read(p->pc, src, 16u << 20, &buf, &len))
			buf = NULL;
	}
	if (!buf)
		return -1;
	memset(ir, 0, sizeof(*ir));
	ir->listing_only = true;
	line_iter_init(&it, buf, len);
	while (line_next(&it, &l, &n)) {
		char line[PATH_MAX + 128];

		snprintf(line, sizeof(line), "%.*s", (int)n, l);
		if (!initramfs_listing_member(line, path, sizeof(path)))
			continue;
		ir->members++;
		roots += !strcmp(path, ".");
		if (initramfs_module_name(path, name, sizeof(name)))
			initramfs_add_module(ir, name);
	}
	free(buf);
	/* lsinitramfs lists each archive from its root: two roots, an early cpio first */
	ir->early = roots > 1;
	return ir->members ? 0 : -1;
}

void probe_initramfs(struct probe *p)
{
	struct facts *f = p->f;
	struct initramfs *ir = &p->initramfs;
	struct hv_err err = { 0, "" };
	char black[64], sos_src[900];
	const char *src = f->kdump_initrd;
	int fd, rc;

	if (!f->kdump_initrd[0]) {
		fact_unknown(f, F_KDUMP_MODULES, "the kdump configuration",
			     "unknown: no kdump initrd is named (assumed: pci_hyperv only)");
		return;
	}
	fd = hv_path_open_regular(p->pc, f->kdump_initrd, NULL);
	if (fd < 0) {
		if (!from_listing(p, ir)) {
			src = INITRAMFS_LISTING;
			goto found;
		}
		if (!from_sos_listing(p, ir, sos_src, sizeof(sos_src))) {
			src = sos_src;
			goto found;
		}
		fact_unknown(f, F_KDUMP_MODULES, f->kdump_initrd, "unknown: %s (assumed: "
			     "pci_hyperv only)", strerror(-fd));
		return;
	}
	rc = initramfs_read_fd(fd, ir, &err);
	close(fd);
	if (rc) {
		fact_unknown(f, F_KDUMP_MODULES, f->kdump_initrd, "unknown: %s (assumed: "
			     "pci_hyperv only)", err.msg);
		return;
	}
	p->initramfs_read = true;
found:
	f->kdump_modules = ir->mods;
	f->initramfs_blacklist = ir->blacklist;
	f->initramfs_members = ir->members;
	hv_strcopy(f->initramfs_modules, sizeof(f->initramfs_modules), ir->modules);
	module_set_str(ir->blacklist, black, sizeof(black));
	fact_set(f, F_KDUMP_MODULES, src, "holds %s%s%s (%u members%s%s%s%s)",
		 ir->modules[0] ? ir->modules : "none of the drivers that matter",
		 ir->blacklist ? "; blacklists " : "", ir->blacklist ? black : "",
		 ir->members, ir->early ? ", an early cpio first" : "",
		 ir->compressed ? ", " : "", ir->compressed ? ir->compressed : "",
		 ir->listing_only ? "; a listing: its modprobe.d files unread" : "");
}
