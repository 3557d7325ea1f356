/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A framebuffer device's FBIOGET_FSCREENINFO and FBIOGET_VSCREENINFO. */
#ifndef HVKDUMP_FBDEV_H
#define HVKDUMP_FBDEV_H

#include <linux/fb.h>

#include "path.h"

struct fbdev_info {
	struct fb_fix_screeninfo fix;
	struct fb_var_screeninfo var;
};

/*
 * Reads both screeninfos of @dev (live only). Returns 0 or -errno: -ENOENT
 * no such device, -EACCES no permission, -ENOTTY not a framebuffer,
 * -EOPNOTSUPP under a sysroot.
 */
int fbdev_read(const struct hv_path *pc, const char *dev, struct fbdev_info *info);

#endif
