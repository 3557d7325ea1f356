/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The VMBus driver's MMIO bookkeeping, drivers/hv/vmbus_drv.c: the list of
 * ranges from ACPI _CRS ("hyperv mmio"), the framebuffer reservation
 * (fb_mmio) and the allocator that pci_hyperv and the video drivers use.
 * The ranges and fb_mmio are private to the driver; allocations are made
 * in the global tree (iomem_resource) as well, where /proc/iomem shows them.
 */
#ifndef HVKDUMP_VMBUS_H
#define HVKDUMP_VMBUS_H

#include <stdbool.h>
#include <stdint.h>

#include "model/linux/kernel/resource.h"

/* drivers/hv/vmbus_drv.c: VTPM_BASE_ADDRESS */
#define VTPM_BASE_ADDRESS	0xfed40000ULL
#define SZ_1M			0x100000ULL
#define SZ_8M			0x800000ULL
#define SZ_64M			0x4000000ULL
#define SZ_128M			0x8000000ULL
#define SZ_4G			0x100000000ULL

struct vmbus_mmio {
	struct resource *iomem;		/* iomem_resource; not owned */
	struct resource *hyperv_mmio;	/* head of the range list; owned */
	struct resource *fb_mmio;	/* "fb_range", a child of a range */
	bool vtpm_fix;			/* truncate at 0xfed3ffff, not 0xfed40000 */
	/* the last vmbus_allocate_mmio()'s wrapped fb loop took this address */
	bool wrapped;
	/* candidates the kernel's loops try in the last call (saturates) */
	uint64_t steps;
};

/*
 * vmbus_allocate_mmio()'s answer where its u64 loop runs past 2^64 - align
 * and its start wraps to 0 without ever finding a place: the kernel spins
 * there for good, holding hyperv_mmio_lock.
 */
#define VMBUS_MMIO_SPINS	1
/* More candidates than this in one call: minutes or more with the lock held. */
#define VMBUS_MMIO_LONG_LOOP	(UINT64_C(1) << 40)

/* An empty VMBus over the global tree @iomem; vTPM truncation fixed. */
void vmbus_init(struct vmbus_mmio *vm, struct resource *iomem);
/* Frees the ranges and what is reserved in them (not the global tree). */
void vmbus_release(struct vmbus_mmio *vm);

/*
 * vmbus_walk_resources(): add one address range of _CRS, [start, end].
 * Dropped when it ends below 1 MiB; truncated at the vTPM; merged with a
 * range it touches end to end, else inserted before the first range that
 * starts above it. Returns -ENOMEM or 0.
 */
int vmbus_walk_resources(struct vmbus_mmio *vm, uint64_t start, uint64_t end);

/*
 * The DT path (vmbus_device_add()): append [start, end] as it comes, no
 * sorting, no merging, no truncation.
 */
int vmbus_add_dt_range(struct vmbus_mmio *vm, uint64_t start, uint64_t end);

/*
 * The request loop of vmbus_reserve_fb(): claim "fb_range" at @start in
 * the first range (the one below 4 GiB), halving @size while the claim
 * fails and size stays >= 1 MiB. Nothing when @start is 0, when there is
 * no range, or when fb_range is already held. Returns fb_mmio or NULL.
 */
struct resource *vmbus_reserve_fb_range(struct vmbus_mmio *vm, uint64_t start,
					uint64_t size);

/* What vmbus_reserve_fb() reads before it reserves. */
struct vmbus_fb_info {
	bool efi_boot;		/* Gen2; Gen1 boots from BIOS */
	bool sysfb;		/* CONFIG_SYSFB */
	bool sysfb_gate;	/* a07b50d80ab6 (v6.7): Gen2 reads screen_info only with CONFIG_SYSFB */
	bool gen1_screen_info;	/* before 2a8a8afba0c3 (v6.0): Gen1 from screen_info, not PCI */
	uint32_t lfb_base;	/* screen_info.lfb_base: the u32 field, ext_lfb_base is not read */
	uint32_t lfb_size;	/* screen_info.lfb_size */
	bool video_bar;		/* Gen1: PCI 1414:5353 present with a MEM BAR0 */
	uint64_t bar_start, bar_len;
	bool improved;		/* 016a25e4b0df: fall back to the low MMIO base */
};

/* What vmbus_reserve_fb() did, for the trace and the kernel log. */
struct vmbus_fb_out {
	uint64_t start, size;	/* the first try */
	uint64_t low_base;	/* hyperv_mmio->start, as 016a25e4b0df reads it */
	bool warn_low;		/* pr_warn("Unexpected low mmio base %pa") */
	bool warn_zero;		/* pr_warn("Unexpected framebuffer mmio base of zero") */
	bool logged;		/* 016a25e4b0df's pr_info("hv_mmio=%pR,%pR fb=%pR") ran */
};

/* vmbus_reserve_fb(): where the framebuffer is, then the request loop. */
struct resource *vmbus_reserve_fb(struct vmbus_mmio *vm,
				  const struct vmbus_fb_info *fb,
				  struct vmbus_fb_out *out);

/*
 * vmbus_allocate_mmio(): find the kernel's first fit for @size bytes at
 * @align (a power of two) and claim it in the global tree as @dev_n, with
 * a shadow claim in the range it came from. Returns 0, -ENXIO when there
 * is no room, -EINVAL for a bad size or alignment, -ENOMEM, or
 * VMBUS_MMIO_SPINS where the kernel's loop never returns. Where the fb
 * loop's address wraps past 2^64 and it then finds room from 0 up, it
 * allocates there (0 returned, vm->wrapped set), outside every range.
 */
int vmbus_allocate_mmio(struct vmbus_mmio *vm, struct resource **new,
			const char *dev_n, uint64_t min, uint64_t max,
			uint64_t size, uint64_t align, bool fb_overlap_ok);

/*
 * vmbus_free_mmio(): release the shadows in every range the region touches
 * (unless it lies wholly in fb_mmio, where no shadow was taken), then the
 * region in the global tree. Returns how many of those releases found
 * nothing: each is a "Trying to free nonexistent resource" warning.
 */
unsigned int vmbus_free_mmio(struct vmbus_mmio *vm, uint64_t start,
			     uint64_t size);

#endif
