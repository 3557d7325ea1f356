// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The synthetic video drivers, one function for both: hyperv_drm (Linux
 * v5.14 ... v7.1, drivers/gpu/drm/hyperv/hyperv_drm_drv.c
 * hyperv_setup_vram()) and hyperv_fb (Linux v4.x ... v6.19,
 * drivers/video/fbdev/hyperv_fb.c hvfb_getmem(); removed in v7.0 by
 * 40227f2efcfb). Both take mmio_megabytes of VRAM with
 * vmbus_allocate_mmio(0, -1, size, 1 MiB, fb_overlap_ok = true) and tell the
 * host where it now is (SYNTHVID_VRAM_LOCATION): from then on the host maps
 * VRAM there. hyperv_drm never updates screen_info; hyperv_fb's
 * hvfb_getmem() on Gen2 (efi_enabled(EFI_BOOT)) clears lfb_base, lfb_size
 * and orig_video_isVGA after the aperture removal from 3cb73bc3fa2a
 * ("hyperv_fb: Update screen_info after removing old framebuffer", v5.10,
 * 5.9.7) until c25a19afb81c ("fbdev/hyperv_fb: Do not clear global
 * screen_info", v6.8): Debian's 6.1.176 and 6.1.192 do, 6.12.118 does not.
 * kexec_file_load then hands the kdump kernel no framebuffer.
 */
#include <inttypes.h>

#include "model/kernel.h"
#include "model/linux/releases.h"

/*
 * hvfb_get_phymem() (3a6fb6c4255c, "video: hyperv: hyperv_fb: Use physical
 * memory for fb on HyperV Gen 1 VMs", v5.6), read in Debian's 6.1.176,
 * 6.1.192 and 6.12.118: on Gen1 hvfb_getmem() first asks for
 * mmio_megabytes of contiguous RAM. An order the buddy allocator has
 * (below MAX_ORDER 11 in 6.1, up to MAX_PAGE_ORDER 10 from 6.8: 4 MiB on
 * x86-64 either way) comes from alloc_pages(); a larger one only from a CMA
 * area through dma_alloc_coherent() (Debian's cloud kernels: "# CONFIG_CMA
 * is not set"; the model assumes no CMA area). Given RAM, hyperv_fb takes
 * no MMIO at all: the host maps VRAM on that page, on no MMIO range.
 */
#define HVFB_BUDDY_MAX	((uint64_t)4 << 20)

static bool hvfb_ram_framebuffer(struct hv_kernel *k, uint64_t size)
{
	const char *rel = k->kdump && k->sc->kdump_kernel[0] ? k->sc->kdump_kernel : k->sc->kernel;
	struct kernel_release kr;

	if (size > HVFB_BUDDY_MAX) {
		ktrace(k, true, "hvfb_get_phymem",
		       "%" PRIu64 " MiB is above the buddy allocator's 4 MiB: only CMA could give "
		       "it (assumed none): MMIO instead", size >> 20);
		return false;
	}
	if (rel[0] && !kernel_release_parse(rel, &kr) && kr.major * 1000 + kr.minor < 5006) {
		ktrace(k, true, "hvfb_get_phymem", "%s is older than v5.6 (3a6fb6c4255c): "
		       "VRAM in MMIO", rel);
		return false;
	}
	if (!rel[0])
		ktrace(k, true, "hvfb_get_phymem", "the kernel's release not said: assumed v5.6 "
		       "or later (3a6fb6c4255c)");
	return true;
}

void hyperv_video_probe(struct hv_kernel *k, enum hv_module drv)
{
	const struct scenario *sc = k->sc;
	struct sim_kernel *o = k->out;
	const char *name = module_name(drv);
	uint64_t size = sc->vram_mb << 20;
	/*
	 * hyperv_drm removes the firmware framebuffer before it allocates;
	 * hyperv_fb does so only since 304386373007 ("Fix hang in kdump kernel
	 * when on Hyper-V Gen 2 VMs"); before, it allocated with the firmware
	 * framebuffer's claim still in the way.
	 */
	bool remove_first = drv == MOD_HYPERV_DRM ||
			    (k->build->fixes & FIX_BIT(FIX_HYPERV_FB_KEEP_BASE));
	const char *func = drv == MOD_HYPERV_DRM ? "hyperv_setup_vram" : "hvfb_getmem";
	struct sim_alloc *a;
	bool moved;

	if (!sc->video) {
		ktrace(k, true, "vmbus_probe", "%s: no synthetic video device to bind", name);
		return;
	}
	if (o->video_driver) {
		ktrace(k, true, "vmbus_probe", "%s: the video device is already bound to %s",
		       name, o->video_driver);
		return;
	}
	o->video_driver = name;
	if (drv == MOD_HYPERV_FB && !o->efi_boot && hvfb_ram_framebuffer(k, size)) {
		aperture_remove_conflicting_devices(k, name);
		hv_host_vram_in_ram(k->host);
		ktrace(k, false, "hvfb_getmem", "hyperv_fb: Gen1, %" PRIu64 " MiB of VRAM from "
		       "alloc_pages(): the framebuffer is in guest RAM, no MMIO taken", sc->vram_mb);
		ktrace(k, true, "synthvid_update_vram_location",
		       "SYNTHVID_VRAM_LOCATION in guest RAM: the host maps VRAM there now, on no "
		       "MMIO range");
		return;
	}
	if (remove_first)
		aperture_remove_conflicting_devices(k, name);
	if (kernel_allocate_mmio(k, name, "VRAM", 0, UINT64_MAX, size, 0x100000, true, &a)) {
		ktrace(k, false, func, "%s: no room for %" PRIu64 " MiB of VRAM: the driver fails; VRAM stays "
		       "where the host has it", name, sc->vram_mb);
		return;
	}
	if (!remove_first)
		aperture_remove_conflicting_devices(k, name);
	if (o->lfb_base && a->start != o->lfb_base)
		ktrace(k, false, func,
		       "%s: VRAM at 0x%" PRIx64 "-0x%" PRIx64 "%s, not at screen_info.lfb_base "
		       "0x%" PRIx64 ": the framebuffer is relocated and screen_info is stale",
		       name, a->start, a->end,
		       !o->fb_range.set ? " (no fb_range)" :
		       span_holds(&o->fb_range, a->start, a->end) ? "" : ", outside fb_range",
		       o->lfb_base);
	else
		ktrace(k, false, func, "%s: VRAM at 0x%" PRIx64 "-0x%" PRIx64 "%s", name,
		       a->start, a->end,
		       span_holds(&o->fb_range, a->start, a->end) ? ", inside fb_range" : "");
	if (drv == MOD_HYPERV_FB && o->efi_boot && k->build->hvfb_clear_si) {
		o->si_cleared = true;
		ktrace(k, false, func, "hyperv_fb clears screen_info (lfb_base, lfb_size, "
		       "orig_video_isVGA = 0): \"framebuffer is reallocated\" (3cb73bc3fa2a, "
		       "v5.10 ... v6.7)");
	}
	moved = k->host->vram.set && k->host->vram.start != a->start;
	hv_host_vram_location(k->host, a->start, a->end);
	o->vram = k->host->vram;
	ktrace(k, true, "synthvid_update_vram_location",
	       "SYNTHVID_VRAM_LOCATION 0x%" PRIx64 ": the host maps VRAM there now%s", a->start,
	       moved ? " (assumed: no longer at the old place; the host's handling of it "
	       "is not published)" : "");
}
