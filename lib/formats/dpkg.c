// SPDX-License-Identifier: GPL-2.0-or-later
/* The installed version of a package: dpkg's status file, or `dpkg -l` (a sos report). */
#include <stdio.h>
#include <string.h>

#include "util/strcopy.h"
#include "util/lines.h"
#include "parsers.h"

void dpkg_scan_init(struct dpkg_scan *s, const char *package)
{
	memset(s, 0, sizeof(*s));
	snprintf(s->want, sizeof(s->want), "Package: %s", package);
	s->wlen = strlen(s->want);
}

/*
 * One line of a stanza, of @len bytes: its first ones in s->head, its last
 * twelve in s->last. A blank line ends the stanza.
 */
static void stanza_line(struct dpkg_scan *s, size_t len)
{
	size_t h = len < sizeof(s->head) ? len : sizeof(s->head);

	if (!len) {
		if (s->in_pkg && s->installed && s->ver[0]) {
			s->done = true;
			return;
		}
		s->in_pkg = s->installed = false;
		s->ver[0] = '\0';
		return;
	}
	if (len == s->wlen && !memcmp(s->head, s->want, len))
		s->in_pkg = true;
	else if (line_starts(s->head, h, "Status: "))
		/* "install ok installed"; not "deinstall ok config-files" */
		s->installed = len >= 20 && !memcmp(s->last, "ok installed", 12);
	else if (line_starts(s->head, h, "Version: "))
		snprintf(s->ver, sizeof(s->ver), "%.*s", (int)(h - 9), s->head + 9);
}

/* @n more bytes of the line under way, none a newline. */
static void line_add(struct dpkg_scan *s, const char *p, size_t n)
{
	if (s->len < sizeof(s->head))
		memcpy(s->head + s->len, p, n < sizeof(s->head) - s->len ? n : sizeof(s->head) - s->len);
	if (n >= sizeof(s->last)) {
		memcpy(s->last, p + n - sizeof(s->last), sizeof(s->last));
	} else {
		memmove(s->last, s->last + n, sizeof(s->last) - n);
		memcpy(s->last + sizeof(s->last) - n, p, n);
	}
	s->len += n;
}

bool dpkg_scan_feed(struct dpkg_scan *s, const char *p, size_t len)
{
	const char *end = p + len, *nl;

	while (p < end && !s->done) {
		nl = memchr(p, '\n', (size_t)(end - p));
		line_add(s, p, (size_t)((nl ? nl : end) - p));
		if (!nl)
			break;
		stanza_line(s, s->len);
		s->len = 0;	/* last[] is whole again after 12 bytes: Status needs 20 */
		p = nl + 1;
	}
	return s->done;
}

int dpkg_scan_end(struct dpkg_scan *s, char *version, size_t vlen)
{
	if (!s->done && s->len)
		stanza_line(s, s->len);	/* the last line, without its newline */
	if (!s->done)
		stanza_line(s, 0);	/* the end of the text ends a stanza */
	if (!s->done)
		return -1;
	hv_strcopy(version, vlen, s->ver);
	return 0;
}

int dpkg_installed_version(const char *text, size_t len, const char *package,
			   char *version, size_t vlen)
{
	struct dpkg_scan s;

	dpkg_scan_init(&s, package);
	dpkg_scan_feed(&s, text, len);
	return dpkg_scan_end(&s, version, vlen);
}

/*
 * One line of `dpkg -l`: "ii  NAME[:ARCH]  VERSION  ARCH  DESCRIPTION". The
 * first column is the wanted state and the current one (dpkg-query's
 * list format): "ii" or "hi" is installed; "rc" (removed, its
 * configuration kept) and the header lines are not.
 */
static bool dpkg_list_line(const char *line, const char *package, char *version, size_t vlen)
{
	char state[4], name[128], ver[128];
	size_t n = strlen(package);

	if (sscanf(line, "%3s %127s %127s", state, name, ver) != 3)
		return false;
	if (strlen(state) < 2 || state[1] != 'i')
		return false;
	if (strncmp(name, package, n) || (name[n] && name[n] != ':'))
		return false;
	hv_strcopy(version, vlen, ver);
	return true;
}

int dpkg_list_version(const char *text, size_t len, const char *package, char *version,
		      size_t vlen)
{
	struct line_iter it;
	const char *p;
	size_t l;

	line_iter_init(&it, text, len);
	while (line_next(&it, &p, &l)) {
		char line[512];

		snprintf(line, sizeof(line), "%.*s", (int)(l < 511 ? l : 511), p);
		if (dpkg_list_line(line, package, version, vlen))
			return 0;
	}
	return -1;
}

unsigned int kexec_tools_version(const char *version)
{
	unsigned int a, b, c;
	const char *colon = strchr(version, ':');

	if (colon)
		version = colon + 1;
	if (sscanf(version, "%u.%u.%u", &a, &b, &c) != 3 || a > 99 || b > 99 || c > 99)
		return 0;
	return a * 10000 + b * 100 + c;
}
