// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/self/mountinfo (Documentation/filesystems/proc.rst): "ID PARENT
 * MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL...] - FSTYPE SOURCE SUPER".
 * The mount that holds a path is the last one with the longest mount
 * point that is a prefix of it.
 */
#include <stdio.h>
#include <stdlib.h>

#include "util/strcopy.h"
#include "util/lines.h"
#include "parsers.h"

/* Copies field @n (0-based, space separated) of the line, unescaping \040. */
static bool field(const char *p, size_t l, unsigned int n, char *out, size_t olen)
{
	size_t i = 0, o = 0;

	while (n--) {
		while (i < l && p[i] != ' ')
			i++;
		if (i++ >= l)
			return false;
	}
	for (; i < l && p[i] != ' '; i++) {
		char c = p[i];

		if (c == '\\' && i + 3 < l && p[i + 1] >= '0' && p[i + 1] <= '3') {
			c = (char)((p[i + 1] - '0') * 64 + (p[i + 2] - '0') * 8 + (p[i + 3] - '0'));
			i += 3;
		}
		if (o + 1 >= olen)
			return false;
		out[o++] = c;
	}
	out[o] = '\0';
	return o > 0;
}

static bool holds(const char *mountpoint, const char *path)
{
	size_t n = strlen(mountpoint);

	if (!strcmp(mountpoint, "/"))
		return true;
	return !strncmp(mountpoint, path, n) && (path[n] == '/' || path[n] == '\0');
}

int mountinfo_find(const char *text, size_t len, const char *path, struct mount_src *out,
		   struct hv_err *err)
{
	size_t best = 0, l;
	struct line_iter it;
	const char *p;
	bool found = false;

	if (memchr(text, '\0', len)) {
		hv_err_set(err, 0, "NUL byte: not a mountinfo");
		return -1;
	}
	line_iter_init(&it, text, len);
	while (line_next(&it, &p, &l)) {
		char mp[256], majmin[32], fstype[32], source[256];
		const char *sep;
		unsigned int ma, mi;
		size_t off;

		if (!l)
			continue;
		sep = NULL;
		for (off = 0; off + 3 <= l; off++)
			if (!memcmp(p + off, " - ", 3)) {
				sep = p + off;
				break;
			}
		if (!sep || !field(p, l, 4, mp, sizeof(mp)) || !field(p, l, 2, majmin, sizeof(majmin)) ||
		    sscanf(majmin, "%u:%u", &ma, &mi) != 2 ||
		    !field(sep + 3, l - off - 3, 0, fstype, sizeof(fstype)) ||
		    !field(sep + 3, l - off - 3, 1, source, sizeof(source))) {
			hv_err_set(err, it.lineno, "not a mountinfo line: \"%.*s\"",
				   (int)(l > 60 ? 60 : l), p);
			return -1;
		}
		if (!holds(mp, path) || strlen(mp) < best)
			continue;
		best = strlen(mp);
		found = true;
		hv_strcopy(out->mountpoint, sizeof(out->mountpoint), mp);
		hv_strcopy(out->source, sizeof(out->source), source);
		hv_strcopy(out->fstype, sizeof(out->fstype), fstype);
		out->major = ma;
		out->minor = mi;
	}
	if (!found) {
		hv_err_set(err, 0, "no mount holds %s", path);
		return -1;
	}
	return 0;
}
