// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "fbdev.h"

int fbdev_read(const struct hv_path *pc, const char *dev, struct fbdev_info *info)
{
	int fd = hv_path_open_dev(pc, dev), rc = 0;

	memset(info, 0, sizeof(*info));
	if (fd < 0)
		return fd;
	if (ioctl(fd, FBIOGET_FSCREENINFO, &info->fix) < 0 ||
	    ioctl(fd, FBIOGET_VSCREENINFO, &info->var) < 0)
		rc = errno == EINVAL ? -ENOTTY : -errno;
	close(fd);
	return rc;
}
