// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * rpm's Berkeley DB package database, /var/lib/rpm/Packages (rpm before
 * 4.16: RHEL 8, SLES 12), read as rpm's own read-only reader does
 * (lib/backend/bdb_ro.c, rpm 4.16 to 4.20: bdb_open(), hash_next(),
 * hash_getkv(), ovfl_get()). Packages is a Berkeley DB hash database: a
 * metadata page (magic 0x061561 at byte 12, the page size, the last page,
 * the highest bucket and the pages where each bucket doubling starts),
 * then bucket pages, each chained to its overflow bucket pages, holding
 * key/value pairs whose offsets run down from the end of the page. A key
 * is a package's instance number (4 bytes, the writer's byte order; 0 is
 * the counter of instances, no package), a value its header image, on the
 * page or, when large, in a chain of overflow pages. Numbers are in the
 * writer's byte order: little-endian here, as on every Azure and Hyper-V
 * guest (rpm reads big-endian ones too; hvkdump says it does not). Nothing
 * is written; what does not verify, as in rpm, makes the whole file
 * unreadable.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/formats/parsers.h"
#include "util/bytes.h"

#define HASH_MAGIC	0x00061561u
/* page types (Berkeley DB's dbinc/db_page.h) */
#define P_HASH_UNSORTED	2	/* bucket pages written before Berkeley DB 4.6 */
#define P_OVERFLOW	7
#define P_HASH		13	/* bucket pages since (RHEL 8: libdb 5.3) */
#define H_KEYDATA	1
#define H_OFFPAGE	3
#define PAGE_HDR	26u	/* the header of every page but the first */

struct bdb {
	const unsigned char *img;
	size_t len;
	uint32_t pagesize, lastpage, maxbucket, spares[32];
	uint32_t visits;	/* pages read so far: each belongs to one chain */
};

/*
 * bdb_getpage(): page @pgno, which must say it is. In a sound file every
 * page but the first is read once (a bucket page, or one of an item's
 * overflow pages): more reads than pages is a loop, and ends the walk.
 */
static const unsigned char *page_at(struct bdb *db, uint32_t pgno)
{
	const unsigned char *pg;

	if (!pgno || pgno > db->lastpage || (uint64_t)(pgno + 1ull) * db->pagesize > db->len ||
	    ++db->visits > db->lastpage)
		return NULL;
	pg = db->img + (size_t)pgno * db->pagesize;
	return get_le32(pg + 8) == pgno ? pg : NULL;
}

/*
 * hash_bucket_to_page(): the bucket's page, from the spares of its doubling
 * (0 for a bucket past the 31st doubling, which no file has)
 */
static uint32_t bucket_page(const struct bdb *db, uint32_t bucket)
{
	unsigned int bits = 0;

	for (uint32_t b = bucket; b; b >>= 1)
		bits++;
	return bits < 32 ? bucket + db->spares[bits] : 0;
}

/* ovfl_get(): @tlen bytes from the overflow chain at @pgno, in a new buffer */
static unsigned char *overflow(struct bdb *db, uint32_t pgno, uint32_t tlen)
{
	unsigned char *buf, *p;
	uint32_t left = tlen;

	if (!tlen || tlen > db->len || !(buf = malloc(tlen)))
		return NULL;
	for (p = buf; left;) {
		const unsigned char *pg = page_at(db, pgno);
		uint16_t n;

		if (!pg || pg[25] != P_OVERFLOW)
			goto bad;
		n = get_le16(pg + 22);
		if (n + PAGE_HDR > db->pagesize || n > left || !n)
			goto bad;
		memcpy(p, pg + PAGE_HDR, n);
		p += n;
		left -= n;
		pgno = get_le32(pg + 16);
	}
	return buf;
bad:
	free(buf);
	return NULL;
}

/*
 * hash_getkv(): the item of @len bytes at @off of @pg; *@own is set when
 * the bytes had to be gathered from overflow pages (free it)
 */
static const unsigned char *item(struct bdb *db, const unsigned char *pg, uint32_t off,
				 uint32_t len, uint32_t *n, unsigned char **own)
{
	*own = NULL;
	if (!len || off + len > db->pagesize)
		return NULL;
	if (pg[off] == H_KEYDATA) {
		*n = len - 1;
		return pg + off + 1;
	}
	if (pg[off] != H_OFFPAGE || len != 12)
		return NULL;
	*n = get_le32(pg + off + 8);
	*own = overflow(db, get_le32(pg + off + 4), *n);
	return *own;
}

