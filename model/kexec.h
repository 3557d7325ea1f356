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

/* What a kexec syscall answers; the errnos kexec-tools tells apart. */
enum load_rc { LOAD_OK, LOAD_ENOSYS, LOAD_EPERM, LOAD_EINVAL };
const char *load_rc_name(enum load_rc rc);

/* What kexec's getopt_long() made of the arguments (model/kexec-tools/kexec/options.c). */
struct kexec_invocation {
	bool panic;			/* -p */
	enum kexec_request req;		/* the last of -c, -s, -a; DEFAULT: none */
	const char *flag;		/* "-c", "-s", "-a", NULL */
	bool debug;			/* -d: KEXEC_FILE_DEBUG from 2.0.29 */
	bool reuse_video_type;		/* --reuse-video-type (2.0.20) */
	bool noefi;			/* --noefi */
	char bad[160];			/* the option it refuses, and why; "" */
};
/* Parses @args as kexec-tools @version would; -1 with inv->bad set. */
int kexec_parse_args(const char *args, unsigned int version, struct kexec_invocation *inv);
/* The package's default syscall: true for -a; @why says which rule. */
bool kexec_default_is_auto(unsigned int version, const char *package, const char **why);

/* Writes @fmt into @buf, only when @t keeps words. */
void handoff_say(const struct trace *t, char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* model/linux/kernel/kexec.c, kexec_file.c: what the kernel answers */
enum load_rc kexec_load(const struct scenario *sc);
enum load_rc kexec_file_load(const struct scenario *sc, bool debug_flag);

/* model/kexec-tools/kexec/arch/i386/x86-linux-setup.c */
void setup_linux_vesafb(const struct scenario *sc, const struct sim_kernel *first,
			struct sim_handoff *h, struct trace *t);
/* model/linux/arch/x86/kernel/kexec-bzimage64.c */
void setup_boot_parameters(const struct sim_kernel *first, struct sim_handoff *h,
			   struct trace *t);
/* model/linux/arch/arm64/kernel/kexec_image.c */
void image_load(struct sim_handoff *h, struct trace *t);

#endif
