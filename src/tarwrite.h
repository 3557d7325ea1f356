/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A gzip-compressed ustar archive, written a member at a time. */
#ifndef HVKDUMP_TARWRITE_H
#define HVKDUMP_TARWRITE_H

#include <stddef.h>
#include <time.h>
#if HAVE_ZLIB
#include <zlib.h>

struct tarw {
	gzFile gz;
	time_t mtime;
	int error;	/* the first write error, as -errno */
};

int tarw_open(struct tarw *tw, int fd);
/* @name relative, without a leading '/'; directories end without '/'. */
int tarw_add_dir(struct tarw *tw, const char *name);
int tarw_add_file(struct tarw *tw, const char *name, const void *data, size_t len);
/* A symbolic link @name -> @target (at most 100 bytes, ustar's linkname). */
int tarw_add_symlink(struct tarw *tw, const char *name, const char *target);
/* Writes the end-of-archive blocks and closes (@fd too). */
int tarw_close(struct tarw *tw);

#endif /* HAVE_ZLIB */
#endif
