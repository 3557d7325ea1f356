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

/* Appends to the handoff's why, as handoff_say() writes it (when @t keeps words). */
static void why_add(const struct trace *t, struct sim_handoff *h, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void why_add(const struct trace *t, struct sim_handoff *h, const char *fmt, ...)
{
	size_t n = strlen(h->why);
	va_list ap;

	if (!t || !t->enabled || n + 1 >= sizeof(h->why))
		return;
	va_start(ap, fmt);
	vsnprintf(h->why + n, sizeof(h->why) - n, fmt, ap);
	va_end(ap);
}

const char *load_rc_name(enum load_rc rc)
{
	static const char *const n[] = { "0", "ENOSYS", "EPERM", "EINVAL" };

	return n[rc];
}

/*
 * What -a falls back on. 2.0.17 ... 2.0.20 compared kexec_file_load()'s -1
 * with -ENOSYS and so never fell back on x86_64; from 2.0.21
 * (4f77da634035) do_kexec_file_load() returns EFALLBACK on ENOSYS, EINVAL,
 * ENOEXEC and EOPNOTSUPP, and fails on anything else.
 */
const char *const *kexec_auto_fallback_on(unsigned int version)
{
	static const char *const on[] = { "ENOSYS", "EINVAL", "ENOEXEC", "EOPNOTSUPP", NULL };

	return version >= 20021 ? on : NULL;
}

/* Of those, the kernel's answers the model tells apart: ENOSYS and EINVAL. */
static bool falls_back(unsigned int version, enum load_rc rc)
{
	return kexec_auto_fallback_on(version) && (rc == LOAD_ENOSYS || rc == LOAD_EINVAL);
}

/*
 * The request main() acts on: the last of -c, -s, -a in the arguments; with
 * no arguments at all @shorthand (the kexec-syscall key); failing both, the
 * binary's default, with @rule saying which (else @rule is NULL).
 */
static enum kexec_request kexec_request_of(const struct scenario *sc,
					   const struct kexec_invocation *inv, bool have_args,
					   enum kexec_request shorthand, const char **rule)
{
	enum kexec_request req = have_args ? inv->req : shorthand;

	*rule = NULL;
	if (req == KEXEC_REQ_DEFAULT)
		req = kexec_default_is_auto(sc->kexec_tools, sc->kexec_package, rule) ?
		      KEXEC_REQ_AUTO : KEXEC_REQ_LOAD;
	return req;
}

/*
 * One run of kexec -p with @args ("": none given, then @shorthand, the
 * kexec-syscall key, decides): main()'s choice of syscall, the call, the
 * fallback. True when a crash kernel is loaded.
 */
static bool kexec_run(const struct scenario *sc, const char *args,
		      enum kexec_request shorthand, struct sim_handoff *h, struct trace *t)
{
	struct kexec_invocation inv;
	enum kexec_request req;
	enum load_rc rc;
	const char *rule;
	char ver[16];
	bool debug;

	kexec_tools_str(sc->kexec_tools, ver, sizeof(ver));
	h->syscall = SYSCALL_NONE;
	if (kexec_parse_args(args[0] ? args : NULL, sc->kexec_tools, &inv)) {
		h->flag = "?";
		why_add(t, h, "kexec-tools %s refuses \"%s\": %s", ver, args, inv.bad);
		trace_add(t, PHASE_LOAD, false, "main", "kexec %s: %s; nothing is loaded",
			  args, inv.bad);
		return false;
	}
	req = kexec_request_of(sc, &inv, args[0] != '\0', shorthand, &rule);
	debug = inv.debug;
	h->noefi = inv.noefi;
	h->reuse_video_type = inv.reuse_video_type;
	if (rule) {
		if (sc->kexec_package[0])
			why_add(t, h, "kexec-tools %s (package %s) defaults to %s", ver,
				sc->kexec_package, rule);
		else
			why_add(t, h, "kexec-tools %s defaults to %s", ver, rule);
	} else {
		why_add(t, h, "the kdump service passes %s",
			req == KEXEC_REQ_LOAD ? "-c" : req == KEXEC_REQ_FILE ? "-s" : "-a");
	}
	h->flag = req == KEXEC_REQ_LOAD ? "-c" : req == KEXEC_REQ_FILE ? "-s" : "-a";

	if (req == KEXEC_REQ_FILE || req == KEXEC_REQ_AUTO) {
		/* -d adds KEXEC_FILE_DEBUG from 2.0.29 (9d9cf8de8b2a) */
		rc = kexec_file_load(sc, debug && sc->kexec_tools >= 20029);
		h->file_rc = h->file_rc ? h->file_rc : load_rc_name(rc);
		if (rc == LOAD_OK) {
			h->syscall = SYSCALL_KEXEC_FILE_LOAD;
			trace_add(t, PHASE_LOAD, false, "kexec_file_load",
				  "kexec_file_load loads the crash kernel (kexec %s: %s)", h->flag, h->why);
			return true;
		}
		trace_add(t, PHASE_LOAD, false, "kexec_file_load",
			  "kexec %s: kexec_file_load fails with %s%s", h->flag,
			  load_rc_name(rc),
			  rc == LOAD_ENOSYS ? " (no CONFIG_KEXEC_FILE)" :
			  rc == LOAD_EINVAL ? " (KEXEC_FILE_DEBUG, which this kernel does not know)" :
			  sc->kexec_load_disabled ? " (kexec_load_disabled)" :
			  " (the image fails signature verification under lockdown)");
		if (req == KEXEC_REQ_FILE || !falls_back(sc->kexec_tools, rc)) {
			why_add(t, h, "; kexec_file_load failed with %s%s", load_rc_name(rc),
				req == KEXEC_REQ_FILE ? "" : sc->kexec_tools < 20021 ?
				", and -a before 2.0.21 never falls back on x86_64" :
				", which -a does not fall back on");
			return false;
		}
		h->fell_back = true;
		why_add(t, h, "; kexec_file_load failed with %s, -a fell back to kexec_load",
			load_rc_name(rc));
	}
	rc = kexec_load(sc);
	if (rc != LOAD_OK) {
		why_add(t, h, "; kexec_load refused with EPERM (%s)",
			sc->lockdown != LOCKDOWN_NONE ? "kernel lockdown" :
			"kexec_load_disabled");
		trace_add(t, PHASE_LOAD, false, "kexec_load",
			  "kexec_load refused with EPERM: %s; no crash kernel is loaded",
			  sc->lockdown != LOCKDOWN_NONE ? "the kernel is locked down" :
			  "/proc/sys/kernel/kexec_load_disabled is 1");
		return false;
	}
	h->syscall = SYSCALL_KEXEC_LOAD;
	trace_add(t, PHASE_LOAD, false, "kexec_load",
		  "kexec_load loads the crash kernel (kexec %s: %s)", h->flag, h->why);
	return true;
}

const char *kexec_first_call(const struct scenario *sc, const char *args)
{
	struct kexec_invocation inv;
	enum kexec_request req;
	const char *rule;

	if (kexec_parse_args(args && *args ? args : NULL, sc->kexec_tools, &inv))
		return NULL;
	req = kexec_request_of(sc, &inv, true, KEXEC_REQ_DEFAULT, &rule);
	return req == KEXEC_REQ_LOAD ? "kexec_load" : req == KEXEC_REQ_FILE ?
	       "kexec_file_load" : "kexec_file_load, then kexec_load";
}

/* The kdump load: the service's kexec run, and its own retry where it has one. */
void kdump_load(const struct scenario *sc, const struct sim_kernel *first,
		struct sim_handoff *h, struct trace *t)
{
	h->syscall = SYSCALL_NONE;
	h->why[0] = '\0';
	if (sc->service_stops) {
		h->flag = "none";
		why_add(t, h, "%s", sc->service_why);
		trace_add(t, PHASE_LOAD, false, "kdump_load", "%s; kexec never runs",
			  sc->service_why);
		return;
	}
	if (!kexec_run(sc, sc->kexec_args, sc->kexec, h, t)) {
		if (!sc->kexec_retry)
			return;
		/* SUSE kdump 0.9.0-1.9.5 load_kdump_kexec(): any failure, then without -s */
		h->retried = true;
		if (sc->kexec_retry_args[0])
			why_add(t, h, "; the service runs \"kexec %s\" again: ",
				sc->kexec_retry_args);
		else
			why_add(t, h, "; the service runs kexec again with no options: ");
		trace_add(t, PHASE_LOAD, false, "kdump_load",
			  "the kdump service runs kexec again after the failure (%s)",
			  sc->kexec_retry_args[0] ? sc->kexec_retry_args : "no options");
		h->fell_back = false;
		if (!kexec_run(sc, sc->kexec_retry_args, KEXEC_REQ_DEFAULT, h, t))
			return;
	}

	if (sc->arch == ARCH_ARM64)
		image_load(h, t);
	else if (h->syscall == SYSCALL_KEXEC_FILE_LOAD)
		setup_boot_parameters(first, h, t);
	else
		setup_linux_vesafb(sc, first, h, t);
	/* kexec_load boots the crash kernel through EFI only with the systab, and no --noefi */
	h->efi = sc->gen == 2 && (h->syscall == SYSCALL_KEXEC_FILE_LOAD || !h->noefi);
	if (sc->gen == 2 && !h->efi)
		trace_add(t, PHASE_LOAD, false, "setup_efi_info",
			  "--noefi: efi_info is zeroed, the kdump kernel does not boot through EFI");
	trace_add(t, PHASE_LOAD, false, "kdump_load", "the kdump kernel will get lfb_base 0x%" PRIx64,
		  h->lfb_base);
}
