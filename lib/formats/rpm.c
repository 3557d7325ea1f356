// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * rpm's answer to `rpm -q --qf '%{VERSION}-%{RELEASE}' NAME`, sos's list of
 * installed rpms, and the header
 * image rpm keeps for each package in its database (lib/header.c, headerExport)
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

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

/* rpm's header image: big-endian counts, then 16-byte index entries, then data */
#define RPMTAG_NAME	1000
#define RPMTAG_VERSION	1001
#define RPMTAG_RELEASE	1002
#define RPM_STRING_TYPE	6
#define HEADER_MAX_IL	0xffffu		/* rpm's own limits (hdrblobVerifyInfo) */
#define HEADER_MAX_DL	(256u << 20)

/* The string of tag @tag, or NULL when it is missing or not a string. */
static const char *header_string(const unsigned char *blob, uint32_t il, uint32_t dl,
				 uint32_t tag)
{
	const unsigned char *data = blob + 8 + (size_t)il * 16;

	for (uint32_t i = 0; i < il; i++) {
		const unsigned char *e = blob + 8 + (size_t)i * 16;
		uint32_t off = get_be32(e + 8);

		if (get_be32(e) != tag)
			continue;
		if (get_be32(e + 4) != RPM_STRING_TYPE || off >= dl ||
		    !memchr(data + off, '\0', dl - off))
			return NULL;
		return (const char *)data + off;
	}
	return NULL;
}

int rpm_header_version(const unsigned char *blob, size_t len, char *name, size_t nlen,
		       char *out, size_t outlen)
{
	const char *n, *v, *r;
	uint32_t il, dl;
	int w;

	if (len < 8)
		return -1;
	il = get_be32(blob);
	dl = get_be32(blob + 4);
	if (il > HEADER_MAX_IL || dl > HEADER_MAX_DL || 8 + (size_t)il * 16 + dl > len)
		return -1;
	n = header_string(blob, il, dl, RPMTAG_NAME);
	v = header_string(blob, il, dl, RPMTAG_VERSION);
	r = header_string(blob, il, dl, RPMTAG_RELEASE);
	if (!n || !v || !r || strlen(n) >= nlen)
		return -1;
	w = snprintf(out, outlen, "%s-%s", v, r);
	if (w < 0 || (size_t)w >= outlen || rpm_version_parse(out, (size_t)w, out, outlen))
		return -1;
	memcpy(name, n, strlen(n) + 1);
	return 0;
}

void rpm_pick_header(struct rpm_pick *pk, uint64_t instance, const unsigned char *blob,
		     size_t len)
{
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
