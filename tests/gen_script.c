// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Random scripts that reach every rule of the allocator: ranges that touch,
 * overlap or cross the vTPM, windows and busy regions in the global tree,
 * fb_range, both passes, min/max filters, frees of real and of nonexistent
 * regions. Sizes are kept so that the reference tries at most a few
 * thousand candidates per range.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>

#include "gen_script.h"
#include "model/iomem.h"
#include "model/linux/drivers/hv/vmbus.h"

static uint64_t rnd(uint64_t *s, uint64_t n)	/* [0, n) */
{
	return n ? gen_next(s) % n : 0;
}

struct live {
	uint64_t start, size;
};

/*
 * The generator runs the model as it writes, so that frees can name
 * regions that were really allocated; the script alone is what the test
 * compares.
 */

void gen_script(uint64_t *s, unsigned int ops, struct strbuf *out)
{
	static const uint64_t bases[] = {
		0x40000000, 0xf8000000, 0xfed00000, 0xfe0000000, 0x100000, 0,
	};
	uint64_t g = 1ULL << (rnd(s, 2) ? rnd(s, 21) : 12 + rnd(s, 9)); /* granule */
	uint64_t base = bases[rnd(s, sizeof(bases) / sizeof(bases[0]))];
	uint64_t lo = UINT64_MAX, hi = 0;
	struct live live[64];
	unsigned int nlive = 0, i, n;
	struct resource *iomem = iomem_root_new(), *new;
	struct vmbus_mmio vm;

	vmbus_init(&vm, iomem);

	if (!base)
		base = rnd(s, 1ULL << 40) & ~(g - 1);
	if (rnd(s, 2)) {
		vm.vtpm_fix = rnd(s, 2);
		sb_addf(out, "set vtpm-fix %s\n", vm.vtpm_fix ? "on" : "off");
	}

	n = 1 + (unsigned int)rnd(s, 4);
	for (i = 0; i < n; i++) {
		uint64_t start = base + rnd(s, 64) * g + (rnd(s, 4) ? 0 : rnd(s, g));
		uint64_t end = start + (1 + rnd(s, 256)) * g - 1 + (rnd(s, 4) ? 0 : rnd(s, g));

		if (start < lo)
			lo = start;
		if (end > hi)
			hi = end;
		sb_addf(out, "range 0x%" PRIx64 " 0x%" PRIx64 "\n", start, end);
		vmbus_walk_resources(&vm, start, end);
	}
	/* windows, BARs and busy regions in the global tree */
	n = (unsigned int)rnd(s, 8);
	for (i = 0; i < n; i++) {
		uint64_t start = lo + rnd(s, hi - lo + 1);
		uint64_t len = (1 + rnd(s, 64)) * g - (rnd(s, 3) ? 0 : rnd(s, g));
		const char *kind = rnd(s, 3) ? "region" : "busy";

		if (len - 1 > UINT64_MAX - start)
			continue;
		sb_addf(out, "%s 0x%" PRIx64 " 0x%" PRIx64 " %s %u\n", kind, start,
			start + len - 1, kind[0] == 'r' ? "PCI Bus" : "Reserved", i);
		res_request_nested(iomem, start, len, "x", IORESOURCE_MEM |
				   (kind[0] == 'b' ? IORESOURCE_BUSY : 0), NULL);
	}
	if (rnd(s, 4)) {
		/* mostly where it can succeed: in the head, 1 MiB or more */
		uint64_t head = vm.hyperv_mmio ? vm.hyperv_mmio->end - vm.hyperv_mmio->start : 0;
		uint64_t start = rnd(s, 4) ? lo + rnd(s, 16) * g : lo + rnd(s, hi - lo + 1);
		uint64_t size = rnd(s, 3) ? SZ_1M + rnd(s, head / 2 + 1) : (1 + rnd(s, 64)) * SZ_1M;

		sb_addf(out, "reserve-fb 0x%" PRIx64 " 0x%" PRIx64 "\n", start, size);
		vmbus_reserve_fb_range(&vm, start, size);
	}
	for (i = 0; i < ops; i++) {
		uint64_t r = rnd(s, 100);

		if (r < 65) {
			uint64_t min = 0, max = UINT64_MAX;
			uint64_t align = g >> 2 ? g >> 2 : 1;
			uint64_t size = (1 + rnd(s, 32)) * g / (1 + rnd(s, 4));
			unsigned int ok;

			align <<= rnd(s, 6);
			if (!size)
				size = 1;
			if (rnd(s, 3) == 0) {
				min = lo + rnd(s, hi - lo + 1);
				max = rnd(s, 2) ? UINT64_MAX : min + rnd(s, hi - lo + 1);
			}
			ok = (unsigned int)rnd(s, 2);
			sb_addf(out, "alloc a%u 0x%" PRIx64 " 0x%" PRIx64 " 0x%" PRIx64
				" 0x%" PRIx64 " %u\n", i, min, max, size, align, ok);
			if (!vmbus_allocate_mmio(&vm, &new, "a", min, max, size,
						 align, ok) && nlive < 64) {
				live[nlive].start = new->start;
				live[nlive].size = size;
				nlive++;
			}
		} else if (r < 85) {
			uint64_t start, size;

			if (nlive && rnd(s, 4)) {
				unsigned int k = (unsigned int)rnd(s, nlive);

				start = live[k].start;
				size = rnd(s, 4) ? live[k].size : live[rnd(s, nlive)].size;
				live[k] = live[--nlive];
			} else {
				start = lo + rnd(s, hi - lo + 1);
				size = 1 + rnd(s, 8 * g);
			}
			sb_addf(out, "free 0x%" PRIx64 " 0x%" PRIx64 "\n", start, size);
			vmbus_free_mmio(&vm, start, size);
		} else if (r < 92) {
			sb_addf(out, "iomem\n");
		} else {
			sb_addf(out, "ranges\n");
		}
	}
	sb_addf(out, "iomem\nranges\n");
	vmbus_release(&vm);
	res_free(iomem);
}