/* One bucket page's pairs, each to @visit: 0, or -1 when the page does not read. */
static int bucket_pairs(struct bdb *db, const unsigned char *pg, rpm_visit *visit, void *ctx)
{
	uint16_t nitems = get_le16(pg + 20);

	if (PAGE_HDR + 2u * nitems > db->pagesize)
		return -1;
	for (size_t i = 0; i + 1 < nitems; i += 2) {
		const unsigned char *idx = pg + PAGE_HDR + 2 * i;	/* offsets of key, value */
		uint32_t koff = get_le16(idx), voff = get_le16(idx + 2);
		uint32_t kend = i ? get_le16(idx - 2) : db->pagesize;
		const unsigned char *key, *val;
		unsigned char *kown, *vown;
		uint32_t klen, vlen;

		if (voff < PAGE_HDR + 2u * nitems || voff >= koff || koff >= kend ||
		    kend > db->pagesize)
			return -1;
		key = item(db, pg, koff, kend - koff, &klen, &kown);
		val = item(db, pg, voff, koff - voff, &vlen, &vown);
		if (!key || !val || klen != 4) {
			free(kown);
			free(vown);
			return -1;
		}
		/* instance 0 counts the instances: no package */
		if (get_le32(key))
			visit(ctx, get_le32(key), val, vlen);
		free(kown);
		free(vown);
	}
	return 0;
}

int rpmbdb_walk(const unsigned char *img, size_t len, rpm_visit *visit, void *ctx, char *why,
		size_t wlen)
{
	struct bdb db = { .img = img, .len = len };
	uint32_t version, bucket;

	if (len >= 512 && get_le32(img + 12) == __builtin_bswap32(HASH_MAGIC)) {
		snprintf(why, wlen, "a big-endian Berkeley DB database, which hvkdump does "
			 "not read");
		return -1;
	}
	if (len < 512 || get_le32(img + 12) != HASH_MAGIC) {
		snprintf(why, wlen, "not a Berkeley DB hash database (no magic 0x061561)");
		return -1;
	}
	version = get_le32(img + 16);
	db.pagesize = get_le32(img + 20);
	db.lastpage = get_le32(img + 32);
	db.maxbucket = get_le32(img + 72);
	if (version < 8 || version > 10) {
		snprintf(why, wlen, "a Berkeley DB hash database of version %u, not 8 to 10",
			 version);
		return -1;
	}
	if (db.pagesize < 512 || db.pagesize > 65536 || db.pagesize & (db.pagesize - 1) ||
	    len % db.pagesize || (uint64_t)db.lastpage + 1 > len / db.pagesize) {
		snprintf(why, wlen, "a truncated Berkeley DB database (%zu bytes, pages of %u, "
			 "last page %u)", len, db.pagesize, db.lastpage);
		return -1;
	}
	/* every bucket has a page of its own: no more buckets than pages */
	if (db.maxbucket >= db.lastpage) {
		snprintf(why, wlen, "a damaged Berkeley DB database (%" PRIu64 " buckets in %u "
			 "pages)", (uint64_t)db.maxbucket + 1, db.lastpage + 1);
		return -1;
	}
	for (size_t i = 0; i < 32; i++)
		db.spares[i] = get_le32(img + 96 + 4 * i);
	for (bucket = 0; bucket <= db.maxbucket; bucket++) {
		uint32_t pgno = bucket_page(&db, bucket);

		/* the bucket's page, then the overflow bucket pages chained to it */
		if (!pgno) {
			snprintf(why, wlen, "a damaged Berkeley DB database (bucket %u)", bucket);
			return -1;
		}
		while (pgno) {
			const unsigned char *pg = page_at(&db, pgno);

			if (!pg || (pg[25] != P_HASH && pg[25] != P_HASH_UNSORTED) ||
			    bucket_pairs(&db, pg, visit, ctx)) {
				snprintf(why, wlen, "a damaged Berkeley DB database (bucket %u, "
					 "page %u)", bucket, pgno);
				return -1;
			}
			pgno = get_le32(pg + 16);
		}
	}
	return 0;
}

int rpmbdb_version(const unsigned char *img, size_t len, const char *name, char *out,
		   size_t outlen, char *why, size_t wlen)
{
	return rpm_db_version(rpmbdb_walk, img, len, name, out, outlen, why, wlen);
}
