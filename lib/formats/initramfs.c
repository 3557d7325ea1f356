// SPDX-License-Identifier: GPL-2.0-or-later
/* What a kdump initramfs's member names and modprobe.d files say. */
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "util/lines.h"
#include "parsers.h"

bool initramfs_module_name(const char *path, char *name, size_t len)
{
	static const char *const exts[] = { ".ko", ".ko.xz", ".ko.zst", ".ko.gz" };
	const char *base = strrchr(path, '/');
	size_t n, i, e;

	base = base ? base + 1 : path;
	n = strlen(base);
	for (e = 0; e < sizeof(exts) / sizeof(exts[0]); e++) {
		size_t el = strlen(exts[e]);

		if (n > el && !strcmp(base + n - el, exts[e]))
			break;
	}
	if (e == sizeof(exts) / sizeof(exts[0]) || !len)
		return false;
	n -= strlen(exts[e]);
	if (n >= len)
		n = len - 1;
	/* modprobe's names: '-' and '_' are the same, '_' is canonical */
	for (i = 0; i < n; i++)
		name[i] = base[i] == '-' ? '_' : base[i];
	name[n] = '\0';
	return true;
}

bool initramfs_listing_member(const char *line, char *path, size_t len)
{
	static const char types[] = "-dlcbps";
	const char *name, *arrow;
	int at = -1;
	size_t i, n;

	/* "drwxr-xr-x" first: a mode as ls prints it */
	if (strlen(line) < 11 || !strchr(types, line[0]) || line[0] == '\0')
		return false;
	for (i = 1; i < 10; i++)
		if (!strchr("rwxsStT-", line[i]))
			return false;
	/* links, owner, group, size, month, day, time or year, then the name */
	if (sscanf(line, "%*s %*s %*s %*s %*s %*s %*s %*s %n", &at) < 0 || at <= 0 ||
	    !line[at])
		return false;
	name = line + at;
	arrow = line[0] == 'l' ? strstr(name, " -> ") : NULL;
	n = arrow ? (size_t)(arrow - name) : strcspn(name, "\n");
	if (!n || n >= len)
		return false;
	memcpy(path, name, n);
	path[n] = '\0';
	return true;
}

/* An eight-digit hex field of a newc header; false if it is not one. */
static bool newc_field(const unsigned char *h, unsigned int i, uint32_t *v)
{
	const unsigned char *f = h + 6 + (size_t)8 * i;
	unsigned int k;

	*v = 0;
	for (k = 0; k < 8; k++) {
		int d = f[k] >= '0' && f[k] <= '9' ? f[k] - '0' :
			f[k] >= 'a' && f[k] <= 'f' ? f[k] - 'a' + 10 :
			f[k] >= 'A' && f[k] <= 'F' ? f[k] - 'A' + 10 : -1;

		if (d < 0)
			return false;
		*v = *v << 4 | (uint32_t)d;
	}
	return true;
}

#define NEWC_HDR	110
#define NEWC_MODE	1	/* the fields after the magic: ino, mode, ... */
#define NEWC_FILESIZE	6
#define NEWC_NAMESIZE	11
#define PAD4(n)		(((uint64_t)(n) + 3) & ~3ull)

/*
 * -1: what the header at byte @at claims, @n bytes, is out of the @range
 * ("1 to", "at most") of a real one.
 */
static int newc_too_large(struct newc_scan *s, uint64_t at, const char *what, uint32_t n,
			  const char *range, struct hv_err *err)
{
	hv_err_set(err, 0, "byte %" PRIu64 " of the cpio stream: %s of %" PRIu32 " bytes "
		   "(%s %d, PATH_MAX, in a real one): too large to read", at, what, n, range,
		   NEWC_NAME_MAX);
	s->namesize = 0;
	return -1;
}

/* The 110 bytes of a header in hdr[], at byte @at: its magic and sizes. */
static int newc_header(struct newc_scan *s, uint64_t at, struct hv_err *err)
{
	if (memcmp(s->hdr, "070701", 6) && memcmp(s->hdr, "070702", 6)) {
		hv_err_set(err, 0, "byte %" PRIu64 " of the cpio stream: no newc "
			   "header (the kernel unpacks only newc): not read", at);
		return -1;
	}
	if (!newc_field(s->hdr, NEWC_MODE, &s->mode) ||
	    !newc_field(s->hdr, NEWC_FILESIZE, &s->filesize) ||
	    !newc_field(s->hdr, NEWC_NAMESIZE, &s->namesize)) {
		hv_err_set(err, 0, "byte %" PRIu64 " of the cpio stream: a newc "
			   "header with a field that is not hex: not read", at);
		s->namesize = 0;
		return -1;
	}
	/* a name, and a symbolic link's target, at most PATH_MAX as in a real one */
	if (!s->namesize || s->namesize > NEWC_NAME_MAX)
		return newc_too_large(s, at, "a member claims a name", s->namesize, "1 to",
				      err);
	if ((s->mode & 0170000) == 0120000 && s->filesize > NEWC_NAME_MAX)
		return newc_too_large(s, at, "a symbolic link claims a target", s->filesize,
				      "at most", err);
	return 0;
}

