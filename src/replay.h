/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The replay language: a script that drives the VMBus MMIO model. */
#ifndef HVKDUMP_REPLAY_H
#define HVKDUMP_REPLAY_H

#include <stdio.h>

#include "util/error.h"

/* Longest script line; a longer one is an error, not a truncation. */
#define REPLAY_LINE_MAX 4096
/* A script is read this many bytes at a time (a line at a time from a terminal). */
#define REPLAY_BLOCK (64 << 10)
/*
 * Caps no real VM's layout reaches (a few dozen regions; a real /proc/iomem
 * has a few hundred lines, nested a few deep), set for scripts that load
 * the model (bench/run: a million allocations): lines read; commands that
 * make a region (range, region, busy, reserve-fb, alloc), which bounds the
 * live ones and the memory (a resource is 128 bytes; an alloc makes two,
 * the shadow and the region); and how deep a region
 * nests, which bounds each request's descent (a chain of n nested regions
 * would cost n^2).
 */
#define REPLAY_LINES_MAX	(1 << 22)
#define REPLAY_REGIONS_MAX	(1 << 21)
#define REPLAY_DEPTH_MAX	32

/*
 * Runs the script read from @in, writing what each command prints to
 * @out. Returns 0, or -1 with @err naming the line that stopped the run
 * (err->line 0: a failure that is not the script's, e.g. out of memory).
 * For a process that exits right after: a model of more than
 * REPLAY_KEEP_AT_EXIT regions is not taken apart (a walk of millions of
 * nodes in no memory order, a tenth of a large replay's time); the
 * process's exit gives the memory back. Under valgrind or ASan: freed still.
 */
#define REPLAY_KEEP_AT_EXIT	(1 << 14)
int replay_run_exiting(FILE *in, FILE *out, struct hv_err *err);

#include "model/linux/drivers/hv/vmbus.h"

/* The same with another allocator in place of vmbus_allocate_mmio(), the model freed. */
typedef int (*replay_alloc_fn)(struct vmbus_mmio *vm, struct resource **new,
			       const char *dev_n, uint64_t min, uint64_t max,
			       uint64_t size, uint64_t align, bool fb_overlap_ok);
int replay_run_with(FILE *in, FILE *out, struct hv_err *err,
		    replay_alloc_fn alloc);

#endif
