// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What one random load costs on this machine, by the size of the memory
 * it lands in: a chain of pointers through every cache line of a buffer
 * in a random order, followed for a fixed number of steps, each load
 * waiting on the one before. Where the latency steps up is the largest
 * cache the process really has (a VM's CPUID may say otherwise); how it
 * goes on growing past that is what an allocator whose fits land anywhere
 * in a structure of n entries pays more of at a larger n, the same
 * instructions notwithstanding (BENCHMARKS.md, the crowded layout).
 *
 *   mem_latency [MAX_MIB]		(default 512; sizes 1, 2, 4, ... MiB)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>

#include "tests/gen_script.h"

#define LINE		64
#define STEPS		4000000UL
#define HUGE_SIZE	(2UL << 20)

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/*
 * The mean latency of a load in a buffer of @bytes, mapped aligned to
 * 2 MiB and offered transparent huge pages as util/slab.c maps its
 * chunks; a negative value when out of memory.
 */
static double latency(size_t bytes)
{
	size_t lines = bytes / LINE, i, p = 0;
	size_t span = bytes + HUGE_SIZE;
	uint64_t seed = 0x68766b64ULL;
	uint32_t *order;
	char *raw, *buf;
	double t0, t1;

	raw = mmap(NULL, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (raw == MAP_FAILED)
		return -1;
	buf = raw + ((HUGE_SIZE - (uintptr_t)raw % HUGE_SIZE) % HUGE_SIZE);
	madvise(buf, bytes, MADV_HUGEPAGE);	/* a hint: without it the chain still runs */
	order = malloc(lines * sizeof(*order));
	if (!order) {
		munmap(raw, span);
		return -1;
	}
	/* a random cycle through every line: Fisher-Yates, then each to the next */
	for (i = 0; i < lines; i++)
		order[i] = (uint32_t)i;
	for (i = lines - 1; i > 0; i--) {
		size_t j = gen_next(&seed) % (i + 1);
		uint32_t t = order[i];

		order[i] = order[j];
		order[j] = t;
	}
	for (i = 0; i < lines; i++)
		*(size_t *)(buf + (size_t)order[i] * LINE) = (size_t)order[(i + 1) % lines] * LINE;
	free(order);
	for (i = 0; i < lines; i++)	/* once round: the pages in, the caches as they will be */
		p = *(volatile size_t *)(buf + p);
	t0 = now_ns();
	for (i = 0; i < STEPS; i++)
		p = *(volatile size_t *)(buf + p);
	t1 = now_ns();
	munmap(raw, span);
	return (t1 - t0) / STEPS;
}

int main(int argc, char **argv)
{
	unsigned long max_mib = 512, mib;
	char *end = NULL;

	if (argc == 2)
		max_mib = strtoul(argv[1], &end, 10);
	if (argc > 2 || (end && *end) || !max_mib || max_mib > 65536) {
		fprintf(stderr, "usage: %s [MAX_MIB]  (1 .. 65536)\n", argv[0]);
		return 2;
	}
	printf("%-10s", "MiB");
	for (mib = 1; mib <= max_mib; mib *= 2)
		printf(" %7lu", mib);
	printf("\n%-10s", "ns/load");
	for (mib = 1; mib <= max_mib; mib *= 2) {
		double ns = latency(mib << 20);

		if (ns < 0) {
			fprintf(stderr, "\nmem_latency: out of memory at %lu MiB\n", mib);
			return 1;
		}
		printf(" %7.1f", ns);
		fflush(stdout);
	}
	printf("\n");
	return 0;
}
