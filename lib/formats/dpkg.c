// SPDX-License-Identifier: GPL-2.0-or-later
/* The installed version of a package: dpkg's status file, or `dpkg -l` (a sos report). */
#include <stdio.h>
#include <string.h>

#include "util/strcopy.h"
#include "util/lines.h"
#include "parsers.h"

int dpkg_installed_version(const char *text, size_t len, const char *package,
			   char *version, size_t vlen)
{
	char want[128], ver[128] = "";
	bool in_pkg = false, installed = false;
	struct line_iter it;
	const char *p;
	size_t l;

	snprintf(want, sizeof(want), "Package: %s", package);
	line_iter_init(&it, text, len);
	for (;;) {
		bool more = line_next(&it, &p, &l);

		if (!more || l == 0) {
			/* the end of a stanza */
			if (in_pkg && installed && ver[0]) {
				hv_strcopy(version, vlen, ver);
				return 0;
			}
			in_pkg = installed = false;
			ver[0] = '\0';
			if (!more)
				return -1;
			continue;
		}
		if (l == strlen(want) && !memcmp(p, want, l))
			in_pkg = true;
		else if (line_starts(p, l, "Status: "))
			/* "install ok installed"; not "deinstall ok config-files" */
			installed = l >= 20 && !memcmp(p + l - 12, "ok installed", 12);
		else if (line_starts(p, l, "Version: "))
			snprintf(ver, sizeof(ver), "%.*s", (int)(l - 9), p + 9);
	}
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
