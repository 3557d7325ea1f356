/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Which Linux releases carry which of the changes the model knows: one
 * table, with its sources, in releases.c. A release the table does not
 * cover gives "unknown", never "absent".
 */
#ifndef HVKDUMP_RELEASES_H
#define HVKDUMP_RELEASES_H

#include <stdbool.h>
#include <stddef.h>

/* A kernel release string ("7.1", "6.6.150", "6.8.0-1051-azure") taken apart. */
struct kernel_release {
	unsigned int major, minor, patch;
	bool upstream;		/* kernel.org's numbering alone: the table applies by number */
	bool rc;		/* a release candidate */
};

/* -1 when @s does not start with MAJOR.MINOR. */
int kernel_release_parse(const char *s, struct kernel_release *kr);

/*
 * The model's switches for kernel changes (scenario key kernel-fixes): the
 * names are kernel_fix_names[]; the change that turns each is the row of
 * the registry whose .fixes has it.
 */
enum kernel_fix {
	FIX_PCI_CONFIG_ABOVE_4G,	/* hv_pci config window from 4 GiB up */
	FIX_VMBUS_RESERVE_FB_LOW_BASE,	/* 016a25e4b0df */
	FIX_HYPERV_FB_KEEP_BASE,	/* 304386373007 */
	FIX_VTPM,			/* vTPM truncation at 0xfed3ffff */
	FIX_COUNT,
};
#define FIX_BIT(f)	(1u << (f))
extern const char *const kernel_fix_names[FIX_COUNT];

/*
 * The changes the tool knows, one row each in releases.c. The first
 * KC_TRACKED are those whose presence the verdict weighs from evidence
 * (lib/verdict/fixes.c): a row's .tracked says so too.
 */
enum kernel_change {
	KC_016A25E4B0DF,	/* vmbus_reserve_fb from the low MMIO base, vTPM >= (v7.1) */
	KC_304386373007,	/* hyperv_fb keeps the firmware framebuffer (v6.14) */
	KC_A07B50D80AB6,	/* vmbus_reserve_fb reads screen_info only with CONFIG_SYSFB (v6.7) */
	KC_2A8A8AFBA0C3,	/* Gen1's framebuffer from the PCI BAR, not screen_info (v6.0) */
	KC_96959283A58D,	/* HYPERV_VMBUS selects SYSFB (v6.16) */
	KC_40227F2EFCFB,	/* hyperv_fb removed (v7.0) */
	KC_3CB73BC3FA2A,	/* hyperv_fb clears screen_info on Gen2 (v5.10) */
	KC_C25A19AFB81C,	/* hyperv_fb no longer clears screen_info (v6.8) */
	KC_DA6C7707CAF3,	/* DRM fbdev hides smem_start (v4.20, not confirmed) */
	KC_CBC2FE9D9CB2,	/* kexec_file_load knows KEXEC_FILE_DEBUG (v6.8) */
	KC_73FE9073C0CC,	/* vmbus_free_mmio() leaves fb_mmio's shadow alone (v6.14) */
	KC_CONFIG_ABOVE_4G,	/* "PCI: hv: Allocate MMIO from above 4GB ...": proposed, not merged */
	KC_COUNT,
};
#define KC_TRACKED	(KC_304386373007 + 1)

enum change_state { CHANGE_UNKNOWN, CHANGE_ABSENT, CHANGE_PRESENT };

/* What else a change turns in the model, besides its fixes: a field of struct kernel_build or scenario. */
enum build_switch {
	BUILD_NONE,
	BUILD_SYSFB_GATE,	/* kernel_build.sysfb_gate */
	BUILD_GEN1_PCI_BAR,	/* kernel_build.gen1_pci_bar */
	BUILD_HVFB_CLEAR_SI,	/* kernel_build.hvfb_clear_si: on */
	BUILD_HVFB_KEEP_SI,	/* kernel_build.hvfb_clear_si: off again */
	BUILD_NO_HYPERV_FB,	/* fb-driver hyperv_fb cannot be (scenario_check) */
	BUILD_KEXEC_FILE_DEBUG,	/* scenario.kexec_file_debug */
	BUILD_HIDE_SMEM_START,	/* scenario.hide_smem_start (from the probed fact) */
};

/* The first point release of a stable line that has a change; patch 0: the line never got it. */
struct stable_first {
	unsigned short major, minor, patch;
};

#define KC_MAX_STABLE	8

struct kernel_change_info {
	const char *commit;	/* short id, or "proposed" */
	const char *subject;	/* as changelogs name it (Debian's: by subject alone) */
	unsigned int mainline;	/* the first mainline release, KV(); 0: not merged */
	struct stable_first stable[KC_MAX_STABLE];	/* ends at major 0 */
	/* every stable line alive when it was merged is listed: the others had ended */
	bool lines_listed;
	const char *distros;	/* distribution kernels known to carry it, "" */
	const char *after;	/* how to see it after the update, "" */
	unsigned int fixes;	/* the FIX_BIT()s it turns */
	enum build_switch build;
	bool tracked;		/* the verdict weighs its evidence (c < KC_TRACKED) */
};
#define KV(a, b, c)	((a) * 1000000u + (b) * 1000u + (c))

const struct kernel_change_info *kernel_change(enum kernel_change c);

/* The first model switch @c turns; FIX_COUNT: none. */
enum kernel_fix kernel_change_fix(enum kernel_change c);
/* The change that turns model switch @f; the one that turns build switch @b. */
enum kernel_change kernel_fix_change(enum kernel_fix f);
enum kernel_change kernel_build_change(enum build_switch b);

/*
 * Where @c is to be had, for a remedy: "7.1 or later, or 7.0.13, ... or
 * later of those lines (distributions). After ..." into @buf.
 */
void kernel_change_where(enum kernel_change c, char *buf, size_t len);

/* What the table says of @c in @kr; @why (may be NULL) gets the rule. */
enum change_state kernel_release_has(const struct kernel_release *kr, enum kernel_change c,
				     char *why, size_t wlen);

/*
 * Whether hyperv_fb's hvfb_getmem() clears screen_info on Gen2 in @kr:
 * 3cb73bc3fa2a present and c25a19afb81c not. A c25a19afb81c the table
 * cannot place is assumed absent (the base line's code); @why says so, and
 * *@assumed (may be NULL) is set.
 */
bool hvfb_clears_screen_info(const struct kernel_release *kr, bool *assumed, char *why,
			     size_t wlen);

#endif
