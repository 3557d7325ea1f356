// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Linux v4.6 ... v7.1, arch/x86/kernel/kexec-bzimage64.c
 * setup_boot_parameters(): under kexec_file_load the kernel copies its own
 * current screen_info into the crash kernel's boot parameters (the global
 * screen_info since afc18069a2cb, v5.10 with 3cb73bc3fa2a; before, the
 * boot-time boot_params copy, which nothing changed then; 7.x copies
 * sysfb_primary_display.screen: read in Debian's 7.2.13).
 */
#include "model/kernel.h"
#include "model/kexec.h"

void setup_boot_parameters(const struct sim_kernel *first, struct sim_handoff *h,
			   struct trace *t)
{
	if (first->si_cleared) {
		h->lfb_base = 0;
		h->lfb_size = 0;
		h->ext_lfb_base = 0;
		h->orig_video_isVGA = 0;
		handoff_say(t, h->lfb_why, sizeof(h->lfb_why),
			    "kexec_file_load copies the running kernel's screen_info, which "
			    "hyperv_fb cleared: no framebuffer");
		trace_add(t, PHASE_LOAD, false, "setup_boot_parameters", "%s", h->lfb_why);
		return;
	}
	h->lfb_base = first->lfb_base;
	h->lfb_size = first->lfb_size;
	h->ext_lfb_base = (uint32_t)(first->lfb_base >> 32);
	/* the running kernel's own screen_info, video type as booted (0 from EFI
	 * without a GOP: measured in lab/run, not the 1 of text mode) */
	h->orig_video_isVGA = first->orig_video_isVGA;
	handoff_say(t, h->lfb_why, sizeof(h->lfb_why),
		    "kexec_file_load copies the running kernel's screen_info%s",
		    first->lfb_base && first->vram.set &&
		    !span_holds(&first->vram, first->lfb_base, first->lfb_base) ?
		    ", which is stale: VRAM moved after boot" : "");
	trace_add(t, PHASE_LOAD, false, "setup_boot_parameters", "%s", h->lfb_why);
}
