// SPDX-License-Identifier: GPL-2.0-or-later
/* drivers/hv/vmbus_drv.c vmbus_allocate_mmio(), step by step. */
#include <errno.h>
#include <stddef.h>

#include "ref_alloc.h"

/*
 * "for (; start + size - 1 <= range_max; start += align)", stopping where
 * the kernel's arithmetic would wrap past 2^64 (the fast allocator has no
 * candidates there either).
 */
static bool next_candidate(uint64_t *start, uint64_t size, uint64_t align,
			   uint64_t range_max, bool first)
{
	if (!first) {
		if (*start > UINT64_MAX - align)
			return false;
		*start += align;
	}
	return *start <= range_max && size - 1 <= range_max - *start;
}

int ref_allocate_mmio(struct vmbus_mmio *vm, struct resource **new,
		      const char *dev_n, uint64_t min, uint64_t max,
		      uint64_t size, uint64_t align, bool fb_overlap_ok)
{
	struct resource *fb_mmio = vm->fb_mmio, *iter, *shadow;
	uint64_t range_min, range_max, start, end;
	bool first;

	*new = NULL;
	if (!res_is_pow2(align))
		return -EINVAL;
	if (!size)
		return -ENXIO;

	if (fb_overlap_ok && fb_mmio && !(min > fb_mmio->end) &&
	    !(max < fb_mmio->start)) {
		range_min = fb_mmio->start;
		range_max = fb_mmio->end;
		if (res_align_up(range_min, align, &start)) {
			for (first = true;
			     next_candidate(&start, size, align, range_max, first);
			     first = false) {
				*new = res_request_region(vm->iomem, start, size, dev_n,
							  IORESOURCE_EXCLUSIVE, NULL);
				if (*new)
					return 0;
			}
		}
	}

	for (iter = vm->hyperv_mmio; iter; iter = iter->sibling) {
		if ((iter->start >= max) || (iter->end <= min))
			continue;
		range_min = iter->start;
		range_max = iter->end;
		if (!res_align_up(range_min, align, &start))
			continue;
		for (first = true;
		     next_candidate(&start, size, align, range_max, first);
		     first = false) {
			end = start + size - 1;

			/* Skip the whole fb_mmio region if not fb_overlap_ok */
			if (!fb_overlap_ok && fb_mmio &&
			    (((start >= fb_mmio->start) && (start <= fb_mmio->end)) ||
			     ((end >= fb_mmio->start) && (end <= fb_mmio->end))))
				continue;

			shadow = res_request_region(iter, start, size, dev_n, 0, NULL);
			if (!shadow)
				continue;

			*new = res_request_region(vm->iomem, start, size, dev_n,
						  IORESOURCE_EXCLUSIVE, NULL);
			if (*new)
				return 0;

			res_release_region(iter, start, size);
		}
	}
	return -ENXIO;
}
