// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The VMBus MMIO allocator: Linux v4.6 ... v7.1, drivers/hv/vmbus_drv.c
 * vmbus_allocate_mmio() and vmbus_free_mmio().
 *
 * The kernel tries every align-th address of a range in turn. That gives
 * the first candidate at which all four tests pass: inside the range, not
 * touching fb_mmio (unless fb_overlap_ok), a free place for the shadow in
 * the range, a free place in the global tree. Each test here says where
 * its next passing candidate is (res_next_fit() jumps over a whole
 * occupied span), and the search leaps from one to the next until all
 * four agree: the same first fit, without the steps in between.
 */
#include <errno.h>
#include <stddef.h>

#include "vmbus.h"

/* request_mem_region_exclusive() */
static struct resource *request_mem_region_exclusive(struct vmbus_mmio *vm,
						     uint64_t start, uint64_t n,
						     const char *name)
{
	return res_request_region(vm->iomem, start, n, name,
				  IORESOURCE_EXCLUSIVE, NULL);
}

/*
 * The kernel's "Skip the whole fb_mmio region if not fb_overlap_ok":
 * candidate @c is skipped when its start or its end lies in @fb. Moves @c
 * to the next candidate that passes; false when there is none.
 */
static bool fb_skip(const struct resource *fb, uint64_t size, uint64_t align,
		    uint64_t *c)
{
	uint64_t end = *c + size - 1;

	if (*c >= fb->start && *c <= fb->end) {
		if (fb->end == UINT64_MAX)
			return false;
		return res_align_up(fb->end + 1, align, c);
	}
	if (end >= fb->start && end <= fb->end) {
		/* the lowest candidate whose end is past fb->end */
		uint64_t t = fb->end - (size - 1);

		if (t == UINT64_MAX)
			return false;
		return res_align_up(t + 1, align, c);
	}
	return true;
}

/* "start = (range_min + align - 1) & ~(align - 1)" in u64: 0 past the top */
static uint64_t kernel_align(uint64_t x, uint64_t align)
{
	return (x + (align - 1)) & ~(align - 1);
}

/*
 * Whether "for (; start + size - 1 <= range_max; start += align)" from @c0
 * runs until start wraps to 0 instead of ending: every candidate passes
 * the test. Those whose end fits in 64 bits pass when the last of them
 * does; those whose end wraps (the test sees a small number) pass when the
 * largest such end, size - 1 - align, does.
 */
static bool loop_wraps(uint64_t c0, uint64_t size, uint64_t align, uint64_t range_max)
{
	uint64_t last = (UINT64_MAX - (size - 1)) & ~(align - 1);

	if (c0 <= last && last + (size - 1) > range_max)
		return false;
	if (size > align && size - 1 - align > range_max)
		return false;
	return true;
}

/* steps += candidates from @from to @to at @align, saturating */
static void count_steps(struct vmbus_mmio *vm, uint64_t from, uint64_t to, uint64_t align)
{
	uint64_t n = to >= from ? (to - from) / align + 1 : 0;

	vm->steps = n > UINT64_MAX - vm->steps ? UINT64_MAX : vm->steps + n;
}

static bool first_fit_in_range(struct vmbus_mmio *vm, struct resource *iter,
			       uint64_t size, uint64_t align, bool fb_overlap_ok,
			       uint64_t *found)
{
	const struct resource *fb = vm->fb_mmio;
	bool global_ok = false;	/* the global tree's next fit is c */
	uint64_t c, next;

	if (!res_align_up(iter->start, align, &c))
		return false;
	for (;;) {
		/* "for (; start + size - 1 <= range_max; start += align)" */
		if (c > iter->end || size - 1 > iter->end - c)
			return false;
		next = c;
		if (!fb_overlap_ok && fb && !fb_skip(fb, size, align, &next))
			return false;
		if (next != c) {
			c = next;
			global_ok = false;
			continue;
		}
		/*
		 * the real one first: request_mem_region_exclusive(). The
		 * global tree holds what the shadows hold and more (busy
		 * regions the range does not know), so its next fit is most
		 * often the answer, which the shadow then only confirms; the
		 * order of the tests does not change the least candidate
		 * that passes them all.
		 */
		if (!global_ok) {
			if (!res_next_fit(vm->iomem, c, size, align, &next))
				return false;
			global_ok = true;
			if (next != c) {
				c = next;
				continue;
			}
		}
		/* the shadow: __request_region(iter, start, size, NULL, BUSY) */
		if (!res_fits_at(iter, c, size) &&
		    !res_next_fit(iter, c, size, align, &next))
			return false;
		if (next != c) {
			c = next;
			global_ok = false;
			continue;
		}
		*found = c;
		return true;
	}
}

/* alloc_in_fb_range(): nothing fits in fb_mmio (beside 0, errnos and VMBUS_MMIO_SPINS) */
#define FB_RANGE_FULL	2
_Static_assert(FB_RANGE_FULL != VMBUS_MMIO_SPINS, "a distinct answer");

