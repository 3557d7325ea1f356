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
