/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The kdump load's pieces, private to model/: the two system calls as the
 * kernel answers them, and the three ways a screen_info reaches the crash
 * kernel. kdump_load() (model/kexec-tools/kexec/kexec.c) calls them in the
 * order kexec-tools' main() does.
 */
#ifndef HVKDUMP_KEXEC_H
#define HVKDUMP_KEXEC_H

#include <stddef.h>

#include "model/simulate.h"

enum load_rc { LOAD_OK, LOAD_ENOSYS, LOAD_EPERM, LOAD_EKEYREJECTED };
const char *load_rc_name(enum load_rc rc);

/* Writes @fmt into @buf, only when @t keeps words. */
void handoff_say(const struct trace *t, char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* model/linux/kernel/kexec.c, kexec_file.c: what the kernel answers */
enum load_rc kexec_load(const struct scenario *sc);
enum load_rc kexec_file_load(const struct scenario *sc);

/* model/kexec-tools/kexec/arch/i386/x86-linux-setup.c */
void setup_linux_vesafb(const struct scenario *sc, const struct sim_kernel *first,
			struct sim_handoff *h, struct trace *t);
/* model/linux/arch/x86/kernel/kexec-bzimage64.c */
void setup_boot_parameters(const struct sim_kernel *first, struct sim_handoff *h,
			   struct trace *t);
/* model/linux/arch/arm64/kernel/kexec_image.c */
void image_load(struct sim_handoff *h, struct trace *t);

#endif
