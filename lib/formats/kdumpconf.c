// SPDX-License-Identifier: GPL-2.0-or-later
/* /etc/kdump.conf of kdump-utils: where kdumpctl writes the vmcore. */
#include <stdio.h>

#include "util/lines.h"
#include "parsers.h"

static const char *const fs_types[] = { "ext2", "ext3", "ext4", "xfs", "btrfs", "minix", "virtiofs" };

/* The first word of @p (length @l) and what follows it. */
static size_t word(const char *p, size_t l, const char **rest, size_t *rlen)
{
	size_t w = 0, r;

	while (w < l && p[w] != ' ' && p[w] != '\t')
		w++;
	r = w;
	while (r < l && (p[r] == ' ' || p[r] == '\t'))
		r++;
	*rest = p + r;
	*rlen = l - r;
	while (*rlen && ((*rest)[*rlen - 1] == ' ' || (*rest)[*rlen - 1] == '\t' ||
			 (*rest)[*rlen - 1] == '\r'))
		(*rlen)--;
	return w;
}

int kdumpconf_parse(const char *text, size_t len, struct kdumpconf *out, struct hv_err *err)
{
	struct line_iter it;
	const char *p, *rest;
	size_t l, rlen, i;

	snprintf(out->path, sizeof(out->path), "/var/crash");
	out->device[0] = '\0';
	out->target = KDUMPCONF_LOCAL;
	if (memchr(text, '\0', len)) {
		hv_err_set(err, 0, "NUL byte: not a kdump.conf");
		return -1;
	}
	line_iter_init(&it, text, len);
	while (line_next(&it, &p, &l)) {
		size_t w;

		while (l && (*p == ' ' || *p == '\t')) {
			p++;
			l--;
		}
		if (!l || *p == '#')
			continue;
		w = word(p, l, &rest, &rlen);
		if (w == 4 && !memcmp(p, "path", 4)) {
			if (!rlen || rlen >= sizeof(out->path) || *rest != '/') {
				hv_err_set(err, it.lineno, "path: expected an absolute directory");
				return -1;
			}
			snprintf(out->path, sizeof(out->path), "%.*s", (int)rlen, rest);
			continue;
		}
		if ((w == 3 && !memcmp(p, "nfs", 3)) || (w == 3 && !memcmp(p, "ssh", 3))) {
			if (!rlen) {
				hv_err_set(err, it.lineno, "%.*s: expected a target", (int)w, p);
				return -1;
			}
			out->target = p[0] == 'n' ? KDUMPCONF_NFS : KDUMPCONF_SSH;
			continue;
		}
		if (w == 3 && !memcmp(p, "raw", 3)) {
			out->target = KDUMPCONF_RAW;
			snprintf(out->device, sizeof(out->device), "%.*s", (int)rlen, rest);
			continue;
		}
		for (i = 0; i < sizeof(fs_types) / sizeof(fs_types[0]); i++)
			if (strlen(fs_types[i]) == w && !memcmp(p, fs_types[i], w))
				break;
		if (i < sizeof(fs_types) / sizeof(fs_types[0])) {
			snprintf(out->device, sizeof(out->device), "%.*s", (int)rlen, rest);
			continue;
		}
		/* the other directives (core_collector, extra_modules, ...) do not move the dump */
		for (i = 0; i < w; i++)
			if (!(p[i] == '_' || (p[i] >= 'a' && p[i] <= 'z') || (p[i] >= '0' && p[i] <= '9')))
				break;
		if (i < w || !w) {
			hv_err_set(err, it.lineno, "expected a directive, not \"%.*s\"",
				   (int)(l > 60 ? 60 : l), p);
			return -1;
		}
	}
	return 0;
}
