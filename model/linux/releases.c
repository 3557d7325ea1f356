// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The Linux releases that carry each change. Sources: the mainline tags
 * (git describe --contains of each commit), the stable releases'
 * announcements for 016a25e4b0df (SPEC section 3: 7.0.13 321ab33f8393,
 * 6.18.37 02ac3ba41628, 6.12.95 eb32d2ddae5e, 6.6.144 67fde21e4522,
 * 6.1.177 49075fe7e21d, 5.15.211 f2cbbddc848d, 5.10.260 2023e82d5857), and
 * the 5.15.y backport of it, which shows that line never had 2a8a8afba0c3
 * nor a07b50d80ab6. A distribution's release string ("6.1.0-57-cloud-amd64")
 * says only its base line's content; the distribution kernels known to
 * carry a change (from their changelogs) are named in its row, for remedies.
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

const char *const kernel_fix_names[FIX_COUNT] = {
	[FIX_PCI_CONFIG_ABOVE_4G] = "pci-config-above-4g",
	[FIX_VMBUS_RESERVE_FB_LOW_BASE] = "vmbus-reserve-fb-low-base",
	[FIX_HYPERV_FB_KEEP_BASE] = "hyperv-fb-keep-base",
	[FIX_VTPM] = "vtpm-fix",
};

/*
 * The registry: one row per change. A new change is a row here (and its
 * KC_ name); what turns it on in the model is .fixes or .build.
 */
