// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The fast allocator against the step-by-step reference (tests/ref_alloc.c)
 * on the same allocations, for 10,000, 100,000 and 1,000,000 of them in a
 * 1 TiB range. The reference needs up to millions of steps an allocation
 * there, so it is timed on a window of N allocations (-n N) taken after
 * half of them were made by the fast allocator, untimed, on two identical
 * models; the fast allocator is timed on the same window (the least of 20
 * times, each freed again), then on the whole run: the least of 5 rounds,
 * each round running every count once (-r ROUNDS). Both must give the
 * same addresses, or the benchmark stops.
 * Times are the process's CPU time: on a machine shared with other work,
 * wall time counts the others too. For a profile of the whole runs alone,
 * without the window: -n 0 -r 1, and callgrind's
 * --toggle-collect=vmbus_allocate_mmio counts their instructions only.
 *
 *   alloc_bench [-n N] [-r ROUNDS] [-s SEED] [-l LAYOUT] [COUNT...]
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "model/iomem.h"
#include "tests/gen_script.h"
#include "tests/ref_alloc.h"
#include "src/replay.h"
#include "model/linux/drivers/hv/vmbus.h"

#define HIGH_START	0x1000000000ULL		/* 64 GiB */
#define HIGH_SIZE	(1ULL << 40)		/* 1 TiB */

/* timings taken this many times, the least kept (CPU time still varies with the load) */
#define ROUNDS		5
#define ROUNDS_MAX	100
#define WINDOW_REPEATS	20

struct op {
	uint64_t size, align;
};

struct layout {
	const char *name;
	const char *what;
	bool bars;		/* sizes are powers of two, aligned to their size */
	bool crowded;		/* one busy region for every 4 allocations */
	uint64_t head_gb;	/* a busy region holding the range's first GiBs */
};

