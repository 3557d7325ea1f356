// SPDX-License-Identifier: GPL-2.0-or-later
/* What a kdump initramfs's member names and modprobe.d files say. */
#include <stdio.h>
#include <string.h>

#include "lib/util/lines.h"
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

unsigned int modprobe_blacklisted(const char *text, size_t len)
{
	static const char *const mods[MOD_COUNT] = { "pci_hyperv", "hyperv_drm", "hyperv_fb" };
	struct line_iter it;
	const char *p;
	size_t l;
	unsigned int set = 0, m;

	line_iter_init(&it, text, len);
	while (line_next(&it, &p, &l)) {
		char word[64];
		size_t w = 0, i = 0;

		while (i < l && (p[i] == ' ' || p[i] == '\t'))
			i++;
		if (i + 10 > l || strncmp(p + i, "blacklist", 9) || (p[i + 9] != ' ' && p[i + 9] != '\t'))
			continue;
		i += 9;
		while (i < l && (p[i] == ' ' || p[i] == '\t'))
			i++;
		for (; i < l && w + 1 < sizeof(word) && p[i] != ' ' && p[i] != '\t' && p[i] != '#'; i++)
			word[w++] = p[i] == '-' ? '_' : p[i];
		word[w] = '\0';
		for (m = 0; m < MOD_COUNT; m++)
			if (!strcmp(word, mods[m]))
				set |= MOD_BIT(m);
	}
	return set;
}
