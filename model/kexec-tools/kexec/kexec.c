// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * kexec-tools v2.0.14 ... v2.0.32, kexec/kexec.c main(): which system call
 * `kexec -p` makes (-c, -s, -a, or the binary's default) and -a's fallback
 * to kexec_load. Ours: kdump_load(), the kdump load of the simulation, which
 * then asks the kernel (model/linux/kernel/kexec.c, kexec_file.c) and hands
 * the screen_info over: x86-64 kexec_load through setup_linux_vesafb()
 * (arch/i386/x86-linux-setup.c), x86-64 kexec_file_load through the
 * kernel's setup_boot_parameters() (model/linux/arch/x86/kernel/
 * kexec-bzimage64.c), arm64 through image_load() (model/linux/arch/arm64/
 * kernel/kexec_image.c).
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "model/kernel.h"
#include "model/kexec.h"

/* The why and lfb_why words, written only when the run keeps words. */
void handoff_say(const struct trace *t, char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;

	if (!t || !t->enabled)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, len, fmt, ap);
	va_end(ap);
}

const char *load_rc_name(enum load_rc rc)
{
	static const char *const n[] = { "0", "ENOSYS", "EPERM", "EKEYREJECTED" };

	return n[rc];
}

void kdump_load(const struct scenario *sc, const struct sim_kernel *first,
		struct sim_handoff *h, struct trace *t)
{
	enum kexec_request req = sc->kexec;
	enum load_rc rc;
	char ver[16];

	kexec_tools_str(sc->kexec_tools, ver, sizeof(ver));
	if (req == KEXEC_REQ_DEFAULT) {
		/* 29fe5067ed07: -a is the default from 2.0.27 */
		req = sc->kexec_tools >= 20027 ? KEXEC_REQ_AUTO : KEXEC_REQ_LOAD;
		handoff_say(t, h->why, sizeof(h->why), "kexec-tools %s defaults to %s", ver,
			 req == KEXEC_REQ_AUTO ? "-a since 2.0.27" : "-c before 2.0.27");
	} else {
		handoff_say(t, h->why, sizeof(h->why), "the kdump service passes %s",
			 req == KEXEC_REQ_LOAD ? "-c" : req == KEXEC_REQ_FILE ? "-s" : "-a");
	}
	h->flag = req == KEXEC_REQ_LOAD ? "-c" : req == KEXEC_REQ_FILE ? "-s" : "-a";
	h->syscall = SYSCALL_NONE;

	if (req == KEXEC_REQ_FILE || req == KEXEC_REQ_AUTO) {
		rc = kexec_file_load(sc);
		if (rc == LOAD_OK) {
			h->syscall = SYSCALL_KEXEC_FILE_LOAD;
			trace_add(t, PHASE_LOAD, false, "kexec_file_load",
				  "kexec_file_load loads the crash kernel (kexec %s: %s)", h->flag, h->why);
		} else {
			trace_add(t, PHASE_LOAD, false, "kexec_file_load",
				  "kexec %s: kexec_file_load fails with %s%s", h->flag,
				  load_rc_name(rc),
				  rc == LOAD_ENOSYS ? " (no CONFIG_KEXEC_FILE)" :
				  " (the image fails signature verification under lockdown)");
			/* -a falls back on ENOSYS, EINVAL, ENOEXEC, ENOTSUP only */
			if (req == KEXEC_REQ_FILE || rc != LOAD_ENOSYS) {
				handoff_say(t, h->why + strlen(h->why), sizeof(h->why) - strlen(h->why),
					 "; kexec_file_load failed with %s%s", load_rc_name(rc),
					 req == KEXEC_REQ_AUTO ? ", which -a does not fall back on" : "");
				return;
			}
			handoff_say(t, h->why + strlen(h->why), sizeof(h->why) - strlen(h->why),
				 "; kexec_file_load failed with ENOSYS, -a fell back to kexec_load");
		}
	}
	if (h->syscall == SYSCALL_NONE) {
		rc = kexec_load(sc);
		if (rc != LOAD_OK) {
			handoff_say(t, h->why + strlen(h->why), sizeof(h->why) - strlen(h->why),
				 "; kexec_load refused with EPERM (%s)",
				 sc->lockdown != LOCKDOWN_NONE ? "kernel lockdown" :
				 "kexec_load_disabled");
			trace_add(t, PHASE_LOAD, false, "kexec_load",
				  "kexec_load refused with EPERM: %s; no crash kernel is loaded",
				  sc->lockdown != LOCKDOWN_NONE ? "the kernel is locked down" :
				  "/proc/sys/kernel/kexec_load_disabled is 1");
			return;
		}
		h->syscall = SYSCALL_KEXEC_LOAD;
		trace_add(t, PHASE_LOAD, false, "kexec_load",
			  "kexec_load loads the crash kernel (kexec %s: %s)", h->flag, h->why);
	}

	if (sc->arch == ARCH_ARM64)
		image_load(h, t);
	else if (h->syscall == SYSCALL_KEXEC_FILE_LOAD)
		setup_boot_parameters(first, h, t);
	else
		setup_linux_vesafb(sc, first, h, t);
	trace_add(t, PHASE_LOAD, false, "kdump_load", "the kdump kernel will get lfb_base 0x%" PRIx64,
		  h->lfb_base);
}
