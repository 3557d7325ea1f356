/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A compressed stream in a file, undone piece by piece into a sink (the
 * kdump initramfs's compressed cpio): gzip through zlib, zstd and xz
 * through libzstd and liblzma loaded when first needed (probe/dynlib.c).
 */
#ifndef HVKDUMP_UNPACK_H
#define HVKDUMP_UNPACK_H

#include <stddef.h>
#include <sys/types.h>

#include "util/error.h"

enum hv_comp { HV_COMP_NONE, HV_COMP_GZIP, HV_COMP_ZSTD, HV_COMP_XZ, HV_COMP_OTHER };

/* The compression of a stream from its first @n bytes (its magic number). */
enum hv_comp hv_comp_of(const unsigned char *magic, size_t n);
/* Its name as libarchive's filters give it ("gzip", "zstd", "xz"); NULL for none or other. */
const char *hv_comp_name(enum hv_comp c);

/* Takes @len bytes: 0 for more, 1 for enough, -1 (and @err) to stop. */
typedef int (*hv_sink)(void *ctx, const void *buf, size_t len, struct hv_err *err);

/*
 * The @c stream at byte @off of @fd, undone into @sink: 1 when the sink had
 * enough, 0 at the end of the stream, -1 and @err on a damaged or truncated
 * one or from the sink, -2 and @err where this build or system cannot undo
 * @c (no zlib, no libzstd or liblzma).
 */
int hv_unpack_fd(int fd, off_t off, enum hv_comp c, hv_sink sink, void *ctx, struct hv_err *err);

#endif