static const struct kernel_change_info changes[KC_COUNT] = {
	[KC_016A25E4B0DF] = {
		.commit = "016a25e4b0df",
		.subject = "Drivers: hv: vmbus: Improve the logic of reserving fb_mmio on Gen2 VMs",
		.mainline = KV(7, 1, 0),
		.stable = { { 7, 0, 13 }, { 6, 18, 37 }, { 6, 12, 95 }, { 6, 6, 144 },
			    { 6, 1, 177 }, { 5, 15, 211 }, { 5, 10, 260 } },
		.lines_listed = true,
		/* Debian 12's changelog.gz: the subject under linux (6.1.177-1) */
		.distros = "Debian 12: linux 6.1.177-1 and later; Debian 13: its 6.12 kernels "
			   "from 6.12.95",
		.after = "After the update and a reboot, dmesg shows an hv_mmio= line",
		/* the vTPM cut's >= came with it */
		.fixes = FIX_BIT(FIX_VMBUS_RESERVE_FB_LOW_BASE) | FIX_BIT(FIX_VTPM),
		.tracked = true,
	},
	[KC_304386373007] = {
		.commit = "304386373007",
		.subject = "fbdev: hyperv_fb: Fix hang in kdump kernel when on Hyper-V Gen 2 VMs",
		.mainline = KV(6, 14, 0),
		/* it fixes c25a19afb81c (v6.8), which the 6.1.y line never took:
		 * 6.1.192's hvfb_getmem() still clears screen_info */
		.stable = { { 6, 12, 20 }, { 6, 1, 0 } },
		.distros = "the linux-azure kernels",
		.fixes = FIX_BIT(FIX_HYPERV_FB_KEEP_BASE),
		.tracked = true,
	},
	[KC_A07B50D80AB6] = {
		.commit = "a07b50d80ab6",
		.subject = "hyperv: avoid dependency on screen_info",
		.mainline = KV(6, 7, 0),
		/* the 5.15.y backport of 016a25e4b0df shows it is not there; SPEC:
		 * the 5.10.y, 6.1.y and 6.6.y backports have no SYSFB test */
		.stable = { { 5, 15, 0 }, { 5, 10, 0 }, { 6, 1, 0 }, { 6, 6, 0 } },
		.build = BUILD_SYSFB_GATE,
	},
	[KC_2A8A8AFBA0C3] = {
		.commit = "2a8a8afba0c3",
		.subject = "Drivers: hv: Always reserve framebuffer region for Gen1 VMs",
		.mainline = KV(6, 0, 0),
		.stable = { { 5, 15, 0 } },	/* as for a07b50d80ab6 */
		.build = BUILD_GEN1_PCI_BAR,
	},
	[KC_96959283A58D] = {
		.commit = "96959283a58d",
		.subject = "Drivers: hv: Always select CONFIG_SYSFB for Hyper-V guests",
		.mainline = KV(6, 16, 0),
	},
	[KC_40227F2EFCFB] = {
		.commit = "40227f2efcfb",
		.subject = "fbdev: hyperv_fb: Remove hyperv_fb driver",
		.mainline = KV(7, 0, 0),
		.build = BUILD_NO_HYPERV_FB,
	},
	[KC_3CB73BC3FA2A] = {
		.commit = "3cb73bc3fa2a",
		.subject = "hyperv_fb: Update screen_info after removing old framebuffer",
		.mainline = KV(5, 10, 0),
		.stable = { { 5, 9, 7 } },	/* Debian's changelog: the 5.9.9-1 entry */
		.build = BUILD_HVFB_CLEAR_SI,
	},
	[KC_C25A19AFB81C] = {
		.commit = "c25a19afb81c",
		.subject = "fbdev/hyperv_fb: Do not clear global screen_info",
		.mainline = KV(6, 8, 0),
		.stable = { { 6, 1, 0 } },
		.build = BUILD_HVFB_KEEP_SI,
	},
	[KC_DA6C7707CAF3] = {
		.commit = "da6c7707caf3",
		.subject = "FBINFO_HIDE_SMEM_START for DRM fbdev emulation",
		.mainline = KV(4, 20, 0),
		.build = BUILD_HIDE_SMEM_START,
	},
	[KC_CBC2FE9D9CB2] = {
		.commit = "cbc2fe9d9cb2",
		.subject = "kexec_file: add kexec_file flag to control debug printing",
		/* merged for v6.8 with Makefile.extrawarn's missing-prototypes (0fcb70851fbf) */
		.mainline = KV(6, 8, 0),
		.build = BUILD_KEXEC_FILE_DEBUG,
	},
	[KC_73FE9073C0CC] = {
		.commit = "73fe9073c0cc",
		.subject = "Drivers: hv: vmbus: Don't release fb_mmio resource in vmbus_free_mmio()",
		/* merged with hyperv-fixes-signed-20250311 before v6.14-rc7; the
		 * 5.10.236 announcement lists it; Debian's changelog.gz has it under
		 * linux (6.1.133-1), in the 6.1.132 part */
		.mainline = KV(6, 14, 0),
		.stable = { { 6, 1, 132 }, { 5, 10, 236 } },
		.distros = "Debian 12: linux 6.1.133-1 and later",
		/* no switch: the model's vmbus_free_mmio() is the fixed one */
	},
	[KC_CONFIG_ABOVE_4G] = {
		.commit = "proposed",
		.subject = "PCI: hv: Allocate MMIO from above 4GB for the config window",
		.fixes = FIX_BIT(FIX_PCI_CONFIG_ABOVE_4G),
	},
};

/* @c's entry for the stable line @major.@minor, or NULL. */
static const struct stable_first *stable_of(const struct kernel_change_info *ci,
					    unsigned int major, unsigned int minor)
{
	const struct stable_first *st;

	for (st = ci->stable; st < ci->stable + KC_MAX_STABLE && st->major; st++)
		if (st->major == major && st->minor == minor)
			return st;
	return NULL;
}

enum kernel_fix kernel_change_fix(enum kernel_change c)
{
	unsigned int f;

	for (f = 0; f < FIX_COUNT; f++)
		if (changes[c].fixes & FIX_BIT(f))
			return (enum kernel_fix)f;
	return FIX_COUNT;
}

/* The first row that turns one of the switches @fixes, or build switch @b. */
static enum kernel_change row_turning(unsigned int fixes, enum build_switch b)
{
	unsigned int c;

	for (c = 0; c < KC_COUNT; c++)
		if ((changes[c].fixes & fixes) || (b != BUILD_NONE && changes[c].build == b))
			return (enum kernel_change)c;
	return KC_COUNT;
}

enum kernel_change kernel_fix_change(enum kernel_fix f)
{
	return row_turning(FIX_BIT(f), BUILD_NONE);
}

enum kernel_change kernel_build_change(enum build_switch b)
{
	return row_turning(0, b);
}

