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

/* The changes, by commit: the fixes of enum kernel_fix and the rest. */
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
	KC_CONFIG_ABOVE_4G,	/* "PCI: hv: Allocate MMIO from above 4GB ...": proposed, not merged */
	KC_COUNT,
};

enum change_state { CHANGE_UNKNOWN, CHANGE_ABSENT, CHANGE_PRESENT };

struct kernel_change_info {
	const char *commit;	/* short id, or "proposed" */
	const char *subject;
};
const struct kernel_change_info *kernel_change(enum kernel_change c);

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
