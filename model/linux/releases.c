// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The Linux releases that carry each change. Sources: the mainline tags
 * (git describe --contains of each commit), the stable releases'
 * announcements for 016a25e4b0df (SPEC section 3: 7.0.13 321ab33f8393,
 * 6.18.37 02ac3ba41628, 6.12.95 eb32d2ddae5e, 6.6.144 67fde21e4522,
 * 6.1.177 49075fe7e21d, 5.15.211 f2cbbddc848d, 5.10.260 2023e82d5857), and
 * the 5.15.y backport of it, which shows that line never had 2a8a8afba0c3
 * nor a07b50d80ab6. No distribution kernel is known to carry 016a25e4b0df
 * yet: for them only the base release's own content is certain.
 *
 * hyperv_fb's screen_info history, read in Debian's kernel sources and
 * changelogs (linux-source-6.1 6.1.176-1 and 6.1.192-3, linux-source-6.12
 * 6.12.118-1~deb12u1, linux-source-7.2 7.2.13-1): 3cb73bc3fa2a came to
 * stable in 5.9.7 (the 5.9.9-1 entry) and is in both 6.1 sources;
 * c25a19afb81c was merged with fbdev-for-6.8-rc1, so v6.8, and neither 6.1
 * source has it; 304386373007 came to 6.12.y in 6.12.20 (the 6.12.20-1
 * entry; 6.12.118's hvfb_getmem() removes the firmware framebuffers
 * first), and it fixes c25a19afb81c, which 6.1.y never took: 6.1.192's
 * hvfb_getmem() still allocates first and clears screen_info.
 */
#include <stdio.h>
#include <string.h>

#include "releases.h"

#define V(a, b, c)	((a) * 1000000u + (b) * 1000u + (c))

static const struct kernel_change_info changes[KC_COUNT] = {
	[KC_016A25E4B0DF] = { "016a25e4b0df",
		"Drivers: hv: vmbus: Improve the logic of reserving fb_mmio on Gen2 VMs" },
	[KC_304386373007] = { "304386373007",
		"fbdev: hyperv_fb: Fix hang in kdump kernel when on Hyper-V Gen 2 VMs" },
	[KC_A07B50D80AB6] = { "a07b50d80ab6", "hyperv: avoid dependency on screen_info" },
	[KC_2A8A8AFBA0C3] = { "2a8a8afba0c3",
		"Drivers: hv: Always reserve framebuffer region for Gen1 VMs" },
	[KC_96959283A58D] = { "96959283a58d",
		"Drivers: hv: Always select CONFIG_SYSFB for Hyper-V guests" },
	[KC_40227F2EFCFB] = { "40227f2efcfb", "fbdev: hyperv_fb: Remove hyperv_fb driver" },
	[KC_3CB73BC3FA2A] = { "3cb73bc3fa2a",
		"hyperv_fb: Update screen_info after removing old framebuffer" },
	[KC_C25A19AFB81C] = { "c25a19afb81c", "fbdev/hyperv_fb: Do not clear global screen_info" },
	[KC_DA6C7707CAF3] = { "da6c7707caf3", "FBINFO_HIDE_SMEM_START for DRM fbdev emulation" },
	[KC_CBC2FE9D9CB2] = { "cbc2fe9d9cb2",
		"kexec_file: add kexec_file flag to control debug printing" },
	[KC_CONFIG_ABOVE_4G] = { "proposed",
		"PCI: hv: Allocate MMIO from above 4GB for the config window" },
};

/* The first mainline release of each change; 0: none. */
static const unsigned int mainline[KC_COUNT] = {
	[KC_016A25E4B0DF] = V(7, 1, 0),
	[KC_304386373007] = V(6, 14, 0),
	[KC_A07B50D80AB6] = V(6, 7, 0),
	[KC_2A8A8AFBA0C3] = V(6, 0, 0),
	[KC_96959283A58D] = V(6, 16, 0),
	[KC_40227F2EFCFB] = V(7, 0, 0),
	[KC_3CB73BC3FA2A] = V(5, 10, 0),
	[KC_C25A19AFB81C] = V(6, 8, 0),
	[KC_DA6C7707CAF3] = V(4, 20, 0),
	/* merged for v6.8 with Makefile.extrawarn's missing-prototypes (0fcb70851fbf) */
	[KC_CBC2FE9D9CB2] = V(6, 8, 0),
	[KC_CONFIG_ABOVE_4G] = 0,
};

/* Stable lines: a change that line got at a point release, or never. */
struct stable {
	enum kernel_change c;
	unsigned int major, minor;
	unsigned int patch;	/* first point release with it; 0: the line never got it */
};

static const struct stable stable[] = {
	{ KC_016A25E4B0DF, 7, 0, 13 },
	{ KC_016A25E4B0DF, 6, 18, 37 },
	{ KC_016A25E4B0DF, 6, 12, 95 },
	{ KC_016A25E4B0DF, 6, 6, 144 },
	{ KC_016A25E4B0DF, 6, 1, 177 },
	{ KC_016A25E4B0DF, 5, 15, 211 },
	{ KC_016A25E4B0DF, 5, 10, 260 },
	/* the 5.15.y backport of 016a25e4b0df shows neither in that line */
	{ KC_2A8A8AFBA0C3, 5, 15, 0 },
	{ KC_A07B50D80AB6, 5, 15, 0 },
	/* SPEC: the 5.10.y, 6.1.y and 6.6.y backports have no SYSFB test */
	{ KC_A07B50D80AB6, 5, 10, 0 },
	{ KC_A07B50D80AB6, 6, 1, 0 },
	{ KC_A07B50D80AB6, 6, 6, 0 },
	/* Debian's changelogs: the stable updates that carried them */
	{ KC_3CB73BC3FA2A, 5, 9, 7 },
	{ KC_304386373007, 6, 12, 20 },
	/* 304386373007 fixes c25a19afb81c (v6.8), which the 6.1.y line never took:
	 * 6.1.192's hvfb_getmem() still clears screen_info */
	{ KC_304386373007, 6, 1, 0 },
	{ KC_C25A19AFB81C, 6, 1, 0 },
};

