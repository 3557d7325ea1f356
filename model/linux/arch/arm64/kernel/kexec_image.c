// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Linux v4.19 ... v7.1, arch/arm64/kernel/kexec_image.c image_load(), with
 * kexec-tools' kexec/arch/arm64/kexec-arm64.c: neither kexec_file_load nor
 * kexec_load passes a screen_info on arm64 (kexec-tools never opens
 * /dev/fb0 there, and init_screen_info() clears it after a kexec).
 */
#include "model/kexec.h"

void image_load(struct sim_handoff *h, struct trace *t)
{
	h->lfb_base = 0;
	handoff_say(t, h->lfb_why, sizeof(h->lfb_why), "arm64: %s passes no screen_info",
		    h->syscall == SYSCALL_KEXEC_FILE_LOAD ? "kexec_file_load's image_load()" :
		    "kexec-tools never opens /dev/fb0 and");
	trace_add(t, PHASE_LOAD, false, "image_load", "%s", h->lfb_why);
}
