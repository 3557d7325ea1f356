/* SPDX-License-Identifier: GPL-2.0-or-later */
/* SHA-256 (FIPS 180-4), for the checksums of collect's MANIFEST. */
#ifndef HVKDUMP_SHA256_H
#define HVKDUMP_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_HEX_LEN	65	/* 64 lower-case hex digits and the NUL */

struct sha256 {
	uint32_t h[8];
	uint64_t bytes;
	unsigned char block[64];
	size_t fill;
};

void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *data, size_t len);
void sha256_final(struct sha256 *s, unsigned char digest[32]);
/* The digest of @data as lower-case hex into @hex. */
void sha256_hex(const void *data, size_t len, char hex[SHA256_HEX_LEN]);

#endif
