// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The kdump load: which system call the kdump service's kexec makes, and
 * the screen_info the crash kernel gets from it.
 *  - x86-64 kexec_file_load: the kernel copies its current screen_info
 *    (arch/x86/kernel/kexec-bzimage64.c setup_boot_parameters()).
 *  - x86-64 kexec_load: kexec-tools builds it in user space from /dev/fb0
 *    (kexec/arch/i386/x86-linux-setup.c setup_linux_vesafb()).
 *  - arm64: neither passes a screen_info (arch/arm64/kernel/kexec_image.c).
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "model/kernel.h"

enum load_rc { LOAD_OK, LOAD_ENOSYS, LOAD_EPERM, LOAD_EKEYREJECTED };

/* The why and lfb_why words, written only when the run keeps words. */
static void say(const struct trace *t, char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void say(const struct trace *t, char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;

	if (!t || !t->enabled)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, len, fmt, ap);
	va_end(ap);
}

static const char *load_rc_name(enum load_rc rc)
{
	static const char *const n[] = { "0", "ENOSYS", "EPERM", "EKEYREJECTED" };

	return n[rc];
}

/* kernel/kexec_file.c: SYSCALL_DEFINE5(kexec_file_load) */
static enum load_rc kexec_file_load(const struct scenario *sc)
{
	if (!sc->kexec_file_supported)
		return LOAD_ENOSYS;
	/* under lockdown the image must pass signature verification */
	if (sc->lockdown != LOCKDOWN_NONE && !sc->kernel_signed)
		return LOAD_EKEYREJECTED;
	return LOAD_OK;
}

/* kernel/kexec.c: SYSCALL_DEFINE4(kexec_load), kexec_load_check() */
static enum load_rc kexec_load(const struct scenario *sc)
{
	if (sc->lockdown != LOCKDOWN_NONE || sc->kexec_load_disabled)
		return LOAD_EPERM;
	return LOAD_OK;
}

/* What FBIOGET_FSCREENINFO on /dev/fb0 says in the first kernel. */
static void fb0(const struct scenario *sc, const struct sim_kernel *first,
		const char **id, uint64_t *smem_start, uint64_t *smem_len)
{
	enum fb_driver d = sc->fb_driver;

	/* a native driver that did not bind leaves the firmware one in place */
	if ((d == FB_HYPERV_DRM || d == FB_HYPERV_FB) && !first->video_driver)
		d = first->fw_fb_driver && !first->fw_fb_removed ?
		    (sc->gen == 2 ? FB_EFIFB : FB_VESAFB) : FB_NONE;
	*smem_len = sc->vram_mb << 20;
	switch (d) {
	case FB_HYPERV_DRM:
		*id = "hyperv_drmdrmfb";
		*smem_start = sc->hide_smem_start ? 0 : first->vram.start;
		return;
	case FB_HYPERV_FB:
		*id = "hyperv_fb";
		*smem_start = first->vram.start;
		return;
	case FB_SIMPLEDRM:
		*id = "simpledrmdrmfb";
		*smem_start = sc->hide_smem_start ? 0 : first->lfb_base;
		*smem_len = first->lfb_size;
		return;
	case FB_EFIFB:
	case FB_VESAFB:
		*id = d == FB_EFIFB ? "EFI VGA" : "VESA VGA";
		*smem_start = first->lfb_base;
		*smem_len = first->lfb_size;
		return;
	case FB_NONE:
		break;
	}
	*id = NULL;
	*smem_start = 0;
}

/* kexec/arch/i386/x86-linux-setup.c: setup_linux_vesafb() and its callers */
static void setup_linux_vesafb(const struct scenario *sc, const struct sim_kernel *first,
			       struct sim_handoff *h, struct trace *t)
{
	unsigned int v = sc->kexec_tools;
	uint64_t smem_start, smem_len, base;
	bool vga, from_fb0;
	char ver[16];
	const char *id;

