// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The kdump initramfs reader (our newc reader on uncompressed archives and
 * on what zlib, libzstd and liblzma undo, libarchive for the rest), from a
 * memfd; the same bytes as a newc stream fed in pieces, as a modprobe.d
 * file and as a kernel command line.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "probe/initramfs.h"
#include "lib/formats/parsers.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static const char *const mods[] = { "pci_hyperv", "hyperv_drm", "hyperv_fb" };
static const struct modnames mn = { mods, 3 };

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
	/* the same bytes as a stream in pieces of 1 to 7 bytes, then whole */
	{
		struct newc_scan *s = calloc(1, sizeof(*s));
		size_t off = 0, n;

		if (s) {
			while (off < size) {
				n = 1 + off % 7;
				n = n < size - off ? n : size - off;
				if (newc_scan_feed(s, data + off, n, &err))
					break;
				off += n;
			}
			memset(s, 0, sizeof(*s));
			newc_scan_feed(s, data, size, &err);
			free(s);
		}
	}
	/* as a modprobe.d file, and as a kernel command line */
	modprobe_blacklisted((const char *)data, size, &mn);
	kcmdline_blacklisted((const char *)data, size, &mn);
	return 0;
}
