/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Reading a kdump initramfs (initramfs.c). */
#ifndef HVKDUMP_INITRAMFS_H
#define HVKDUMP_INITRAMFS_H

#include <stdbool.h>

#include "util/error.h"

/* Where collect puts the member list of the kdump initramfs. */
#define INITRAMFS_LISTING	"/hvkdump/initramfs.txt"

struct initramfs {
	unsigned int members, nmodules;
	unsigned int mods;		/* MOD_BIT()s of the modelled drivers found */
	unsigned int wanted;		/* which of the drivers that matter, a bit each */
	char modules[256];		/* those, by name */
	unsigned int blacklist;		/* MOD_BIT()s blacklisted in its modprobe.d */
	bool early;			/* an uncompressed cpio came first */
	const char *compressed;		/* the compression of the last part, or NULL */
	bool listing_only;		/* a listing: the files' contents were not read */
};

/* Streams the initramfs at @fd. 0, -1 with @err, -2 when this build cannot. */
int initramfs_read_fd(int fd, struct initramfs *ir, struct hv_err *err);
void initramfs_add_module(struct initramfs *ir, const char *name);

#endif
