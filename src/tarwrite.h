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
	const char *top;	/* every member under this directory, or NULL */
	FILE *sums;	/* "SHA256  NAME" of each file, as sha256sum writes them */
	char *sums_text;
	size_t sums_len;
};

/* @top: the directory every member goes under (its own member first), or NULL */
int tarw_open(struct tarw *tw, int fd, const char *top);
/* @name relative, without a leading '/'; directories end without '/'. */
int tarw_add_dir(struct tarw *tw, const char *name);
int tarw_add_file(struct tarw *tw, const char *name, const void *data, size_t len);
/* A symbolic link @name -> @target (at most 100 bytes, ustar's linkname). */
int tarw_add_symlink(struct tarw *tw, const char *name, const char *target);
/* The checksums of the files added so far (NUL-terminated), or NULL. */
const char *tarw_sums(struct tarw *tw);
/* Writes the end-of-archive blocks and closes (@fd too). */
int tarw_close(struct tarw *tw);

#endif /* HAVE_ZLIB */
#endif
