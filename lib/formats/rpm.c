// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * rpm's answer to `rpm -q --qf '%{VERSION}-%{RELEASE}' NAME`, sos's list of
 * installed rpms, and the header
 * image rpm keeps for each package in its database (lib/header.c, headerExport)
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "parsers.h"
#include "util/bytes.h"
#include "util/lines.h"

/* VERSION-RELEASE as rpm prints them: one line, no blanks, one '-' at least */
int rpm_version_parse(const char *text, size_t len, char *out, size_t outlen)
{
	size_t n = 0;

	while (n < len && text[n] != '\n')
		n++;
	if (!n || n >= outlen || !memchr(text, '-', n))
		return -1;
	for (size_t i = 0; i < n; i++)	/* strchr() finds a NUL: refused apart */
		if (!strchr("0123456789abcdefghijklmnopqrstuvwxyz"
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZ._+~^-", text[i]) || !text[i])
			return -1;
	memmove(out, text, n);	/* @out may be @text */
	out[n] = '\0';
	return 0;
}

/*
 * sos's installed-rpms: "NAME-VERSION-RELEASE.ARCH  INSTALLTIME" a line,
 * sorted by version (sos report/plugins/rpm.py). @package's VERSION-RELEASE,
 * the last line that names it (the highest); 0 or -1.
 */
int rpm_list_version(const char *text, size_t len, const char *package, char *out,
		     size_t outlen)
{
	size_t n = strlen(package), l;
	struct line_iter it;
	const char *line;
	int rc = -1;

	line_iter_init(&it, text, len);
	while (line_next(&it, &line, &l)) {
		size_t w = 0;
		char nvra[256];
		char *dot;

		while (w < l && line[w] != ' ' && line[w] != '\t')
			w++;
		/* NAME, '-', and a VERSION that starts with a digit: not NAME-devel-... */
		if (w <= n + 1 || w >= sizeof(nvra) || memcmp(line, package, n) ||
		    line[n] != '-' || line[n + 1] < '0' || line[n + 1] > '9')
			continue;
		memcpy(nvra, line + n + 1, w - n - 1);
		nvra[w - n - 1] = '\0';
		dot = strrchr(nvra, '.');
		if (!dot)
			continue;
		*dot = '\0';
		if (!rpm_version_parse(nvra, strlen(nvra), out, outlen))
			rc = 0;
	}
	return rc;
}

/*
 * rpm's header image (lib/header.c, headerImport(), hdrblobVerifyInfo(),
 * rpm 4.14 to 4.20): big-endian counts of index entries and data bytes,
 * then 16-byte entries (tag, type, offset into the data, count), then the data
 */
#define RPMTAG_NAME		1000
#define RPMTAG_VERSION		1001
#define RPMTAG_RELEASE		1002
#define RPMTAG_ARCH		1022
#define RPMTAG_CHANGELOGTIME	1080
#define RPMTAG_CHANGELOGNAME	1081
#define RPMTAG_CHANGELOGTEXT	1082
#define RPM_INT32_TYPE		4
#define RPM_STRING_TYPE		6
#define RPM_STRING_ARRAY_TYPE	8
#define HEADER_MAX_IL	0xffffu		/* rpm's own limits (hdrblobVerifyInfo) */
#define HEADER_MAX_DL	(256u << 20)

struct hdr {
	const unsigned char *index, *data;
	uint32_t il, dl;
};

/* The counts of @blob, held to its @len: 0, or -1 when they claim more. */
static int hdr_open(struct hdr *h, const unsigned char *blob, size_t len)
{
	if (len < 8)
		return -1;
	h->il = get_be32(blob);
	h->dl = get_be32(blob + 4);
	if (h->il > HEADER_MAX_IL || h->dl > HEADER_MAX_DL ||
	    8 + (size_t)h->il * 16 + h->dl > len)
		return -1;
	h->index = blob + 8;
	h->data = h->index + (size_t)h->il * 16;
	return 0;
}

/* The index entry of @tag (the first, as rpm's findEntry()), or NULL. */
static const unsigned char *hdr_entry(const struct hdr *h, uint32_t tag)
{
	for (uint32_t i = 0; i < h->il; i++)
		if (get_be32(h->index + (size_t)i * 16) == tag)
			return h->index + (size_t)i * 16;
	return NULL;
}

/* The string of tag @tag, or NULL when it is missing or not a string. */
static const char *header_string(const struct hdr *h, uint32_t tag)
{
	const unsigned char *e = hdr_entry(h, tag);
	uint32_t off;

	if (!e)
		return NULL;
	off = get_be32(e + 8);
	if (get_be32(e + 4) != RPM_STRING_TYPE || off >= h->dl ||
	    !memchr(h->data + off, '\0', h->dl - off))
		return NULL;
	return (const char *)h->data + off;
}

/* NAME, VERSION-RELEASE and ARCH ("" when there is none) of @blob: 0 or -1 */
static int header_nvra(const unsigned char *blob, size_t len, const char **name, char *vr,
		       size_t vrlen, const char **arch)
{
	const char *v, *r;
	struct hdr h;
	int w;

	if (hdr_open(&h, blob, len))
		return -1;
	*name = header_string(&h, RPMTAG_NAME);
	v = header_string(&h, RPMTAG_VERSION);
	r = header_string(&h, RPMTAG_RELEASE);
	*arch = header_string(&h, RPMTAG_ARCH);
	if (!*arch)
		*arch = "";
	if (!*name || !v || !r)
		return -1;
	w = snprintf(vr, vrlen, "%s-%s", v, r);
	return w < 0 || (size_t)w >= vrlen || rpm_version_parse(vr, (size_t)w, vr, vrlen) ? -1 : 0;
}

int rpm_header_version(const unsigned char *blob, size_t len, char *name, size_t nlen,
		       char *out, size_t outlen)
{
	const char *n, *arch;

	if (header_nvra(blob, len, &n, out, outlen, &arch) || strlen(n) >= nlen)
		return -1;
	memcpy(name, n, strlen(n) + 1);
	return 0;
}

/* One array entry of a header: its items, the offset of the first and the end of the last. */
struct hdr_array {
	const char *tag;	/* as rpm's --querytags names it */
	uint32_t count, off, end;
};

/*
 * The entry of @tag as an array of @type, held to the header's data: each
 * string ends within it, numbers are aligned as rpm aligns them
 * (hdrchkAlign) and fit. 0; 1 when there is no such entry; -1 with @why.
 */
static int hdr_array(const struct hdr *h, uint32_t tag, uint32_t type, struct hdr_array *a,
		     char *why, size_t wlen)
{
	const unsigned char *e = hdr_entry(h, tag);
	uint32_t p;

	if (!e)
		return 1;
	a->off = get_be32(e + 8);
	a->count = get_be32(e + 12);
	if (get_be32(e + 4) != type || !a->count) {
		snprintf(why, wlen, "%s is not an array of %s (type %u, %u items)", a->tag,
			 type == RPM_INT32_TYPE ? "numbers" : "strings", get_be32(e + 4), a->count);
		return -1;
	}
	if (type == RPM_INT32_TYPE) {
		if (a->off % 4 || a->off > h->dl || (uint64_t)a->count * 4 > h->dl - a->off)
			goto past;
		a->end = a->off + a->count * 4;
		return 0;
	}
	/* every string is a byte at least: a count beyond the data is a lie */
	if (a->off > h->dl || a->count > h->dl - a->off)
		goto past;
	for (p = a->off, a->end = 0; a->end < a->count; a->end++) {
		const unsigned char *nul = memchr(h->data + p, '\0', h->dl - p);

		if (!nul)
			goto past;
		p = (uint32_t)(nul - h->data) + 1;
	}
	a->end = p;
	return 0;
past:
	snprintf(why, wlen, "%s's %u items at byte %u run past the header's %u data bytes",
		 a->tag, a->count, a->off, h->dl);
	return -1;
}

/* The three arrays, of one length: 0, 1 when the header has none of them, -1 with @why. */
static int changelog_arrays(const struct hdr *h, struct hdr_array a[3], char *why, size_t wlen)
{
	static const uint32_t tags[3] = { RPMTAG_CHANGELOGTIME, RPMTAG_CHANGELOGNAME,
					  RPMTAG_CHANGELOGTEXT };
	static const char *const names[3] = { "CHANGELOGTIME", "CHANGELOGNAME", "CHANGELOGTEXT" };
	int rc[3];

	for (int i = 0; i < 3; i++) {
		a[i].tag = names[i];
		rc[i] = hdr_array(h, tags[i], i ? RPM_STRING_ARRAY_TYPE : RPM_INT32_TYPE, &a[i],
				  why, wlen);
		if (rc[i] < 0)
			return -1;
	}
	if (rc[0] && rc[1] && rc[2])
		return 1;
	if (rc[0] || rc[1] || rc[2] || a[0].count != a[1].count || a[1].count != a[2].count) {
		snprintf(why, wlen, "the changelog's times, names and texts differ in number "
			 "(%u, %u, %u)", rc[0] ? 0 : a[0].count, rc[1] ? 0 : a[1].count,
			 rc[2] ? 0 : a[2].count);
		return -1;
	}
	return 0;
}

int rpm_header_changelog(const unsigned char *blob, size_t len, char **text, size_t *tlen,
			 char *why, size_t wlen)
{
	const char *name, *body;
	struct hdr_array a[3];
	struct hdr h;
	size_t cap, o = 0;
	char *out;
	int rc;

	*text = NULL;
	*tlen = 0;
	if (hdr_open(&h, blob, len)) {
		snprintf(why, wlen, "a header whose counts claim more than its %zu bytes", len);
		return -1;
	}
	rc = changelog_arrays(&h, a, why, wlen);
	if (rc) {
		if (rc > 0)
			snprintf(why, wlen, "the header has no changelog");
		return rc;
	}
	/* "* 2024-04-10 NAME\nTEXT\n\n" an entry, as rpm -q --changelog, the date ISO's */
	cap = (size_t)(a[1].end - a[1].off) + (a[2].end - a[2].off) + (size_t)a[0].count * 20 + 1;
	out = malloc(cap);
	if (!out) {
		snprintf(why, wlen, "out of memory for a changelog of %u entries", a[0].count);
		return -1;
	}
	name = (const char *)h.data + a[1].off;
	body = (const char *)h.data + a[2].off;
	for (uint32_t i = 0; i < a[0].count; i++) {
		time_t t = (time_t)get_be32(h.data + a[0].off + 4 * (size_t)i);
		struct tm tm;

		if (!gmtime_r(&t, &tm))
			memset(&tm, 0, sizeof(tm));
		o += (size_t)snprintf(out + o, cap - o, "* %04d-%02d-%02d %s\n%s\n\n",
				      (tm.tm_year + 1900) % 10000, tm.tm_mon + 1, tm.tm_mday, name,
				      body);
		name += strlen(name) + 1;
		body += strlen(body) + 1;
	}
	*text = out;
	*tlen = o;
	return 0;
}

void rpm_pick_header(void *ctx, uint64_t instance, const unsigned char *blob, size_t len)
{
	struct rpm_pick *pk = ctx;
	char got[128], ver[128];

	if (rpm_header_version(blob, len, got, sizeof(got), ver, sizeof(ver))) {
		pk->unread = true;
		return;
	}
	if (strcmp(got, pk->name) || (pk->found && instance < pk->best))
		return;
	if (strlen(ver) >= pk->outlen) {
		pk->toolong = true;
		return;
	}
	pk->found = true;
	pk->best = instance;
	strcpy(pk->out, ver);
}

int rpm_pick_done(const struct rpm_pick *pk, char *why, size_t wlen)
{
	if (pk->toolong) {
		snprintf(why, wlen, "%s's version is longer than %zu bytes", pk->name,
			 pk->outlen - 1);
		return -1;
	}
	if (pk->found)
		return 0;
	if (pk->unread) {
		/* the one that does not read may be @name's */
		snprintf(why, wlen, "a package header does not read: %s may be installed",
			 pk->name);
		return -1;
	}
	snprintf(why, wlen, "%s is not installed", pk->name);
	return 1;
}

int rpm_db_version(rpm_walk *walk, const unsigned char *img, size_t len, const char *name,
		   char *out, size_t outlen, char *why, size_t wlen)
{
	struct rpm_pick pk = { .name = name, .out = out, .outlen = outlen };

	if (walk(img, len, rpm_pick_header, &pk, why, wlen))
		return -1;
	return rpm_pick_done(&pk, why, wlen);
}

/*
 * How package @name at @vr ("VERSION-RELEASE") on @arch fits the kernel
 * release @release (uname -r): 0 not; 1 the kernel's own package, 2 the
 * "kernel" that names it. RHEL, Fedora (kernel-core since Fedora 21 and
 * RHEL 8; kernel before) and Azure Linux (kernel) release VERSION-RELEASE,
 * with .ARCH but on Azure Linux; RHEL's variants kernel-VARIANT-core
 * (rt, 64k, debug) VERSION-RELEASE.ARCH+VARIANT (kernel.spec's
 * KVERREL+variant); SUSE's kernel-FLAVOR releases VERSION-RELEASE less the
 * rebuild number, then -FLAVOR: kernel-default 5.14.21-150500.55.39.1 is
 * 5.14.21-150500.55.39-default.
 */
static int kernel_rank(const char *release, const char *name, const char *vr, const char *arch)
{
	size_t n = strlen(vr), nl = strlen(name);
	const char *dot;
	char want[256];

	if (!strcmp(name, "kernel-core") || !strcmp(name, "kernel")) {
		if (strncmp(release, vr, n) ||
		    (release[n] && (release[n] != '.' || strcmp(release + n + 1, arch))))
			return 0;
		return name[6] ? 1 : 2;
	}
	if (strncmp(name, "kernel-", 7))
		return 0;
	if (nl > 12 && !strcmp(name + nl - 5, "-core")) {
		snprintf(want, sizeof(want), "%s.%s+%.*s", vr, arch, (int)(nl - 12), name + 7);
		return !strcmp(want, release);
	}
	dot = strrchr(vr, '.');
	if (!dot || strchr(dot, '-'))
		return 0;
	n = (size_t)(dot - vr);
	return !strncmp(release, vr, n) && release[n] == '-' && !strcmp(release + n + 1, name + 7);
}

/* @s is a flavour or variant name: letters and digits, 1 to 50 */
static bool flavor_name(const char *s)
{
	size_t n = strlen(s);

	return n && n <= 50 && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789") == n;
}

unsigned int rpm_kernel_names(const char *release, char names[RPM_KERNEL_NAMES][64])
{
	const char *flavor = strrchr(release, '-'), *variant = strrchr(release, '+');
	unsigned int n = 0;

	snprintf(names[n++], 64, "kernel-core");
	snprintf(names[n++], 64, "kernel");
	/* RHEL's +rt, +64k; else SUSE's -default, -azure */
	if (variant && flavor_name(variant + 1))
		snprintf(names[n++], 64, "kernel-%s-core", variant + 1);
	else if (flavor && flavor_name(flavor + 1))
		snprintf(names[n++], 64, "kernel-%s", flavor + 1);
	return n;
}

void rpm_kernel_header(void *ctx, uint64_t instance, const unsigned char *blob, size_t len)
{
	struct rpm_kernel *k = ctx;
	const char *name, *arch;
	char vr[128], why[200], *text;
	size_t tlen;
	int rank;

	if (header_nvra(blob, len, &name, vr, sizeof(vr), &arch))
		return;
	rank = kernel_rank(k->release, name, vr, arch);
	if (!rank || (k->rank && (rank > k->rank || (rank == k->rank && instance < k->best))))
		return;
	k->rank = rank;
	k->best = instance;
	k->why[0] = '\0';
	snprintf(k->nvra, sizeof(k->nvra), "%s-%s%s%s", name, vr, arch[0] ? "." : "", arch);
	free(k->text);
	if (rpm_header_changelog(blob, len, &text, &tlen, why, sizeof(why))) {
		snprintf(k->why, sizeof(k->why), "%.60s: %s", k->nvra, why);
		text = NULL;
		tlen = 0;
	}
	k->text = text;
	k->tlen = tlen;
}
