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

#include "model/scenario.h"
#include "model/trace.h"

/* hv_pci's D0 entry refused: the config window lies on mapped VRAM */
#define HV_D0_REFUSED_STATUS	0xc0370048

struct hv_host {
	struct mmio_span vram;	/* guest-physical range the host maps as VRAM */
};

/* Power on: the firmware's VRAM (Gen2: the UEFI framebuffer, Gen1: the legacy video BAR). */
void hv_host_power_on(const struct scenario *sc, struct hv_host *host, struct trace *t);

/* SYNTHVID_VRAM_LOCATION: a video driver tells the host where VRAM now is. */
void hv_host_vram_location(struct hv_host *host, uint64_t start, uint64_t end);

/* PCI_BUS_D0ENTRY: accepted unless [start, end] lies on mapped VRAM. */
bool hv_host_d0_entry(const struct hv_host *host, uint64_t start, uint64_t end);

#endif
