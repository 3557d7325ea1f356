// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Linux v4.6 ... v7.1, drivers/hv/vmbus_drv.c vmbus_reserve_fb(): the
 * classic form, and the form of 016a25e4b0df (v7.1 and the stable releases
 * in SPEC section 3). Split in two here: vmbus_reserve_fb() picks start and
 * size, vmbus_reserve_fb_range() is its closing request loop.
 */
#include <stddef.h>

#include "vmbus.h"

/* The loop at the end of vmbus_reserve_fb() */
struct resource *vmbus_reserve_fb_range(struct vmbus_mmio *vm, uint64_t start,
					uint64_t size)
{
	if (!start || !vm->hyperv_mmio)
		return vm->fb_mmio;
	/*
	 * "Make a claim for the frame buffer in the resource tree under the
	 * first node, which will be the one below 4GB. The length seems to be
	 * underreported, particularly in a Generation 1 VM. So start out
	 * reserving a larger area and make it smaller until it succeeds."
	 */
	for (; !vm->fb_mmio && size >= SZ_1M; size >>= 1)
		vm->fb_mmio = res_request_region(vm->hyperv_mmio, start, size,
						 "fb_range", 0, NULL);
	return vm->fb_mmio;
}

/* drivers/hv/vmbus_drv.c: vmbus_reserve_fb() */
struct resource *vmbus_reserve_fb(struct vmbus_mmio *vm,
				  const struct vmbus_fb_info *fb,
				  uint64_t *start_out, uint64_t *size_out)
{
	uint64_t start = 0, size = 0;

	if (fb->efi_boot) {
		/* Gen2 VM: get FB base from EFI framebuffer */
		if (fb->sysfb) {
			start = fb->lfb_base;
			size = fb->lfb_size > SZ_8M ? fb->lfb_size : SZ_8M;
		}
		/*
		 * 016a25e4b0df: when the low MMIO base is sane, a kdump kernel
		 * that was not told the framebuffer base reserves from the low
		 * MMIO base anyway, and more of it.
		 */
		if (fb->improved && vm->hyperv_mmio) {
			uint64_t low = vm->hyperv_mmio->start;

			if (low && low < SZ_4G && (!start || low <= start)) {
				if (!start)
					start = low;
				if (start < SZ_4G) {
					size = (SZ_4G - start) / 2;
					if (size > SZ_128M)
						size = SZ_128M;
				}
			}
		}
	} else {
		/* Gen1 VM: get FB base from PCI */
		if (!fb->video_bar)
			goto out;
		start = fb->bar_start;
		size = fb->bar_len;
	}
out:
	if (start_out)
		*start_out = start;
	if (size_out)
		*size_out = size;
	return vmbus_reserve_fb_range(vm, start, size);
}
