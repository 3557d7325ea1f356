// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The VMBus MMIO range list: Linux v4.6 ... v7.1, drivers/hv/vmbus_drv.c
 * vmbus_walk_resources() (ACPI _CRS, the vTPM cut before and after
 * 016a25e4b0df) and vmbus_device_add()'s "ranges" (device tree, v6.13 on).
 */
#include <errno.h>
#include <stdlib.h>

#include "vmbus.h"

void vmbus_init(struct vmbus_mmio *vm, struct resource *iomem)
{
	vm->iomem = iomem;
	vm->hyperv_mmio = NULL;
	vm->fb_mmio = NULL;
	vm->vtpm_fix = true;
}

void vmbus_release(struct vmbus_mmio *vm)
{
	struct resource *r = vm->hyperv_mmio, *next;

	for (; r; r = next) {
		next = r->sibling;
		res_free(r);
	}
	vm->hyperv_mmio = NULL;
	vm->fb_mmio = NULL;
}

/* drivers/hv/vmbus_drv.c: vmbus_walk_resources(), an ADDRESS32/64 entry */
int vmbus_walk_resources(struct vmbus_mmio *vm, uint64_t start, uint64_t end)
{
	struct resource *new_res;
	struct resource **old_res = &vm->hyperv_mmio;
	struct resource **prev_res = NULL;

	/* "Ignore ranges that are below 1MB" */
	if (end < SZ_1M)
		return 0;

	/*
	 * "If this range overlaps the virtual TPM, truncate it." Before
	 * 016a25e4b0df the cut kept 0xfed40000 and spared a range ending on
	 * it; since, a range ending at 0xfed40000 is cut too.
	 */
	if (vm->vtpm_fix) {
		if (end >= VTPM_BASE_ADDRESS && start < VTPM_BASE_ADDRESS)
			end = VTPM_BASE_ADDRESS - 1;
	} else if (end > VTPM_BASE_ADDRESS && start < VTPM_BASE_ADDRESS) {
		end = VTPM_BASE_ADDRESS;
	}

	new_res = res_new(start, end, "hyperv mmio", IORESOURCE_MEM);
	if (!new_res)
		return -ENOMEM;

	/* "If two ranges are adjacent, merge them." */
	do {
		if (!*old_res) {
			*old_res = new_res;
			break;
		}
		if ((*old_res)->end + 1 == new_res->start) {
			(*old_res)->end = new_res->end;
			res_free(new_res);
			break;
		}
		if ((*old_res)->start == new_res->end + 1) {
			(*old_res)->start = new_res->start;
			res_free(new_res);
			break;
		}
		if ((*old_res)->start > new_res->end) {
			new_res->sibling = *old_res;
			if (prev_res)
				(*prev_res)->sibling = new_res;
			*old_res = new_res;
			break;
		}
		prev_res = old_res;
		old_res = &(*old_res)->sibling;
	} while (1);
	return 0;
}

/* drivers/hv/vmbus_drv.c: vmbus_device_add(), the "ranges" of the DT node */
int vmbus_add_dt_range(struct vmbus_mmio *vm, uint64_t start, uint64_t end)
{
	struct resource **p = &vm->hyperv_mmio;
	struct resource *r = res_new(start, end, "hyperv mmio", IORESOURCE_MEM);

	if (!r)
		return -ENOMEM;
	while (*p)
		p = &(*p)->sibling;
	*p = r;
	return 0;
}
