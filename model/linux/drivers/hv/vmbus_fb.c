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
				  struct vmbus_fb_out *out)
{
	struct vmbus_fb_out o = { 0, 0, 0, false, false, false };
	struct resource *r;
	uint64_t start = 0, size = 0;

	if (fb->efi_boot) {
		/* Gen2 VM: get FB base from EFI framebuffer */
		if (!fb->sysfb_gate || fb->sysfb) {
			start = fb->lfb_base;
			size = fb->lfb_size > SZ_8M ? fb->lfb_size : SZ_8M;
			if (fb->improved) {
				/* 016a25e4b0df */
				o.low_base = vm->hyperv_mmio ? vm->hyperv_mmio->start : 0;
				if (!o.low_base || (o.low_base >> 32) ||
				    (start && start < o.low_base)) {
					o.warn_low = true;
				} else {
					/* "fall back to the low mmio base" */
					if (!start)
						start = o.low_base;
					/* "half of the space below 4GB ... cap ... to 128MB" */
					size = (SZ_4G - start) / 2;
					if (size > SZ_128M)
						size = SZ_128M;
				}
			}
		}
	} else if (fb->gen1_screen_info) {
		/* before 2a8a8afba0c3 (5.15.y and older): Gen1 from screen_info too */
		start = fb->lfb_base;
		size = fb->lfb_size > SZ_64M ? fb->lfb_size : SZ_64M;
	} else if (fb->video_bar) {
		/* Gen1 VM: get FB base from PCI */
		start = fb->bar_start;
		size = fb->bar_len;
	}
	o.start = start;
	o.size = size;
	if (!start) {
		o.warn_zero = fb->improved;
		if (out)
			*out = o;
		return NULL;
	}
	r = vmbus_reserve_fb_range(vm, start, size);
	o.logged = fb->improved;
	if (out)
		*out = o;
	return r;
}
