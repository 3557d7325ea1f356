// SPDX-License-Identifier: GPL-2.0-or-later
#define _GNU_SOURCE
/* The replay language, with the fast allocator checked against the reference. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/ref_alloc.h"
#include "src/replay.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static char *run(const unsigned char *data, size_t size, replay_alloc_fn alloc, int *rc)
{
	FILE *in = fmemopen((void *)data, size, "r");
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	struct hv_err err;

	if (!in || !out)
		abort();
	*rc = replay_run_with(in, out, &err, alloc);
	fclose(in);
	fclose(out);
	return text;
}

/*
 * The reference steps one align at a time: it runs only where every number
 * is small (below 1 MiB: at most five hex or six decimal digits, no M, G, T
 * and no -1), so that a run stays short.
 */
static bool small_numbers(const unsigned char *data, size_t size)
{
	size_t i = 0;

	while (i < size) {
		size_t start, digits = 0;
		bool hex = false;

		while (i < size && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n'))
			i++;
		start = i;
		if (i + 1 < size && data[i] == '0' && (data[i + 1] == 'x' || data[i + 1] == 'X')) {
			hex = true;
			i += 2;
		}
		while (i < size && data[i] != ' ' && data[i] != '\t' && data[i] != '\n') {
			if (data[i] == 'M' || data[i] == 'G' || data[i] == 'T' || data[i] == 'm' ||
			    data[i] == 'g' || data[i] == 't')
				return false;
			digits++;
			i++;
		}
		if (i - start == 2 && data[start] == '-' && data[start + 1] == '1')
			return false;
		if ((hex && digits > 5) || (!hex && digits > 6 && data[start] >= '0' &&
					    data[start] <= '9'))
			return false;
	}
	return true;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char *fast, *ref;
	int rf, rr;

	if (!size || size > 4096)
		return 0;
	fast = run(data, size, vmbus_allocate_mmio, &rf);
	if (!small_numbers(data, size)) {
		free(fast);
		return 0;
	}
	ref = run(data, size, ref_allocate_mmio, &rr);
	if (rf != rr || strcmp(fast, ref))
		abort();
	free(fast);
	free(ref);
	return 0;
}
