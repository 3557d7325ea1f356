// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The Hyper-V host's VRAM mapping and D0 entry check, as reported by
 * Hyper-V's developers on the kernel lists (2026) and seen in the field
 * (status 0xc0370048 in "PCI Pass-through VSP failed D0 Entry"): the
 * refusal is documented for a kdump kernel whose config window lies on
 * VRAM a guest driver had placed. On VRAM still where the firmware put it
 * nothing is published; the one capture of it (Gen1, hv_pci's config
 * window at 0xf8000000 on the legacy video BAR, the mlx4 VF behind it
 * bound: linux-hyperv, Vitaly Kuznetsov, "[PATCH v2 0/3] Drivers: hv:
 * Avoid allocating MMIO from framebuffer region for other passed through
 * PCI devices", August 2022) shows D0 accepted. The model assumes that
 * (scenario key host-fw-vram-d0) and shows the other answer.
 */
#include <inttypes.h>

#include "host.h"

void hv_host_power_on(const struct scenario *sc, struct hv_host *host, struct trace *t)
{
	host->vram = (struct mmio_span){ false, 0, 0 };
	host->vram_placed = false;
	host->vram_in_ram = false;
	/* the firmware: where the host maps VRAM before any driver moves it */
	if (sc->video && sc->gen == 2 && sc->fb_base)
		host->vram = (struct mmio_span){ true, sc->fb_base, sc->fb_base + sc->fb_size - 1 };
	else if (sc->video && sc->gen == 1 && sc->video_bar.set) {
		/* the legacy device's BAR holds as much of VRAM as fits in it */
		uint64_t end = sc->video_bar.start + (sc->vram_mb << 20) - 1;

		host->vram = (struct mmio_span){ true, sc->video_bar.start,
			end < sc->video_bar.end ? end : sc->video_bar.end };
	}
	if (host->vram.set)
		trace_add(t, PHASE_FIRST, false, "firmware",
			  "the host maps VRAM at 0x%" PRIx64 "-0x%" PRIx64 " (%s)",
			  host->vram.start, host->vram.end,
			  sc->gen == 2 ? "the UEFI framebuffer" : "the legacy video BAR");
	else
		trace_add(t, PHASE_FIRST, false, "firmware",
			  "no synthetic video: the host maps no VRAM");
}

void hv_host_vram_location(struct hv_host *host, uint64_t start, uint64_t end)
{
	host->vram = (struct mmio_span){ true, start, end };
	host->vram_placed = true;
	host->vram_in_ram = false;
}

void hv_host_vram_in_ram(struct hv_host *host)
{
	host->vram = (struct mmio_span){ false, 0, 0 };
	host->vram_placed = true;
	host->vram_in_ram = true;
}

bool hv_host_d0_entry(const struct hv_host *host, uint64_t start, uint64_t end,
		      bool refuse_unplaced, bool *assumed)
{
	if (!(host->vram.set && start <= host->vram.end && host->vram.start <= end))
		return true;
	if (host->vram_placed)
		return false;
	*assumed = true;
	return !refuse_unplaced;
}