/*
 * A script with many live regions: @allocs allocations of one to four
 * granules into ranges of thousands of granules, windows and busy regions
 * among them, three in four kept, the others freed again in random order;
 * /proc/iomem printed once at the end, with every region. Fits are mostly
 * near the start of a range, so the reference's steps stay a few thousand
 * an allocation.
 */
void gen_script_large(uint64_t *s, unsigned int allocs, struct strbuf *out)
{
	uint64_t g = 1ULL << (12 + rnd(s, 9));	/* 4 KiB .. 1 MiB */
	uint64_t lo = 0x40000000 + rnd(s, 64) * g, hi, at;
	struct live *live = calloc(allocs ? allocs : 1, sizeof(*live));
	unsigned int nlive = 0, i, n;
	struct resource *iomem = iomem_root_new(), *new;
	struct vmbus_mmio vm;

	vmbus_init(&vm, iomem);
	/* two ranges that together hold all of it, with a hole between */
	hi = lo + (allocs + 1024) * g - 1;
	sb_addf(out, "range 0x%" PRIx64 " 0x%" PRIx64 "\n", lo, hi);
	vmbus_walk_resources(&vm, lo, hi);
	at = hi + 1 + rnd(s, 64) * g;
	sb_addf(out, "range 0x%" PRIx64 " 0x%" PRIx64 "\n", at, at + (allocs + 1024) * g - 1);
	vmbus_walk_resources(&vm, at, at + (allocs + 1024) * g - 1);
	if (rnd(s, 2)) {
		sb_addf(out, "reserve-fb 0x%" PRIx64 " 0x%" PRIx64 "\n", lo + 8 * g, (uint64_t)SZ_1M);
		vmbus_reserve_fb_range(&vm, lo + 8 * g, SZ_1M);
	}
	/* windows (allocations nest in them) and busy regions, scattered */
	n = allocs / 64;
	for (i = 0; i < n; i++) {
		uint64_t start = lo + rnd(s, 2 * allocs) * g;
		uint64_t len = (1 + rnd(s, 16)) * g;
		bool busy = !rnd(s, 3);

		sb_addf(out, "%s 0x%" PRIx64 " 0x%" PRIx64 " %s\n", busy ? "busy" : "region",
			start, start + len - 1, busy ? "Reserved" : "PCI Bus");
		res_request_nested(iomem, start, len, "x",
				   IORESOURCE_MEM | (busy ? IORESOURCE_BUSY : 0), NULL);
	}
	for (i = 0; i < allocs; i++) {
		uint64_t size = (1 + rnd(s, 4)) * g - (rnd(s, 8) ? 0 : rnd(s, g));
		uint64_t align = g << rnd(s, 2);
		unsigned int ok = !rnd(s, 4);

		sb_addf(out, "alloc a%u 0 -1 0x%" PRIx64 " 0x%" PRIx64 " %u\n", i, size, align, ok);
		if (!live)
			break;
		if (!vmbus_allocate_mmio(&vm, &new, "a", 0, UINT64_MAX, size, align, ok))
			live[nlive++] = (struct live){ new->start, size };
		if (nlive && !rnd(s, 4)) {
			unsigned int k = (unsigned int)rnd(s, nlive);
			/* now and then a wrong size, which frees nothing */
			uint64_t len = rnd(s, 16) ? live[k].size : live[k].size + g;

			sb_addf(out, "free 0x%" PRIx64 " 0x%" PRIx64 "\n", live[k].start, len);
			vmbus_free_mmio(&vm, live[k].start, len);
			live[k] = live[--nlive];
		}
	}
	sb_addf(out, "iomem\nranges\n");
	free(live);
	vmbus_release(&vm);
	res_free(iomem);
}