void kernel_change_where(enum kernel_change c, char *buf, size_t len)
{
	const struct kernel_change_info *ci = &changes[c];
	const struct stable_first *st;
	size_t off;
	int n = 0;

	off = (size_t)snprintf(buf, len, "%u.%u or later", ci->mainline / 1000000,
			       ci->mainline / 1000 % 1000);
	for (st = ci->stable; st < ci->stable + KC_MAX_STABLE && st->major && off < len; st++) {
		if (!st->patch)
			continue;
		off += (size_t)snprintf(buf + off, len - off, "%s%u.%u.%u", n++ ? ", " : ", or ",
					st->major, st->minor, st->patch);
	}
	if (n && off < len)
		off += (size_t)snprintf(buf + off, len - off, " or later of th%s",
					n > 1 ? "ose lines" : "at line");
	if (ci->distros && off < len)
		off += (size_t)snprintf(buf + off, len - off, " (%s)", ci->distros);
	if (ci->after && off < len)
		snprintf(buf + off, len - off, ". %s", ci->after);
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

/* A stable release @kr of a line that came before @ci was merged. */
static enum change_state stable_has(const struct kernel_release *kr,
				    const struct kernel_change_info *ci, char *why, size_t wlen)
{
	const struct stable_first *st = stable_of(ci, kr->major, kr->minor);

	if (st && !st->patch) {
		say("the %u.%u.y line never got %s", kr->major, kr->minor, ci->commit);
		return CHANGE_ABSENT;
	}
	if (st && kr->patch >= st->patch) {
		say("%s is in %u.%u.%u and later", ci->commit, st->major, st->minor, st->patch);
		return CHANGE_PRESENT;
	}
	if (st) {
		say("%s came to the %u.%u.y line in %u.%u.%u", ci->commit, st->major, st->minor,
		    st->major, st->minor, st->patch);
		return CHANGE_ABSENT;
	}
	/* every line from 5.10 on that was alive when it was merged is listed */
	if (ci->lines_listed && KV(kr->major, kr->minor, 0) >= KV(5, 10, 0)) {
		say("the %u.%u.y line had ended before %s was merged (v%u.%u)", kr->major,
		    kr->minor, ci->commit, ci->mainline / 1000000, ci->mainline / 1000 % 1000);
		return CHANGE_ABSENT;
	}
	say("%u.%u.%u: the table does not say whether %s was backported", kr->major, kr->minor,
	    kr->patch, ci->commit);
	return CHANGE_UNKNOWN;
}

enum change_state kernel_release_has(const struct kernel_release *kr, enum kernel_change c,
				     char *why, size_t wlen)
{
	const struct kernel_change_info *ci = &changes[c];
	unsigned int mainline = ci->mainline;

	if (!mainline) {
		say("proposed in 2026, not merged: \"%s\"", ci->subject);
		return CHANGE_ABSENT;
	}
	/* what a line's first release had, every build of that line has */
	if (KV(kr->major, kr->minor, 0) >= mainline && !kr->rc) {
		say("%s is in v%u.%u and later", ci->commit, mainline / 1000000,
		    mainline / 1000 % 1000);
		return CHANGE_PRESENT;
	}
	if (kr->rc) {
		say("a release candidate of %u.%u: not in the table", kr->major, kr->minor);
		return CHANGE_UNKNOWN;
	}
	if (!kr->upstream) {
		say("a distribution kernel based on %u.%u: %s came in v%u.%u and may or may not "
		    "be backported", kr->major, kr->minor, ci->commit, mainline / 1000000,
		    mainline / 1000 % 1000);
		return CHANGE_UNKNOWN;
	}
	return stable_has(kr, ci, why, wlen);
}

bool hvfb_clears_screen_info(const struct kernel_release *kr, bool *assumed, char *why,
			     size_t wlen)
{
	enum change_state add = kernel_release_has(kr, kernel_build_change(BUILD_HVFB_CLEAR_SI),
						   NULL, 0);
	enum change_state undo = kernel_release_has(kr, kernel_build_change(BUILD_HVFB_KEEP_SI),
						    NULL, 0);

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
