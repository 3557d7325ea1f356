// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * rpm's ndb package database, Packages.db (SUSE since SLES 15 SP3 and
 * openSUSE), read as rpm's lib/backend/ndb/rpmpkg.c reads it (rpm 4.15 to
 * 4.20: rpmpkgReadHeader(), rpmpkgReadSlots(), rpmpkgReadBlob()). All
 * numbers are little-endian 32-bit words. The file starts with a 32-byte
 * header ("RpmP", version 0, generation, slot pages, next package index);
 * the first slot pages (4096 bytes each) hold 16-byte slots ("Slot",
 * package index, block offset, block count; offset 0: a free slot); a
 * slot points at a blob in 16-byte blocks: "BlbS", package index,
 * generation, length, the header image, padding, then adler32, length and
 * "BlbE". A package index grows with each install: the highest is the
 * newest. Nothing here is written; a blob that does not verify makes the
 * whole file unreadable, as it does for rpm.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

#include "lib/formats/parsers.h"
#include "util/bytes.h"

#define NDB_MAGIC	0x506d7052u	/* "RpmP" */
#define SLOT_MAGIC	0x746f6c53u	/* "Slot" */
#define BLOBHEAD_MAGIC	0x53626c42u	/* "BlbS" */
#define BLOBTAIL_MAGIC	0x45626c42u	/* "BlbE" */
#define NDB_HEADER_SIZE	32u
#define SLOT_SIZE	16u
#define BLK_SIZE	16u
#define NDB_PAGE_SIZE	4096u
#define BLOBHEAD_SIZE	16u
#define BLOBTAIL_SIZE	12u

/* RFC 1950's adler32, as rpmpkg.c's update_adler32() */
static uint32_t adler32(uint32_t adler, const unsigned char *p, size_t n)
{
	uint32_t s1 = adler & 0xffff, s2 = adler >> 16;

	while (n) {
		size_t k = n < 5552 ? n : 5552;

		n -= k;
		while (k--) {
			s1 += *p++;
			s2 += s1;
		}
		s1 %= 65521;
		s2 %= 65521;
	}
	return s2 << 16 | s1;
}

/* rpmpkgReadBlob(): the header image of slot @pkgidx at @blkoff, verified */
static const unsigned char *blob_of(const unsigned char *img, uint32_t pkgidx, uint32_t blkoff,
				    uint32_t blkcnt, uint32_t *bloblen)
{
	const unsigned char *b = img + (size_t)blkoff * BLK_SIZE, *tail;
	uint64_t need;
	uint32_t len;

	if (blkcnt < (BLOBHEAD_SIZE + BLOBTAIL_SIZE + BLK_SIZE - 1) / BLK_SIZE ||
	    get_le32(b) != BLOBHEAD_MAGIC || get_le32(b + 4) != pkgidx)
		return NULL;
	len = get_le32(b + 12);
	need = ((uint64_t)BLOBHEAD_SIZE + len + BLOBTAIL_SIZE + BLK_SIZE - 1) / BLK_SIZE;
	if (need != blkcnt)
		return NULL;
	/* the tail is the last 12 bytes of the last block; padding before it */
	tail = b + (size_t)blkcnt * BLK_SIZE - BLOBTAIL_SIZE;
	if (get_le32(tail) != adler32(1, b, (size_t)(tail - b)) || get_le32(tail + 4) != len ||
	    get_le32(tail + 8) != BLOBTAIL_MAGIC)
		return NULL;
	*bloblen = len;
	return b + BLOBHEAD_SIZE;
}

int rpmndb_walk(const unsigned char *img, size_t len, rpm_visit *visit, void *ctx, char *why,
		size_t wlen)
{
	uint64_t fileblks, minblkoff;
	uint32_t slotnpages, page;

	if (len < NDB_HEADER_SIZE || get_le32(img) != NDB_MAGIC) {
		snprintf(why, wlen, "not an rpm ndb database (no RpmP magic)");
		return -1;
	}
	if (get_le32(img + 4) != 0) {
		snprintf(why, wlen, "an rpm ndb database of version %u, not 0", get_le32(img + 4));
		return -1;
	}
	slotnpages = get_le32(img + 12);
	if (len % BLK_SIZE || !slotnpages || (uint64_t)slotnpages * NDB_PAGE_SIZE > len) {
		snprintf(why, wlen, "a truncated rpm ndb database (%zu bytes, %u slot pages)",
			 len, slotnpages);
		return -1;
	}
	fileblks = len / BLK_SIZE;
	minblkoff = (uint64_t)slotnpages * (NDB_PAGE_SIZE / BLK_SIZE);
	for (page = 0; page < slotnpages; page++) {
		const unsigned char *pg = img + (size_t)page * NDB_PAGE_SIZE;
		uint32_t o = page ? 0 : NDB_HEADER_SIZE;

		for (; o < NDB_PAGE_SIZE; o += SLOT_SIZE) {
			const unsigned char *s = pg + o, *blob;
			uint32_t pkgidx = get_le32(s + 4), blkoff = get_le32(s + 8), blkcnt = get_le32(s + 12);
			uint32_t bloblen;

			if (get_le32(s) != SLOT_MAGIC) {
				snprintf(why, wlen, "a damaged rpm ndb database (slot at byte %zu)",
					 (size_t)(s - img));
				return -1;
			}
			if (!blkoff)
				continue;
			if (!pkgidx || !blkcnt || blkoff < minblkoff ||
			    (uint64_t)blkoff + blkcnt > fileblks ||
			    !(blob = blob_of(img, pkgidx, blkoff, blkcnt, &bloblen))) {
				snprintf(why, wlen, "a damaged rpm ndb database (package %u at "
					 "byte %" PRIu64 ")", pkgidx, (uint64_t)blkoff * BLK_SIZE);
				return -1;
			}
			visit(ctx, pkgidx, blob, bloblen);
		}
	}
	return 0;
}

int rpmndb_version(const unsigned char *img, size_t len, const char *name, char *out,
		   size_t outlen, char *why, size_t wlen)
{
	return rpm_db_version(rpmndb_walk, img, len, name, out, outlen, why, wlen);
}
