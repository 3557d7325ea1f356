/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The Hyper-V host, as far as a guest's MMIO goes: where it maps VRAM, which
 * outlives any guest kernel, and its answer to hv_pci's D0 entry. The host
 * is closed source: each rule names where it was published (SPEC section 4).
 */
#ifndef HVKDUMP_HYPERV_HOST_H
#define HVKDUMP_HYPERV_HOST_H

#include <stdbool.h>
#include <stdint.h>

#include "util/error.h"
#include "model/scenario.h"
#include "model/trace.h"

/* hv_pci's D0 entry refused: the config window lies on mapped VRAM */
#define HV_D0_REFUSED_STATUS	0xc0370048

struct hv_host {
	struct mmio_span vram;	/* guest-physical range the host maps as VRAM */
	bool vram_placed;	/* a guest driver put it there (SYNTHVID_VRAM_LOCATION) */
	bool vram_in_ram;	/* ... in guest RAM (Gen1 hyperv_fb): on no MMIO at all */
};

/* Power on: the firmware's VRAM (Gen2: the UEFI framebuffer, Gen1: the legacy video BAR). */
void hv_host_power_on(const struct scenario *sc, struct hv_host *host, struct trace *t);

/* SYNTHVID_VRAM_LOCATION: a video driver tells the host where VRAM now is. */
void hv_host_vram_location(struct hv_host *host, uint64_t start, uint64_t end);
/* The same, to a page of guest RAM: VRAM then lies on no MMIO range. */
void hv_host_vram_in_ram(struct hv_host *host);

/*
 * PCI_BUS_D0ENTRY: refused when [start, end] lies on VRAM a guest driver
 * placed (documented). On VRAM where the firmware left it and no driver
 * moved it the answer is not published: @refuse_unplaced decides, and
 * *@assumed says the case arose.
 */
bool hv_host_d0_entry(const struct hv_host *host, uint64_t start, uint64_t end,
		      bool refuse_unplaced, bool *assumed);

/* What an admin sets: New-VM -Generation, Set-VM, Set-VMVideo. */
struct hv_host_settings {
	enum hv_arch arch;
	int gen;
	uint64_t low_mmio_space;	/* Set-VM -LowMemoryMappedIoSpace; 0: the default */
	unsigned int width, height;	/* Set-VMVideo resolution */
};

/* What the host makes of them. */
struct hv_host_layout {
	struct mmio_span low;		/* the low range it publishes in _CRS */
	struct mmio_span high;		/* the high range (assumed, see layout.c) */
	uint64_t fb_base, fb_size;	/* Gen2: the UEFI framebuffer (screen_info) */
	uint64_t vram_mb;		/* mmio_megabytes */
	struct mmio_span video_bar;	/* Gen1: BAR0 of the legacy video device */
};

/* The published rules, each step traced (detail) on @t when given. */
void hv_host_layout(const struct hv_host_settings *s, struct hv_host_layout *l,
		    struct trace *t);
/* Settings the host does not take: -1 with @err naming the rule. */
int hv_host_settings_check(const struct hv_host_settings *s, struct hv_err *err);

#endif
