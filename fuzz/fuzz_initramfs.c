// SPDX-License-Identifier: GPL-2.0-or-later
/* The kdump initramfs reader (libarchive, the early cpio's end), from a memfd. */
#define _GNU_SOURCE
#include <sys/mman.h>
#include <unistd.h>

#include "probe/initramfs.h"
#include "lib/formats/parsers.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct initramfs ir;
	struct hv_err err;
	int fd = memfd_create("initramfs", MFD_CLOEXEC);

	if (fd < 0)
		return 0;
	if (write(fd, data, size) == (ssize_t)size)
		initramfs_read_fd(fd, &ir, &err);
	close(fd);
	/* the same bytes as a modprobe.d file */
	modprobe_blacklisted((const char *)data, size);
	return 0;
}