static const struct layout layouts[] = {
	{ "packed", "4 KiB .. 1 MiB at 4 KiB alignment, from the bottom of an empty range",
	  false, false, 0 },
	{ "bars", "BAR-like: 8 KiB config windows and 16 KiB .. 1 MiB BARs aligned to their size",
	  true, false, 0 },
	{ "crowded", "as packed, among busy regions (one per 4 allocations) where they land",
	  false, true, 0 },
	{ "far", "as packed, the first 32 GiB busy: every fit is 8 M steps away",
	  false, false, 32 },
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct model {
	struct resource *iomem;
	struct vmbus_mmio vm;
};

static void model_init(struct model *m, const struct layout *l, unsigned int count,
		       uint64_t seed)
{
	unsigned int i;

	m->iomem = iomem_root_new();
	vmbus_init(&m->vm, m->iomem);
	vmbus_walk_resources(&m->vm, 0x40000000, 0xffffffff);
	vmbus_walk_resources(&m->vm, HIGH_START, HIGH_START + HIGH_SIZE - 1);
	vmbus_reserve_fb_range(&m->vm, 0x40000000, SZ_8M);
	if (l->head_gb)
		res_request_region(m->iomem, HIGH_START, l->head_gb << 30, "busy", 0, NULL);
	/* scattered over what the allocations fill: about 130 KiB each */
	for (i = 0; l->crowded && i < count / 4; i++) {
		uint64_t at = HIGH_START + (gen_next(&seed) % ((uint64_t)count << 5) << 12);
		uint64_t len = 0x1000ULL << (gen_next(&seed) % 8);

		res_request_region(m->iomem, at, len, "busy", 0, NULL);
	}
}

static void model_free(struct model *m)
{
	vmbus_release(&m->vm);
	res_free(m->iomem);
}

/* Runs ops [from, to); returns seconds; fills starts[] (0 for a failure). */
static double run(struct model *m, replay_alloc_fn alloc, const struct op *ops,
		  unsigned int from, unsigned int to, uint64_t *starts)
{
	double t0 = now();
	unsigned int i;

	for (i = from; i < to; i++) {
		struct resource *new;

		starts[i] = alloc(&m->vm, &new, "dev", SZ_4G, UINT64_MAX,
				  ops[i].size, ops[i].align, false) ? 0 : new->start;
	}
	return now() - t0;
}

/*
 * The window [from, to) made WINDOW_REPEATS times, each time freed again
 * (vmbus_free_mmio() leaves the same regions; the index's nodes may
 * split differently, the answers are the same), the least time kept: a
 * few microseconds, timed once, are at the mercy of one interrupt on a
 * shared machine.
 */
static double fast_window(struct model *m, const struct op *ops, unsigned int from,
			  unsigned int to, uint64_t *starts)
{
	double best = 0, t;
	unsigned int r, i;

	for (r = 0; r < WINDOW_REPEATS; r++) {
		t = run(m, vmbus_allocate_mmio, ops, from, to, starts);
		best = r && best < t ? best : t;
		for (i = from; r + 1 < WINDOW_REPEATS && i < to; i++)
			if (starts[i])
				vmbus_free_mmio(&m->vm, starts[i], ops[i].size);
	}
	return best;
}

static void make_ops(const struct layout *l, struct op *ops, unsigned int count,
		     uint64_t s)
{
	unsigned int i;

	for (i = 0; i < count; i++) {
		uint64_t k = gen_next(&s);

		if (!l->bars) {
			ops[i].size = 0x1000ULL << (k % 9);	/* 4 KiB .. 1 MiB */
			ops[i].align = 0x1000;
		} else if (k % 4 == 0) {
			ops[i].size = 0x2000;			/* hv_pci's config window */
			ops[i].align = 0x1000;
		} else {
			ops[i].size = 0x4000ULL << (k % 7);	/* 16 KiB .. 1 MiB */
			ops[i].align = ops[i].size;
		}
	}
}

struct row {
	double whole;		/* the whole run, the least of the rounds */
	double ref, fast;	/* the window, reference and fast */
	double behind;		/* the share of fits made far behind (share_behind()) */
	unsigned int count, nref;
};

/* "far behind": below the highest end made so far by more than this */
#define BEHIND		(1ULL << 30)

/*
 * The share of the allocations whose fit lands more than BEHIND (1 GiB,
 * about 9,000 allocations' worth of these sizes) below the highest end
 * made before them: a hole among places made long before, whose index
 * leaves and neighbours a large run no longer holds in the cache. The
 * addresses are the first fit's; none is 0 (bench_whole() checks).
 */
static double share_behind(const struct op *ops, const uint64_t *a, unsigned int count)
{
	uint64_t top = 0;
	unsigned int i, far = 0;

	for (i = 0; i < count; i++) {
		uint64_t end = a[i] + ops[i].size;

		if (end > top)
			top = end;
		else if (top - a[i] > BEHIND)
			far++;
	}
	return count ? (double)far / count : 0;
}

/*
 * The window: the reference's time and the fast one's on the same
 * allocations, which must give the same addresses (@a, @b: room for
 * row->count of them).
 */
static int bench_window(const struct layout *l, const struct op *ops, struct row *row,
			uint64_t seed, uint64_t *a, uint64_t *b)
{
	unsigned int count = row->count, skip = count / 2, c;
	struct model m;

	if (row->nref > count - skip)
		row->nref = count - skip;
	/* the reference on the window, after the first half made fast */
	model_init(&m, l, count, seed);
	run(&m, vmbus_allocate_mmio, ops, 0, skip, b);
	row->ref = run(&m, ref_allocate_mmio, ops, skip, skip + row->nref, b);
	model_free(&m);
	/* the fast one on the same window */
	model_init(&m, l, count, seed);
	run(&m, vmbus_allocate_mmio, ops, 0, skip, a);
	row->fast = fast_window(&m, ops, skip, skip + row->nref, a);
	model_free(&m);
	for (c = skip; c < skip + row->nref; c++) {
		if (a[c] != b[c]) {
			fprintf(stderr, "%s: allocation %u differs: fast 0x%" PRIx64
				", reference 0x%" PRIx64 "\n", l->name, c, a[c], b[c]);
			return 1;
		}
	}
	return 0;
}

/*
 * The fast allocator on the whole run, once, its addresses in @a: the same
 * array every round, so that only the first round's run faults its pages
 * in and the least of the rounds is the allocator's time; every
 * allocation must find room.
 */
static int bench_whole(const struct layout *l, const struct op *ops, unsigned int count,
		       uint64_t seed, double *t, uint64_t *a)
{
	struct model m;
	unsigned int c;

	model_init(&m, l, count, seed);
	*t = run(&m, vmbus_allocate_mmio, ops, 0, count, a);
	model_free(&m);
	for (c = 0; c < count; c++) {
		if (!a[c]) {
			fprintf(stderr, "%s: allocation %u found no room\n", l->name, c);
			return 1;
		}
	}
	return 0;
}

/*
 * One layout at every count: the windows first, then the whole runs in
 * @rounds rounds, each round running every count once, so that the
 * growth from one count to the next compares runs that met the same
 * load (a VM's speed drifts over the minutes the reference takes).
 */
static int bench(const struct layout *l, const unsigned int *counts, unsigned int ncounts,
		 unsigned int nref, unsigned int rounds, uint64_t seed)
{
	struct op *ops[8] = { NULL };
	struct row rows[8];
	uint64_t *a = NULL, *b = NULL;
	unsigned int i, r, most = 0;
	int rc = 0;

	for (i = 0; i < ncounts; i++)
		most = counts[i] > most ? counts[i] : most;
	a = calloc(most, sizeof(*a));
	if (nref)	/* the reference's addresses: only the windows have them */
		b = calloc(most, sizeof(*b));
	if (!a || (nref && !b)) {
		fprintf(stderr, "alloc_bench: out of memory\n");
		rc = 1;
	}
	for (i = 0; i < ncounts && !rc; i++) {
		rows[i] = (struct row){ .count = counts[i], .nref = nref };
		ops[i] = calloc(counts[i], sizeof(*ops[i]));
		if (!ops[i]) {
			fprintf(stderr, "alloc_bench: out of memory\n");
			rc = 1;
			break;
		}
		make_ops(l, ops[i], counts[i], seed);
		if (nref)
			rc = bench_window(l, ops[i], &rows[i], seed, a, b);
	}
	for (r = 0; r < rounds && !rc; r++) {
		for (i = 0; i < ncounts && !rc; i++) {
			double t = 0;

			rc = bench_whole(l, ops[i], counts[i], seed, &t, a);
			rows[i].whole = r && rows[i].whole < t ? rows[i].whole : t;
			if (!r && !rc)	/* the same addresses every round */
				rows[i].behind = share_behind(ops[i], a, counts[i]);
		}
	}
	for (i = 0; i < ncounts && !rc; i++) {
		const struct row *w = &rows[i];
		char window[32] = "-", growth[16] = "";

		if (w->nref)
			snprintf(window, sizeof(window), "%u-%u", w->count / 2,
				 w->count / 2 + w->nref - 1);
		if (i)
			snprintf(growth, sizeof(growth), "%.1fx", w->whole / rows[i - 1].whole);
		printf("%-8s %8u %10.1f %9.0f %7s %7.1f%% %15s %13.0f %10.0f %9.0f\n", l->name,
		       w->count, w->whole * 1e3, w->whole * 1e9 / w->count, growth,
		       w->behind * 100, window,
		       w->nref ? w->ref * 1e9 / w->nref : 0.0,
		       w->nref ? w->fast * 1e9 / w->nref : 0.0,
		       w->fast > 0 ? w->ref / w->fast : 0.0);
	}
	fflush(stdout);
	for (i = 0; i < ncounts; i++)
		free(ops[i]);
	free(a);
	free(b);
	return rc;
}

int main(int argc, char **argv)
{
	unsigned int counts[8] = { 10000, 100000, 1000000 }, ncounts = 3, nref = 5;
	unsigned int rounds = ROUNDS;
	const char *only = NULL;
	uint64_t seed = 0x68766b64ULL;
	size_t li;
	int opt;

	while ((opt = getopt(argc, argv, "n:r:s:l:")) != -1) {
		switch (opt) {
		case 'n': nref = (unsigned int)strtoul(optarg, NULL, 0); break;
		case 'r':
			rounds = (unsigned int)strtoul(optarg, NULL, 0);
			if (rounds < 1 || rounds > ROUNDS_MAX) {
				fprintf(stderr, "alloc_bench: rounds are 1 .. %d\n", ROUNDS_MAX);
				return 2;
			}
			break;
		case 's': seed = strtoull(optarg, NULL, 0); break;
		case 'l': only = optarg; break;
		default:
			fprintf(stderr, "usage: %s [-n REF_ALLOCS] [-r ROUNDS] [-s SEED] [-l LAYOUT] "
				"[COUNT...]\n", argv[0]);
			return 2;
		}
	}
	if (optind < argc) {
		for (ncounts = 0; optind < argc && ncounts < 8; optind++) {
			counts[ncounts] = (unsigned int)strtoul(argv[optind], NULL, 0);
			if (counts[ncounts] < 2 || counts[ncounts] > 4000000) {
				fprintf(stderr, "alloc_bench: a count is 2 .. 4000000\n");
				return 2;
			}
			ncounts++;
		}
	}

	printf("%-8s %8s %10s %9s %7s %8s %15s %13s %10s %9s\n", "layout", "allocs",
	       "cpu_ms", "ns/alloc", "growth", "behind", "window", "ref_ns/alloc", "fast_ns",
	       "ratio");
	for (li = 0; li < sizeof(layouts) / sizeof(layouts[0]); li++) {
		if (only && strcmp(only, layouts[li].name))
			continue;
		if (bench(&layouts[li], counts, ncounts, nref, rounds, seed))
			return 1;
	}
	printf("\nlayouts:\n");
	for (li = 0; li < sizeof(layouts) / sizeof(layouts[0]); li++)
		printf("  %-8s %s\n", layouts[li].name, layouts[li].what);
	printf("cpu_ms: the fast allocator, the whole run (CPU time)\n"
	       "growth: cpu_ms against the row above (n log n from 100k to 1M: 12.0x)\n"
	       "behind: the allocations that land more than 1 GiB below the highest end\n"
	       "        made before them (a hole among places made long before)\n"
	       "window: the allocations timed for both, after the ones before it were made\n"
	       "ratio: reference time / fast time on that window\n");
	return 0;
}
