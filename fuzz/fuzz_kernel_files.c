// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What names a kernel: a recorded kexec command, file names, an hv_mmio=
 * line; and the domain checks of sysfs and proc text (GUIDs, releases,
 * lockdown, logs).
 */
#define _GNU_SOURCE
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "lib/formats/parsers.h"
#include "model/kdump_service.h"
#include "model/linux/releases.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

/* [@p, @p + @len) into @out with each run of blanks (space, tab, newline) as one space */
static size_t squeeze_all(const char *p, size_t len, char *out)
{
	size_t i, n = 0;
	bool blank = false;

	for (i = 0; i < len; i++) {
		bool b = p[i] == ' ' || p[i] == '\t' || p[i] == '\n';

		if (!b)
			out[n++] = p[i];
		else if (!blank)
			out[n++] = ' ';
		blank = b;
	}
	return n;
}

/*
 * The slow answer the changelog scan must give: the whole text and the
 * needle each squeezed, the needle's blanks at its ends dropped, then one
 * memmem(). An empty needle names nothing. @tmp holds at least @tlen bytes.
 */
static bool names_slowly(const char *text, size_t tlen, char *tmp, const char *needle)
{
	char nd[128];
	size_t tl = squeeze_all(text, tlen, tmp), nl = squeeze_all(needle, strlen(needle), nd),
	       from = 0;

	while (from < nl && nd[from] == ' ')
		from++;
	while (nl > from && nd[nl - 1] == ' ')
		nl--;
	return nl > from && memmem(tmp, tl, nd + from, nl - from);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char *s = malloc(size + 1), *tmp = malloc(size + 1), image[256], initrd[256], rel[128],
	     mod[64];
	struct kmsg_span low, high, fb;
	struct kernel_release kr;
	unsigned int c;

	if (!s || !tmp) {
		free(s);
		free(tmp);
		return 0;
	}
	memcpy(s, data, size);
	s[size] = '\0';
	kexec_cmd_parse(s, image, sizeof(image), initrd, sizeof(initrd));
	release_from_name(s, rel, sizeof(rel));
	initramfs_module_name(s, mod, sizeof(mod));
	kmsg_hv_mmio_parse(s, &low, &high, &fb);
	if (!kernel_release_parse(s, &kr))
		for (c = 0; c < KC_COUNT; c++)
			kernel_release_has(&kr, (enum kernel_change)c, rel, sizeof(rel));
	/*
	 * a changelog read whole, or in pieces (cut where the first byte
	 * says), names what the slow reference finds
	 */
	{
		const char *needle[2] = { "016a25e4b0df", " Improve  the\tlogic of\n" };
		struct changelog_scan sc;
		bool found[2], whole[2];
		size_t at, k, cut = size ? 1 + data[0] % 16 : 1;

		if (changelog_scan_init(&sc, needle, 2, whole))
			changelog_scan_feed(&sc, s, size);
		if (changelog_scan_init(&sc, needle, 2, found))
			for (at = 0; at < size; at += k) {
				k = size - at < cut ? size - at : cut;
				changelog_scan_feed(&sc, s + at, k);
			}
		if (whole[0] != names_slowly(s, size, tmp, needle[0]) ||
		    whole[1] != names_slowly(s, size, tmp, needle[1]) ||
		    found[0] != whole[0] || found[1] != whole[1])
			__builtin_trap();
	}
	/* the domain checks of sysfs and proc text */
	{
		struct hv_err err;
		unsigned int l;

		if (guid_valid(s, true) && strlen(s) != 38)
			__builtin_trap();
		if (kernel_release_valid(s) && (strlen(s) > 64 || *s < '0' || *s > '9'))
			__builtin_trap();
		if (!lockdown_parse(s, &l) && l > 2)
			__builtin_trap();
		log_text_check(s, size, &err);
		if (suse_kdump_version(s) > 999999)
			__builtin_trap();
	}
	free(s);
	free(tmp);
	return 0;
}
