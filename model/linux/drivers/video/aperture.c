// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Linux v6.0 ... v7.1, drivers/video/aperture.c
 * aperture_remove_conflicting_devices() (before v6.0:
 * drm_aperture_remove_conflicting_framebuffers() and
 * remove_conflicting_framebuffers(), the same effect): a native video driver
 * takes the framebuffer from the firmware driver, whose claim goes away.
 */
#include "model/kernel.h"

/* drivers/video/aperture.c: aperture_remove_conflicting_devices() */
void aperture_remove_conflicting_devices(struct hv_kernel *k, const char *by)
{
	struct sim_kernel *o = k->out;

	if (!o->fw_fb_driver || o->fw_fb_removed)
		return;
	res_release_region(k->iomem, o->fw_fb.start, o->fw_fb.end - o->fw_fb.start + 1);
	ktrace(k, true, "aperture_remove_conflicting_devices", "%s removes %s", by,
	       o->fw_fb_driver);
	o->fw_fb_removed = true;
}
