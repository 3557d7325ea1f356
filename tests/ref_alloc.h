/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The slow reference: vmbus_allocate_mmio() as the kernel writes it,
 * trying each align-th address in turn. Tests and bench/ compare the fast
 * allocator with it; it is never used by hvkdump itself.
 */
#ifndef HVKDUMP_REF_ALLOC_H
#define HVKDUMP_REF_ALLOC_H

#include "model/linux/drivers/hv/vmbus.h"

int ref_allocate_mmio(struct vmbus_mmio *vm, struct resource **new,
		      const char *dev_n, uint64_t min, uint64_t max,
		      uint64_t size, uint64_t align, bool fb_overlap_ok);

#endif