/* The header and name in hdr[], at byte s->pos: 1 at the trailer, 0 or -1. */
static int newc_name(struct newc_scan *s, struct hv_err *err)
{
	const char *name = (const char *)s->hdr + NEWC_HDR;
	uint64_t at = s->pos, data = PAD4(NEWC_HDR + s->namesize) - NEWC_HDR - s->namesize;

	if (name[s->namesize - 1]) {
		hv_err_set(err, 0, "byte %" PRIu64 " of the cpio stream: a member's name "
			   "does not end in a NUL: not read", at);
		return -1;
	}
	s->pos += NEWC_HDR + s->namesize;
	s->have = 0;
	if (s->namesize == 11 && !memcmp(name, "TRAILER!!!", 11)) {
		s->pos += data + PAD4(s->filesize);
		return 1;
	}
	/* counted once taken: a member refused here is no member */
	if (s->members >= NEWC_MEMBERS_MAX || at + PAD4(NEWC_HDR + s->namesize) +
	    PAD4(s->filesize) > NEWC_STREAM_MAX) {
		hv_err_set(err, 0, "byte %" PRIu64 " of the cpio stream: more than %u members "
			   "or %llu bytes: not read further", at, NEWC_MEMBERS_MAX,
			   (unsigned long long)NEWC_STREAM_MAX);
		return -1;
	}
	s->members++;
	s->skip = data;
	s->kept = s->keep = 0;
	if (s->member && s->member(s->ctx, name, s->mode, s->filesize) && s->data &&
	    s->filesize <= NEWC_DATA_MAX) {
		s->keep = s->filesize;
		s->after = PAD4(s->filesize) - s->filesize;
		if (!s->keep)
			s->data(s->ctx, name, s->data_buf, 0);
	} else {
		s->skip += PAD4(s->filesize);
	}
	s->namesize = 0;
	return 0;
}

/* Up to @len bytes of @p into the data kept; how many were taken. */
static size_t newc_keep(struct newc_scan *s, const unsigned char *p, size_t len)
{
	size_t n = len < s->keep - s->kept ? len : s->keep - s->kept;

	memcpy(s->data_buf + s->kept, p, n);
	s->kept += (uint32_t)n;
	s->pos += n;
	if (s->kept == s->keep) {
		s->data(s->ctx, (const char *)s->hdr + NEWC_HDR, s->data_buf, s->kept);
		s->keep = s->kept = 0;
		s->skip = s->after;
		s->after = 0;
	}
	return n;
}

int newc_scan_feed(struct newc_scan *s, const void *buf, size_t len, struct hv_err *err)
{
	const unsigned char *p = buf, *end = p + len;

	while (p < end) {
		size_t want, n;
		int r;

		if (s->skip) {
			n = (uint64_t)(end - p) < s->skip ? (size_t)(end - p) : (size_t)s->skip;
			p += n;
			s->skip -= n;
			s->pos += n;
			continue;
		}
		if (s->keep) {
			p += newc_keep(s, p, (size_t)(end - p));
			continue;
		}
		want = s->namesize ? NEWC_HDR + s->namesize : NEWC_HDR;
		n = (size_t)(end - p) < want - s->have ? (size_t)(end - p) : want - s->have;
		memcpy(s->hdr + s->have, p, n);
		s->have += n;
		p += n;
		if (s->have < want)
			break;
		r = s->namesize ? newc_name(s, err) : newc_header(s, s->pos, err);
		if (r)
			return r;
	}
	return 0;
}

void newc_scan_reset(struct newc_scan *s)
{
	memset(&s->pos, 0, offsetof(struct newc_scan, hdr) - offsetof(struct newc_scan, pos));
}

int newc_scan_end(const struct newc_scan *s, struct hv_err *err)
{
	if (!s->have && !s->skip && !s->keep)
		return 0;
	hv_err_set(err, 0, "byte %" PRIu64 " of the cpio stream: the stream ends inside a "
		   "member: truncated", s->pos);
	return -1;
}
