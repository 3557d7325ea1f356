// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A compressed stream in a file, undone into a sink (unpack.h): one loop
 * reads the file and hands the output on; a codec each turns input into
 * output. The output is never held whole.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#if HAVE_ZLIB
#define ZLIB_CONST	/* next_in: const */
#include <zlib.h>
#endif
#if HV_DLOPEN && HAVE_ZSTD
#include <zstd.h>
#endif
#if HV_DLOPEN && HAVE_LZMA
#include <lzma.h>
#endif

#include "dynlib.h"
#include "unpack.h"

#define CHUNK		(64u << 10)
#define XZ_MEMLIMIT	(256ull << 20)	/* dracut's and mkinitramfs' xz: a few MiB */

enum hv_comp hv_comp_of(const unsigned char *m, size_t n)
{
	if (n >= 6 && (!memcmp(m, "070701", 6) || !memcmp(m, "070702", 6)))
		return HV_COMP_NONE;
	if (n >= 2 && m[0] == 0x1f && m[1] == 0x8b)
		return HV_COMP_GZIP;
	if (n >= 4 && !memcmp(m, "\x28\xb5\x2f\xfd", 4))
		return HV_COMP_ZSTD;
	if (n >= 6 && !memcmp(m, "\xfd" "7zXZ\0", 6))
		return HV_COMP_XZ;
	return HV_COMP_OTHER;
}

const char *hv_comp_name(enum hv_comp c)
{
	return c == HV_COMP_GZIP ? "gzip" : c == HV_COMP_ZSTD ? "zstd" : c == HV_COMP_XZ ? "xz" :
	       NULL;
}

/*
 * One codec: step() takes what it can of in[*used..inlen) (@eof: the file
 * has no more) and writes up to *outlen bytes; 1 at the stream's end, 0 for
 * more, -1 and @err when it is damaged.
 */
struct codec {
	const char *name;
	void *st;
	int (*step)(struct codec *c, const unsigned char *in, size_t inlen, size_t *used,
		    bool eof, unsigned char *out, size_t *outlen, struct hv_err *err);
	void (*end)(struct codec *c);
};

#if HAVE_ZLIB
static int gz_step(struct codec *c, const unsigned char *in, size_t inlen, size_t *used,
		   bool eof, unsigned char *out, size_t *outlen, struct hv_err *err)
{
	z_stream *zs = c->st;
	int zr;

	(void)eof;
	zs->next_in = in;
	zs->avail_in = (uInt)inlen;
	zs->next_out = out;
	zs->avail_out = (uInt)*outlen;
	zr = hv_zlib.inflate(zs, Z_NO_FLUSH);
	*used = inlen - zs->avail_in;
	*outlen -= zs->avail_out;
	if (zr == Z_STREAM_END)
		return 1;
	if (zr == Z_OK || (zr == Z_BUF_ERROR && !*used && !*outlen))
		return 0;
	hv_err_set(err, 0, "gzip: %s", zs->msg ? zs->msg : "a damaged stream");
	return -1;
}

static void gz_end(struct codec *c)
{
	hv_zlib.inflateEnd(c->st);
	free(c->st);
}

static int gz_init(struct codec *c, struct hv_err *err)
{
	z_stream *zs;

	if (!hv_zlib_load(err))
		return -2;
	zs = calloc(1, sizeof(*zs));
	if (!zs || hv_zlib.inflateInit2_(zs, 16 + MAX_WBITS, ZLIB_VERSION, (int)sizeof(*zs)) != Z_OK) {
		free(zs);
		hv_err_set(err, 0, "gzip: out of memory");
		return -1;
	}
	*c = (struct codec){ "gzip", zs, gz_step, gz_end };
	return 0;
}
#endif

#if HV_DLOPEN && HAVE_ZSTD
static int zstd_step(struct codec *c, const unsigned char *in, size_t inlen, size_t *used,
		     bool eof, unsigned char *out, size_t *outlen, struct hv_err *err)
{
	ZSTD_inBuffer ib = { in, inlen, 0 };
	ZSTD_outBuffer ob = { out, *outlen, 0 };
	size_t r = hv_zstd.ZSTD_decompressStream(c->st, &ob, &ib);

	*used = ib.pos;
	*outlen = ob.pos;
	if (hv_zstd.ZSTD_isError(r)) {
		hv_err_set(err, 0, "zstd: %s", hv_zstd.ZSTD_getErrorName(r));
		return -1;
	}
	/* a frame ends at 0: the stream, when no input is left (frames may follow) */
	return !r && eof && ib.pos == inlen && ob.pos < ob.size;
}

static void zstd_end(struct codec *c)
{
	hv_zstd.ZSTD_freeDStream(c->st);
}