/* Lines that had ended (no more point releases) before 016a25e4b0df was merged. */
static bool ended_before_016a(unsigned int major, unsigned int minor)
{
	unsigned int v = V(major, minor, 0);
	size_t i;

	if (v >= V(7, 1, 0))
		return false;
	for (i = 0; i < sizeof(stable) / sizeof(stable[0]); i++)
		if (stable[i].c == KC_016A25E4B0DF && stable[i].major == major &&
		    stable[i].minor == minor)
			return false;
	/* every line from 5.10 on that has no entry above had ended */
	return v >= V(5, 10, 0);
}

const struct kernel_change_info *kernel_change(enum kernel_change c)
{
	return &changes[c];
}

int kernel_release_parse(const char *s, struct kernel_release *kr)
{
	unsigned int n[3] = { 0, 0, 0 }, i;
	const char *p = s;

	memset(kr, 0, sizeof(*kr));
	for (i = 0; i < 3; i++) {
		unsigned int digits = 0;

		while (*p >= '0' && *p <= '9' && digits < 4) {
			n[i] = n[i] * 10 + (unsigned int)(*p++ - '0');
			digits++;
		}
		if (!digits)
			return -1;
		if (i == 2 || *p != '.')
			break;
		p++;
	}
	if (i == 0 || n[1] > 999 || n[2] > 999)
		return -1;
	kr->major = n[0];
	kr->minor = n[1];
	kr->patch = n[2];
	kr->rc = !strncmp(p, "-rc", 3);
	/* "7.1", "6.6.150": kernel.org's numbering, nothing after it */
	kr->upstream = !*p;
	return 0;
}

#define say(...) do { if (why) snprintf(why, wlen, __VA_ARGS__); } while (0)

enum change_state kernel_release_has(const struct kernel_release *kr, enum kernel_change c,
				     char *why, size_t wlen)
{
	unsigned int v = V(kr->major, kr->minor, kr->patch), base = V(kr->major, kr->minor, 0);
	const struct kernel_change_info *ci = &changes[c];
	size_t i;

	if (!mainline[c]) {
		say("proposed in 2026, not merged: \"%s\"", ci->subject);
		return CHANGE_ABSENT;
	}
	/* what a line's first release had, every build of that line has */
	if (base >= mainline[c] && !kr->rc) {
		say("%s is in v%u.%u and later", ci->commit, mainline[c] / 1000000,
		    mainline[c] / 1000 % 1000);
		return CHANGE_PRESENT;
	}
	if (kr->rc) {
		say("a release candidate of %u.%u: not in the table", kr->major, kr->minor);
		return CHANGE_UNKNOWN;
	}
	if (!kr->upstream) {
		say("a distribution kernel based on %u.%u: %s came in v%u.%u and may or may not "
		    "be backported", kr->major, kr->minor, ci->commit, mainline[c] / 1000000,
		    mainline[c] / 1000 % 1000);
		return CHANGE_UNKNOWN;
	}
	for (i = 0; i < sizeof(stable) / sizeof(stable[0]); i++) {
		const struct stable *st = &stable[i];

		if (st->c != c || st->major != kr->major || st->minor != kr->minor)
			continue;
		if (!st->patch) {
			say("the %u.%u.y line never got %s", kr->major, kr->minor, ci->commit);
			return CHANGE_ABSENT;
		}
		if (kr->patch >= st->patch) {
			say("%s is in %u.%u.%u and later", ci->commit, st->major, st->minor, st->patch);
			return CHANGE_PRESENT;
		}
		say("%s came to the %u.%u.y line in %u.%u.%u", ci->commit, st->major, st->minor,
		    st->major, st->minor, st->patch);
		return CHANGE_ABSENT;
	}
	if (c == KC_016A25E4B0DF && ended_before_016a(kr->major, kr->minor)) {
		say("the %u.%u.y line had ended before %s was merged (v7.1)", kr->major,
		    kr->minor, ci->commit);
		return CHANGE_ABSENT;
	}
	(void)v;
	say("%u.%u.%u: the table does not say whether %s was backported", kr->major, kr->minor,
	    kr->patch, ci->commit);
	return CHANGE_UNKNOWN;
}

bool hvfb_clears_screen_info(const struct kernel_release *kr, bool *assumed, char *why,
			     size_t wlen)
{
	enum change_state add = kernel_release_has(kr, KC_3CB73BC3FA2A, NULL, 0);
	enum change_state undo = kernel_release_has(kr, KC_C25A19AFB81C, NULL, 0);

	if (add != CHANGE_PRESENT) {
		say("%s 3cb73bc3fa2a (v5.10)", add == CHANGE_ABSENT ? "before" :
		    "assumed before");
		return false;
	}
	if (undo == CHANGE_PRESENT) {
		say("c25a19afb81c (v6.8) undid 3cb73bc3fa2a");
		return false;
	}
	say("3cb73bc3fa2a (v5.10)%s", undo == CHANGE_UNKNOWN ? "; assumed: c25a19afb81c "
	    "(v6.8), which undid it, not backported" : ", and not c25a19afb81c (v6.8)");
	if (assumed)
		*assumed = undo == CHANGE_UNKNOWN;
	return true;
}
