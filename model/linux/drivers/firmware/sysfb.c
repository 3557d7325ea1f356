// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Linux v4.6 ... v7.1, drivers/firmware/sysfb.c sysfb_init() with the probe
 * of the firmware framebuffer driver it feeds (drivers/video/fbdev/efifb.c,
 * vesafb.c, drivers/gpu/drm/tiny/simpledrm.c): they claim [lfb_base,
 * lfb_base + lfb_size) as a busy region until a native driver removes them
 * (model/linux/drivers/video/aperture.c).
 */
#include <inttypes.h>
#include <string.h>

#include "model/kernel.h"

#define HV_UEFI_MODE_SIZE	((uint64_t)1024 * 768 * 4)

/* sysfb_init() and the driver's probe: claim the framebuffer, draw on it. */
void sysfb_init(struct hv_kernel *k, const char *driver)
{
	struct sim_kernel *o = k->out;
	uint64_t start = o->lfb_base, end, size = o->lfb_size;

	if (!start || !o->lfb_size) {
		ktrace(k, true, "sysfb_init", "screen_info.lfb_base is 0: no firmware framebuffer");
		return;
	}
	/*
	 * efifb_probe() (drivers/video/fbdev/efifb.c, read in Debian's 6.1.176,
	 * 6.1.192, 6.12.118 and 7.2.13): size_vmode = yres x line_length, the
	 * mode Hyper-V's UEFI sets (1024x768x32); size_total = max(lfb_size,
	 * size_vmode); it claims size_remap = min(2 x size_vmode, size_total),
	 * page-rounded, not all of lfb_size. An lfb_size kexec-tools handed in
	 * 64 KiB units is smaller than the mode.
	 * simpledrm's device is sysfb_create_simplefb()'s
	 * (drivers/firmware/sysfb_simplefb.c, same sources): its resource is
	 * the mode's height x stride, page-aligned, and no simple-framebuffer
	 * is made at all when that exceeds lfb_size ("VRAM smaller than
	 * advertised"): sysfb_init() registers an efi-framebuffer instead,
	 * which simpledrm does not bind. vesafb claims the larger.
	 */
	if (!strcmp(driver, "simpledrm") && size < HV_UEFI_MODE_SIZE) {
		ktrace(k, true, "sysfb_create_simplefb", "lfb_size 0x%" PRIx64 " is smaller than "
		       "the mode (0x%" PRIx64 "): no simple-framebuffer, simpledrm binds nothing",
		       size, HV_UEFI_MODE_SIZE);
		return;
	}
	if (size < HV_UEFI_MODE_SIZE || !strcmp(driver, "simpledrm"))
		size = HV_UEFI_MODE_SIZE;
	if (!strcmp(driver, "efifb") && size > 2 * HV_UEFI_MODE_SIZE)
		size = 2 * HV_UEFI_MODE_SIZE;
	end = start + size - 1;
	o->fw_fb = (struct mmio_span){ true, start, end };
	o->fw_fb_driver = driver;
	if (!res_request_region(k->iomem, start, size, driver, 0, NULL))
		ktrace(k, true, "sysfb_init", "%s: 0x%" PRIx64 "-0x%" PRIx64 " is taken; not claimed",
		       driver, start, end);
	else
		ktrace(k, true, "sysfb_init", "%s claims 0x%" PRIx64 "-0x%" PRIx64 " (screen_info)",
		       driver, start, end);
	if (span_holds(&k->host->vram, start, end)) {
		ktrace(k, false, "sysfb_init", "%s draws at 0x%" PRIx64 ", on the host's VRAM",
		       driver, start);
		return;
	}
	o->fw_fb_hang = true;
	ktrace(k, false, "sysfb_init",
	       "%s draws at 0x%" PRIx64 "-0x%" PRIx64 ", where the host maps no VRAM "
	       "(VRAM is %s): writes go nowhere and the kernel can hang",
	       driver, start, end, k->host->vram.set ? "elsewhere" : "not mapped");
}