static int zstd_init(struct codec *c, struct hv_err *err)
{
	ZSTD_DStream *z;

	if (!hv_zstd_load(err))
		return -2;
	z = hv_zstd.ZSTD_createDStream();
	if (!z || hv_zstd.ZSTD_isError(hv_zstd.ZSTD_initDStream(z))) {
		if (z)
			hv_zstd.ZSTD_freeDStream(z);
		hv_err_set(err, 0, "zstd: out of memory");
		return -1;
	}
	*c = (struct codec){ "zstd", z, zstd_step, zstd_end };
	return 0;
}
#endif

#if HV_DLOPEN && HAVE_LZMA
static int xz_step(struct codec *c, const unsigned char *in, size_t inlen, size_t *used,
		   bool eof, unsigned char *out, size_t *outlen, struct hv_err *err)
{
	lzma_stream *xs = c->st;
	lzma_ret r;

	xs->next_in = in;
	xs->avail_in = inlen;
	xs->next_out = out;
	xs->avail_out = *outlen;
	r = hv_lzma.lzma_code(xs, eof ? LZMA_FINISH : LZMA_RUN);
	*used = inlen - xs->avail_in;
	*outlen -= xs->avail_out;
	if (r == LZMA_STREAM_END)
		return 1;
	if (r == LZMA_OK || (r == LZMA_BUF_ERROR && !eof))
		return 0;
	hv_err_set(err, 0, "xz: %s", r == LZMA_MEMLIMIT_ERROR ? "its dictionary needs more than "
		   "256 MiB: not read" : r == LZMA_FORMAT_ERROR ? "not an xz stream" :
		   r == LZMA_BUF_ERROR ? "the stream is truncated" : "a damaged stream");
	return -1;
}

static void xz_end(struct codec *c)
{
	hv_lzma.lzma_end(c->st);
	free(c->st);
}

static int xz_init(struct codec *c, struct hv_err *err)
{
	lzma_stream *xs;

	if (!hv_lzma_load(err))
		return -2;
	xs = calloc(1, sizeof(*xs));
	if (!xs || hv_lzma.lzma_stream_decoder(xs, XZ_MEMLIMIT, LZMA_CONCATENATED) != LZMA_OK) {
		free(xs);
		hv_err_set(err, 0, "xz: out of memory");
		return -1;
	}
	*c = (struct codec){ "xz", xs, xz_step, xz_end };
	return 0;
}
#endif

static int codec_init(struct codec *c, enum hv_comp comp, struct hv_err *err)
{
	switch (comp) {
#if HAVE_ZLIB
	case HV_COMP_GZIP:
		return gz_init(c, err);
#endif
#if HV_DLOPEN && HAVE_ZSTD
	case HV_COMP_ZSTD:
		return zstd_init(c, err);
#endif
#if HV_DLOPEN && HAVE_LZMA
	case HV_COMP_XZ:
		return xz_init(c, err);
#endif
	default:
		hv_err_set(err, 0, "this build undoes no %s itself",
			   hv_comp_name(comp) ? hv_comp_name(comp) : "such compression");
		return -2;
	}
}

/* The loop: input from the file, output to the sink. */
static int pump(int fd, off_t off, struct codec *c, unsigned char *in, unsigned char *out,
		hv_sink sink, void *ctx, struct hv_err *err)
{
	size_t have = 0, at = 0, used, outlen;
	bool eof = false;
	int r, s;

	for (;;) {
		if (at == have && !eof) {
			ssize_t n = pread(fd, in, CHUNK, off);

			if (n < 0) {
				hv_err_set(err, 0, "byte %lld: %s", (long long)off, strerror(errno));
				return -1;
			}
			eof = !n;
			off += n;
			have = (size_t)n;
			at = 0;
		}
		outlen = CHUNK;
		r = c->step(c, in + at, have - at, &used, eof, out, &outlen, err);
		at += used;
		if (r < 0)
			return -1;
		s = outlen ? sink(ctx, out, outlen, err) : 0;
		if (s)
			return s;
		if (r)
			return 0;
		if (eof && at == have && !outlen) {
			hv_err_set(err, 0, "%s: the stream is truncated", c->name);
			return -1;
		}
	}
}

int hv_unpack_fd(int fd, off_t off, enum hv_comp comp, hv_sink sink, void *ctx,
		 struct hv_err *err)
{
	struct codec c;
	unsigned char *in, *out;
	int r = codec_init(&c, comp, err);

	if (r)
		return r;
	in = malloc(CHUNK);
	out = malloc(CHUNK);
	r = -1;
	if (in && out)
		r = pump(fd, off, &c, in, out, sink, ctx, err);
	else
		hv_err_set(err, 0, "out of memory");
	c.end(&c);
	free(in);
	free(out);
	return r;
}