/*
 * vmbus_allocate_mmio()'s first pass, inside fb_mmio itself: what
 * vmbus_allocate_mmio() returns, or FB_RANGE_FULL.
 */
static int alloc_in_fb_range(struct vmbus_mmio *vm, struct resource **new, const char *dev_n,
			     uint64_t size, uint64_t align)
{
	const struct resource *fb = vm->fb_mmio;
	uint64_t c0 = kernel_align(fb->start, align), start;

	if (res_next_fit(vm->iomem, c0, size, align, &start) &&
	    start <= fb->end && size - 1 <= fb->end - start) {
		count_steps(vm, c0, start, align);
		*new = request_mem_region_exclusive(vm, start, size, dev_n);
		return *new ? 0 : -ENOMEM;
	}
	if (loop_wraps(c0, size, align, fb->end)) {
		/*
		 * u64 arithmetic: past 2^64 - align, start wraps to 0 and
		 * the loop goes on from there, with only the global tree
		 * to ask: the first free place below where it began, or
		 * round and round for good
		 */
		vm->steps = UINT64_MAX;
		if (!res_next_fit(vm->iomem, 0, size, align, &start) || start >= c0 ||
		    size - 1 > fb->end - start)
			return VMBUS_MMIO_SPINS;
		vm->steps = 0;
		count_steps(vm, c0, UINT64_MAX - (align - 1), align);
		count_steps(vm, 0, start, align);
		vm->wrapped = true;
		*new = request_mem_region_exclusive(vm, start, size, dev_n);
		return *new ? 0 : -ENOMEM;
	}
	if (c0 <= fb->end && size - 1 <= fb->end - c0)
		count_steps(vm, c0, fb->end - (size - 1), align);
	return FB_RANGE_FULL;
}

/* drivers/hv/vmbus_drv.c: vmbus_allocate_mmio() */
int vmbus_allocate_mmio(struct vmbus_mmio *vm, struct resource **new,
			const char *dev_n, uint64_t min, uint64_t max,
			uint64_t size, uint64_t align, bool fb_overlap_ok)
{
	const struct resource *fb = vm->fb_mmio;
	struct resource *iter, *shadow;
	uint64_t start;

	*new = NULL;
	vm->wrapped = false;
	vm->steps = 0;
	if (!res_is_pow2(align))
		return -EINVAL;
	if (!size)
		return -ENXIO;	/* every request of an empty region fails */

	/*
	 * "If overlaps with frame buffers are allowed, then first attempt to
	 * make the allocation from within the reserved region. Because it is
	 * already reserved, no shadow allocation is necessary."
	 */
	if (fb_overlap_ok && fb && !(min > fb->end) && !(max < fb->start)) {
		int rc = alloc_in_fb_range(vm, new, dev_n, size, align);

		if (rc != FB_RANGE_FULL)
			return rc;
	}

	for (iter = vm->hyperv_mmio; iter; iter = iter->sibling) {
		uint64_t c0 = kernel_align(iter->start, align);

		if (iter->start >= max || iter->end <= min)
			continue;
		if (!first_fit_in_range(vm, iter, size, align, fb_overlap_ok,
					&start)) {
			/* the shadow requests below the range fail as they did */
			if (loop_wraps(c0, size, align, iter->end)) {
				vm->steps = UINT64_MAX;
				return VMBUS_MMIO_SPINS;
			}
			if (c0 >= iter->start && c0 <= iter->end &&
			    size - 1 <= iter->end - c0)
				count_steps(vm, c0, iter->end - (size - 1), align);
			continue;
		}
		count_steps(vm, c0, start, align);
		shadow = res_request_region(iter, start, size, dev_n, 0, NULL);
		if (!shadow)
			return -ENOMEM;
		*new = request_mem_region_exclusive(vm, start, size, dev_n);
		if (!*new) {
			res_release_region(iter, start, size);
			return -ENOMEM;
		}
		return 0;
	}
	return -ENXIO;
}

/* drivers/hv/vmbus_drv.c: vmbus_free_mmio() */
unsigned int vmbus_free_mmio(struct vmbus_mmio *vm, uint64_t start,
			     uint64_t size)
{
	const struct resource *fb = vm->fb_mmio;
	struct resource *iter;
	unsigned int warnings = 0;

	/*
	 * "If all bytes of the MMIO range to be released are within the
	 * special case fb_mmio shadow region, skip releasing the shadow region
	 * since no corresponding __request_region() was done in
	 * vmbus_allocate_mmio()."
	 */
	if (fb && start >= fb->start && start + size - 1 <= fb->end)
		goto skip_shadow_release;

	for (iter = vm->hyperv_mmio; iter; iter = iter->sibling) {
		if (iter->start >= start + size || iter->end <= start)
			continue;
		if (!res_release_region(iter, start, size))
			warnings++;
	}

skip_shadow_release:
	/* release_mem_region() */
	if (!res_release_region(vm->iomem, start, size))
		warnings++;
	return warnings;
}
