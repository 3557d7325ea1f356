/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Inflating a gzip file in memory (/proc/config.gz), with a cap. */
#ifndef HVKDUMP_GUNZIP_H
#define HVKDUMP_GUNZIP_H

#include <stddef.h>

#include "util/error.h"

/* Inflates @in into a new NUL-terminated buffer of at most @cap bytes; -1 on
 * a broken stream or one that would grow past @cap, -2 where zlib is not
 * there (a build without it, or it cannot be loaded: why in @err). */
int hv_gunzip(const char *in, size_t inlen, size_t cap, char **out, size_t *outlen,
	      struct hv_err *err);

#endif