	kexec_tools_str(v, ver, sizeof(ver));
	fb0(sc, first, &id, &smem_start, &smem_len);
	h->fb0_id = id;
	h->fb0_smem_start = smem_start;
	if (!id) {
		if (v < 20017) {
			h->lfb_base = 0;
			say(t, h->lfb_why, sizeof(h->lfb_why),
				 "no /dev/fb0, and kexec-tools %s (<= 2.0.16) then passes no framebuffer", ver);
		} else {
			h->lfb_base = first->lfb_base;
			h->lfb_size = first->lfb_size;
			say(t, h->lfb_why, sizeof(h->lfb_why),
				 "no /dev/fb0: kexec-tools %s passes the boot-time screen_info "
				 "from /sys/kernel/boot_params/data", ver);
		}
		goto out;
	}
	vga = !strcmp(id, "EFI VGA") || !strcmp(id, "VESA VGA");
	/* commit fb5a8792e6e4 (2.0.20) stopped trusting other drivers' smem_start */
	from_fb0 = vga || (v >= 20017 && v < 20020);
	if (!from_fb0) {
		h->lfb_base = 0;
		say(t, h->lfb_why, sizeof(h->lfb_why),
			 "/dev/fb0 is \"%s\", which kexec-tools %s does not take a framebuffer "
			 "from (%s)", id, ver,
			 v < 20017 ? "only EFI VGA and VESA VGA before 2.0.17" :
				     "only EFI VGA and VESA VGA since 2.0.20, fb5a8792e6e4");
		goto out;
	}
	base = smem_start;
	if (base > 0xffffffffULL && v < 20019) {
		base &= 0xffffffffULL;
		say(t, h->lfb_why, sizeof(h->lfb_why),
			 "/dev/fb0 \"%s\" smem_start 0x%" PRIx64 " is above 4 GiB and kexec-tools %s "
			 "(before 2.0.19) has no ext_lfb_base: truncated to 0x%" PRIx64,
			 id, smem_start, ver, base);
	} else {
		say(t, h->lfb_why, sizeof(h->lfb_why),
			 "/dev/fb0 \"%s\" FBIOGET_FSCREENINFO smem_start = 0x%" PRIx64 "%s",
			 id, smem_start,
			 !smem_start ? " (DRM fbdev hides it: FBINFO_HIDE_SMEM_START)" : "");
	}
	h->lfb_base = base;
	h->lfb_size = base ? (uint32_t)smem_len : 0;
out:
	trace_add(t, PHASE_LOAD, false, "setup_linux_vesafb", "%s", h->lfb_why);
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
		say(t, h->why, sizeof(h->why), "kexec-tools %s defaults to %s", ver,
			 req == KEXEC_REQ_AUTO ? "-a since 2.0.27" : "-c before 2.0.27");
	} else {
		say(t, h->why, sizeof(h->why), "the kdump service passes %s",
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
				say(t, h->why + strlen(h->why), sizeof(h->why) - strlen(h->why),
					 "; kexec_file_load failed with %s%s", load_rc_name(rc),
					 req == KEXEC_REQ_AUTO ? ", which -a does not fall back on" : "");
				return;
			}
			say(t, h->why + strlen(h->why), sizeof(h->why) - strlen(h->why),
				 "; kexec_file_load failed with ENOSYS, -a fell back to kexec_load");
		}
	}
	if (h->syscall == SYSCALL_NONE) {
		rc = kexec_load(sc);
		if (rc != LOAD_OK) {
			say(t, h->why + strlen(h->why), sizeof(h->why) - strlen(h->why),
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

	if (sc->arch == ARCH_ARM64) {
		h->lfb_base = 0;
		say(t, h->lfb_why, sizeof(h->lfb_why), "arm64: %s passes no screen_info",
			 h->syscall == SYSCALL_KEXEC_FILE_LOAD ? "kexec_file_load's image_load()" :
			 "kexec-tools never opens /dev/fb0 and");
		trace_add(t, PHASE_LOAD, false, "image_load", "%s", h->lfb_why);
	} else if (h->syscall == SYSCALL_KEXEC_FILE_LOAD) {
		h->lfb_base = first->lfb_base;
		h->lfb_size = first->lfb_size;
		say(t, h->lfb_why, sizeof(h->lfb_why),
			 "kexec_file_load copies the running kernel's screen_info%s",
			 first->lfb_base && first->vram.set &&
			 !span_holds(&first->vram, first->lfb_base, first->lfb_base) ?
			 ", which is stale: VRAM moved after boot" : "");
		trace_add(t, PHASE_LOAD, false, "setup_boot_parameters", "%s", h->lfb_why);
	} else {
		setup_linux_vesafb(sc, first, h, t);
	}
	trace_add(t, PHASE_LOAD, false, "kdump_load", "the kdump kernel will get lfb_base 0x%" PRIx64,
		  h->lfb_base);
}
