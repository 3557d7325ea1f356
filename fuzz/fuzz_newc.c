// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The newc cpio reader with its member and data callbacks: fed whole and in
 * pieces of 1 to 13 bytes, it must see the same members, keep the same
 * data and stop at the same byte with the same answer (a trailer's end as
 * it claims, which may be past the input).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/formats/parsers.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

struct tally {
	uint64_t names;		/* a hash of the names and data seen */
	unsigned int members, kept;
};

static uint64_t mix(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;

	while (n--)
		h = (h ^ *b++) * 0x100000001b3ull;
	return h;
}

static bool on_member(void *ctx, const char *name, uint32_t mode, uint32_t filesize)
{
	struct tally *t = ctx;
	size_t n = strlen(name);

	if (n >= NEWC_NAME_MAX)
		abort();
	t->names = mix(t->names, name, n + 1);
	t->members++;
	(void)mode;
	return filesize & 1 || n & 1;
}

static void on_data(void *ctx, const char *name, const unsigned char *buf, size_t len)
{
	struct tally *t = ctx;

	if (len > NEWC_DATA_MAX)
		abort();
	t->names = mix(mix(t->names, name, strlen(name)), buf, len);
	t->kept++;
}

/* The answer of one read, -1, 0, 1 or 2 (no trailer, nothing cut). */
static int run(struct newc_scan *s, struct tally *t, const unsigned char *data, size_t size,
	       bool pieces)
{
	struct hv_err err;
	size_t off = 0;
	int r = 0;

	memset(s, 0, sizeof(*s));
	memset(t, 0, sizeof(*t));
	s->member = on_member;
	s->data = on_data;
	s->ctx = t;
	while (!r && off < size) {
		size_t n = pieces ? 1 + off % 13 : size - off;

		n = n < size - off ? n : size - off;
		r = newc_scan_feed(s, data + off, n, &err);
		off += n;
	}
	if (!r && !newc_scan_end(s, &err))
		r = 2;
	if (r < 0 && !err.msg[0])
		abort();
	return r;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct newc_scan *a = calloc(1, sizeof(*a)), *b = calloc(1, sizeof(*b));
	struct tally ta, tb;
	int ra, rb;

	if (!a || !b)
		goto out;
	ra = run(a, &ta, data, size, false);
	rb = run(b, &tb, data, size, true);
	if (ra != rb || ta.names != tb.names || ta.members != tb.members || ta.kept != tb.kept ||
	    a->members != ta.members || (ra == 1 && a->pos != b->pos))
		abort();
out:
	free(a);
	free(b);
	return 0;
}
