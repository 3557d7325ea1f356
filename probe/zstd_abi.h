/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The few calls of libzstd's streaming decoder that probe/unpack.c makes,
 * declared here for dlopen() (libzstd.so.1: Debian ships libzstd-dev
 * apart, and the build needs no more than these). Their stable API as
 * zstd.h gives it since zstd 1.0 (ZSTD_createDStream(), ZSTD_initDStream(),
 * ZSTD_decompressStream(), ZSTD_freeDStream(), ZSTD_isError(),
 * ZSTD_getErrorName(); ZSTD_inBuffer and ZSTD_outBuffer).
 */
#ifndef HVKDUMP_ZSTD_ABI_H
#define HVKDUMP_ZSTD_ABI_H

#include <stddef.h>

#define HV_SONAME_ZSTD "libzstd.so.1"

typedef struct ZSTD_DCtx_s ZSTD_DStream;
typedef struct ZSTD_inBuffer_s {
	const void *src;
	size_t size;
	size_t pos;	/* read up to here */
} ZSTD_inBuffer;
typedef struct ZSTD_outBuffer_s {
	void *dst;
	size_t size;
	size_t pos;	/* written up to here */
} ZSTD_outBuffer;

ZSTD_DStream *ZSTD_createDStream(void);
size_t ZSTD_initDStream(ZSTD_DStream *zds);
/* 0 at the end of a frame, else a hint of the input wanted; or an error code */
size_t ZSTD_decompressStream(ZSTD_DStream *zds, ZSTD_outBuffer *out, ZSTD_inBuffer *in);
size_t ZSTD_freeDStream(ZSTD_DStream *zds);
unsigned ZSTD_isError(size_t code);
const char *ZSTD_getErrorName(size_t code);

#endif
