// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdlib.h>
#include <string.h>

#include "gunzip.h"

#if !HAVE_ZLIB
/* A build without zlib (static, on musl) reads no gzip. */
int hv_gunzip(const char *in, size_t inlen, size_t cap, char **out, size_t *outlen,
	      struct hv_err *err)
{
	(void)in;
	(void)inlen;
	(void)cap;
	(void)out;
	(void)outlen;
	hv_err_set(err, 0, "this static build reads no gzip (no zlib)");
	return -2;
}
#else
#include <zlib.h>

#include "dynlib.h"

int hv_gunzip(const char *in, size_t inlen, size_t cap, char **out, size_t *outlen,
	      struct hv_err *err)
{
	z_stream zs;
	size_t alloc = 1 << 16, len = 0;
	char *buf, *nb;
	int zr;

	if (!hv_zlib_load(err))
		return -2;
	buf = malloc(alloc + 1);
	if (!buf)
		return -1;
	memset(&zs, 0, sizeof(zs));
	if (hv_zlib.inflateInit2_(&zs, 16 + MAX_WBITS, ZLIB_VERSION, (int)sizeof(zs)) != Z_OK) {
		free(buf);
		return -1;
	}
	zs.next_in = (Bytef *)in;
	zs.avail_in = (uInt)inlen;
	do {
		if (len == alloc) {
			if (alloc >= cap)
				goto fail;
			alloc *= 2;
			nb = realloc(buf, alloc + 1);
			if (!nb)
				goto fail;
			buf = nb;
		}
		zs.next_out = (Bytef *)buf + len;
		zs.avail_out = (uInt)(alloc - len);
		zr = hv_zlib.inflate(&zs, Z_NO_FLUSH);
		len = alloc - zs.avail_out;
		if (zr != Z_OK && zr != Z_STREAM_END)
			goto fail;
		/* no progress and no more input: a truncated stream */
		if (zr == Z_OK && !zs.avail_in && zs.avail_out)
			goto fail;
	} while (zr != Z_STREAM_END);
	hv_zlib.inflateEnd(&zs);
	buf[len] = '\0';
	*out = buf;
	*outlen = len;
	return 0;
fail:
	hv_zlib.inflateEnd(&zs);
	free(buf);
	return -1;
}
#endif
