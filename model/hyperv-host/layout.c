// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The host's layout: how Hyper-V turns a VM's settings (generation,
 * architecture, Set-VM -LowMemoryMappedIoSpace, Set-VMVideo's resolution)
 * into the low MMIO range it publishes in _CRS, the UEFI framebuffer and the
 * VRAM it offers. The rules were published by Hyper-V's developers on the
 * kernel lists in April 2026 (verified on Windows Server 2016, 2019, 2025
 * and Azure); SPEC section 4 "The host's layout" quotes them.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "host.h"

#define MiB		UINT64_C(0x100000)
#define GiB		UINT64_C(0x40000000)
#define SZ_4G		(4 * GiB)
#define SET_VM_MAX	(3 * GiB + 512 * MiB)

static uint64_t round_up_2mib(uint64_t x)
{
	return (x + 2 * MiB - 1) & ~(2 * MiB - 1);
}

/* Set-VM's bounds for LowMemoryMappedIoSpace on @arch. */
static uint64_t set_vm_min(enum hv_arch arch)
{
	return arch == ARCH_ARM64 ? 512 * MiB : 128 * MiB;
}

int hv_host_settings_check(const struct hv_host_settings *s, struct hv_err *err)
{
	uint64_t fb;

	if (s->low_mmio_space &&
	    (s->low_mmio_space < set_vm_min(s->arch) || s->low_mmio_space > SET_VM_MAX)) {
		hv_err_set(err, 0, "low-mmio-space: %" PRIu64 " MiB is outside what Set-VM "
			   "-LowMemoryMappedIoSpace takes on %s (%" PRIu64 " MiB to 3.5 GiB)",
			   s->low_mmio_space / MiB, arch_name(s->arch), set_vm_min(s->arch) / MiB);
		return -1;
	}
	fb = round_up_2mib((uint64_t)s->width * s->height * 4);
	if (fb > 128 * MiB) {
		hv_err_set(err, 0, "resolution: %ux%u needs %" PRIu64 " MiB of VRAM; Hyper-V's "
			   "largest, 7680x4320, needs 128 MiB", s->width, s->height, fb / MiB);
		return -1;
	}
	return 0;
}

/*
 * "max_fb = round_up_2MiB(W x H x 4); excess = max(max_fb - 64 MiB, 0);
 *  low_base = 4 GiB - 128 MiB - 2 x excess; with Set-VM
 *  -LowMemoryMappedIoSpace T: T = round_up_2MiB(T) and if 4 GiB - T <
 *  low_base then low_base = 4 GiB - T." (Gen2 x86; arm64 has no excess;
 * Gen1: low_base = 4 GiB - T, the range ends at 0xfffbffff.)
 */
void hv_host_layout(const struct hv_host_settings *s, struct hv_host_layout *l,
		    struct trace *t)
{
	uint64_t max_fb, excess, tt, base;

	memset(l, 0, sizeof(*l));
	/* "High MMIO: the only published value is a Gen1 lab VM's" */
	l->high = (struct mmio_span){ true, 0xfe0000000ULL, 0xfffffffffULL };
	max_fb = round_up_2mib((uint64_t)s->width * s->height * 4);
	l->vram_mb = max_fb / MiB;
	trace_add(t, PHASE_FIRST, true, "Set-VMVideo",
		  "%ux%ux4 bytes round up to %" PRIu64 " MiB: the VRAM the host offers "
		  "(mmio_megabytes)", s->width, s->height, l->vram_mb);

	if (s->gen == 1) {
		tt = round_up_2mib(s->low_mmio_space ? s->low_mmio_space : 128 * MiB);
		base = SZ_4G - tt;
		l->low = (struct mmio_span){ true, base, 0xfffbffffULL };
		l->video_bar = (struct mmio_span){ true, 0xf8000000ULL, 0xfbffffffULL };
		trace_add(t, PHASE_FIRST, true, "Set-VM",
			  "Gen1: LowMemoryMappedIoSpace %" PRIu64 " MiB%s: low MMIO 0x%" PRIx64
			  "-0xfffbffff; the legacy video BAR0 is 0xf8000000-0xfbffffff",
			  tt / MiB, s->low_mmio_space ? "" : " (the default)", base);
		return;
	}

	base = SZ_4G - 128 * MiB;
	if (s->arch == ARCH_X86_64 && max_fb > 64 * MiB) {
		excess = max_fb - 64 * MiB;
		base -= 2 * excess;
		trace_add(t, PHASE_FIRST, true, "Set-VMVideo",
			  "%" PRIu64 " MiB is %" PRIu64 " MiB over 64 MiB: the low base moves "
			  "down by %" PRIu64 " MiB: 0x%" PRIx64, max_fb / MiB, excess / MiB,
			  2 * excess / MiB, base);
	} else if (s->arch == ARCH_ARM64 && max_fb > 64 * MiB) {
		trace_add(t, PHASE_FIRST, true, "Set-VMVideo",
			  "arm64: the %" PRIu64 " MiB over 64 MiB do not move the low base",
			  (max_fb - 64 * MiB) / MiB);
	}
	tt = s->low_mmio_space;
	if (!tt && s->arch == ARCH_ARM64)
		tt = 512 * MiB;		/* the local arm64 default */
	if (tt) {
		tt = round_up_2mib(tt);
		if (SZ_4G - tt < base) {
			base = SZ_4G - tt;
			trace_add(t, PHASE_FIRST, true, "Set-VM",
				  "LowMemoryMappedIoSpace %" PRIu64 " MiB%s: 4 GiB - %" PRIu64
				  " MiB = 0x%" PRIx64 " is lower: the low base", tt / MiB,
				  s->low_mmio_space ? "" : " (the arm64 default)", tt / MiB, base);
		} else {
			trace_add(t, PHASE_FIRST, true, "Set-VM",
				  "LowMemoryMappedIoSpace %" PRIu64 " MiB: 4 GiB - %" PRIu64
				  " MiB is not below 0x%" PRIx64 ", which stays the low base",
				  tt / MiB, tt / MiB, base);
		}
	}
	l->low = (struct mmio_span){ true, base, SZ_4G - 1 };
	l->fb_base = base;
	l->fb_size = 3 * MiB;
	trace_add(t, PHASE_FIRST, true, "hv_host_layout",
		  "low MMIO 0x%" PRIx64 "-0xffffffff (the vTPM at 0xfed40000 inside it); the "
		  "UEFI framebuffer at 0x%" PRIx64 ", screen_info.lfb_size 3 MiB", base, base);
}
