// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The fast allocator against the step-by-step reference (tests/ref_alloc.c)
 * on the same scripts: 10,000 allocations at 4 KiB alignment over a 64 GiB
 * range. The reference needs up to millions of steps per allocation there,
 * so it is timed on a window of N allocations (-n N) taken after the first
 * K (-k K) have been made by the fast allocator, untimed, on two identical
 * models; the fast allocator is timed on the same window, then on the whole
 * script. Both must give the same addresses, or the benchmark stops.
 *
 *   alloc_bench [-n N] [-k K] [-a ALLOCS] [-s SEED]
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lib/formats/iomem.h"
#include "tests/ref_alloc.h"
#include "src/replay.h"
#include "model/linux/drivers/hv/vmbus.h"

#define HIGH_START	0x1000000000ULL		/* 64 GiB */
#define HIGH_SIZE	(64ULL << 30)

struct op {
	uint64_t size;
	bool ok;
};

struct layout {
	const char *name;
	const char *what;
	unsigned int busy;	/* existing regions scattered over the range */
	uint64_t head_gb;	/* a busy region holding the range's first GiBs */
};

static const struct layout layouts[] = {
	{ "packed", "empty 64 GiB range, allocations fill it from the bottom", 0, 0 },
	{ "crowded", "4,000 busy regions scattered over the range", 4000, 0 },
	{ "far", "the first 32 GiB busy: every fit is 8 M steps away", 0, 32 },
};

static uint64_t xs(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dULL;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct model {
	struct resource *iomem;
	struct vmbus_mmio vm;
};

static void model_init(struct model *m, const struct layout *l, uint64_t seed)
{
	unsigned int i;

	m->iomem = iomem_root_new();
	vmbus_init(&m->vm, m->iomem);
	vmbus_walk_resources(&m->vm, 0x40000000, 0xffffffff);
	vmbus_walk_resources(&m->vm, HIGH_START, HIGH_START + HIGH_SIZE - 1);
	vmbus_reserve_fb_range(&m->vm, 0x40000000, SZ_8M);
	if (l->head_gb)
		res_request_region(m->iomem, HIGH_START, l->head_gb << 30, "busy", 0, NULL);
	for (i = 0; i < l->busy; i++) {
		uint64_t at = HIGH_START + (xs(&seed) % (HIGH_SIZE >> 12) << 12);
		uint64_t len = 0x1000ULL << (xs(&seed) % 8);

		res_request_region(m->iomem, at, len, "busy", 0, NULL);
	}
}

static void model_free(struct model *m)
{
	vmbus_release(&m->vm);
	res_free(m->iomem);
}

/* Runs ops [from, to); returns seconds; fills starts[] (0 for -ENXIO). */
static double run(struct model *m, replay_alloc_fn alloc, const struct op *ops,
		  unsigned int from, unsigned int to, uint64_t *starts)
{
	double t0 = now();
	unsigned int i;

	for (i = from; i < to; i++) {
		struct resource *new;

		starts[i] = alloc(&m->vm, &new, "dev", SZ_4G, UINT64_MAX,
				  ops[i].size, 0x1000, ops[i].ok) ? 0 : new->start;
	}
	return now() - t0;
}

int main(int argc, char **argv)
{
	unsigned int nallocs = 10000, nref = 20, skip = 5000, i, c;
	uint64_t seed = 0x68766b64ULL;
	size_t li;
	int opt;

	while ((opt = getopt(argc, argv, "n:k:a:s:")) != -1) {
		switch (opt) {
		case 'n': nref = (unsigned int)strtoul(optarg, NULL, 0); break;
		case 'k': skip = (unsigned int)strtoul(optarg, NULL, 0); break;
		case 'a': nallocs = (unsigned int)strtoul(optarg, NULL, 0); break;
		case 's': seed = strtoull(optarg, NULL, 0); break;
		default:
			fprintf(stderr, "usage: %s [-n REF_ALLOCS] [-k SKIP] [-a ALLOCS] [-s SEED]\n", argv[0]);
			return 2;
		}
	}
	if (skip > nallocs)
		skip = nallocs;
	if (nref > nallocs - skip)
		nref = nallocs - skip;

	printf("%-8s %7s %10s %12s %13s %12s %12s %9s\n", "layout", "allocs",
	       "fast_ms", "fast_ns/op", "window", "ref_ns/op", "fast_ns/op", "ratio");
	for (li = 0; li < sizeof(layouts) / sizeof(layouts[0]); li++) {
		const struct layout *l = &layouts[li];
		struct op *ops = calloc(nallocs, sizeof(*ops));
		uint64_t *a = calloc(nallocs, sizeof(*a)), *b = calloc(nallocs, sizeof(*b));
		uint64_t s = seed;
		struct model m;
		double tf, tr, tp;

		for (i = 0; i < nallocs; i++) {
			ops[i].size = 0x1000ULL << (xs(&s) % 9);	/* 4 KiB .. 1 MiB */
			ops[i].ok = false;
		}
		/* the reference on the window, after the first K made fast */
		model_init(&m, l, seed);
		run(&m, vmbus_allocate_mmio, ops, 0, skip, b);
		tr = run(&m, ref_allocate_mmio, ops, skip, skip + nref, b);
		model_free(&m);
		/* the fast one on the same window */
		model_init(&m, l, seed);
		run(&m, vmbus_allocate_mmio, ops, 0, skip, a);
		tp = run(&m, vmbus_allocate_mmio, ops, skip, skip + nref, a);
		model_free(&m);
		for (c = skip; c < skip + nref; c++) {
			if (a[c] != b[c]) {
				fprintf(stderr, "%s: allocation %u differs: fast 0x%" PRIx64
					", reference 0x%" PRIx64 "\n", l->name, c, a[c], b[c]);
				return 1;
			}
		}
		/* the fast one on the whole script */
		model_init(&m, l, seed);
		tf = run(&m, vmbus_allocate_mmio, ops, 0, nallocs, a);
		model_free(&m);

		char window[32];

		snprintf(window, sizeof(window), "%u-%u", skip, skip + nref - 1);
		printf("%-8s %7u %10.2f %12.0f %13s %12.0f %12.0f %9.0f\n", l->name,
		       nallocs, tf * 1e3, tf * 1e9 / nallocs, window,
		       nref ? tr * 1e9 / nref : 0.0, nref ? tp * 1e9 / nref : 0.0,
		       tp > 0 ? tr / tp : 0.0);
		free(ops);
		free(a);
		free(b);
	}
	printf("\nlayouts:\n");
	for (li = 0; li < sizeof(layouts) / sizeof(layouts[0]); li++)
		printf("  %-8s %s\n", layouts[li].name, layouts[li].what);
	printf("window: the allocations timed for both, after the ones before it were made\n"
	       "ratio: reference time / fast time on that window\n");
	return 0;
}
