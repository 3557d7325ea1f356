/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A sysroot given as an archive (collect's .tar.gz, a sos report's .tar.xz):
 * unpacked with libarchive into a private temporary directory, within
 * limits, nothing outside it.
 */
#ifndef HVKDUMP_UNPACK_H
#define HVKDUMP_UNPACK_H

#include <stdbool.h>

struct unpacked {
	char tmp[256];		/* the private directory, "" when none */
	char root[512];		/* the sysroot inside it: its one top directory, or itself */
};

/* true when @path names a regular file: an archive to unpack */
bool sysroot_is_archive(const char *path);
/* 0 with @u->root the sysroot; else -1, the reason said (hv_warnx) for @cmd */
int sysroot_unpack(const char *cmd, const char *path, struct unpacked *u);
/* removes the directory */
void sysroot_unpacked_free(struct unpacked *u);

#endif
