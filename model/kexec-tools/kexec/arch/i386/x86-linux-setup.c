// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * kexec-tools v2.0.14 ... v2.0.32, kexec/arch/i386/x86-linux-setup.c
 * setup_linux_vesafb(): the screen_info that kexec_load hands the crash
 * kernel on x86, built in user space from /dev/fb0 (FBIOGET_FSCREENINFO) or
 * from the boot-time screen_info. fb0() stands for the first kernel's
 * answer to the ioctl (drivers/video/fbdev/core/fbmem.c).
 */
#include <inttypes.h>
#include <string.h>

#include "model/kernel.h"
#include "model/kexec.h"

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
void setup_linux_vesafb(const struct scenario *sc, const struct sim_kernel *first,
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
			handoff_say(t, h->lfb_why, sizeof(h->lfb_why),
				 "no /dev/fb0, and kexec-tools %s (<= 2.0.16) then passes no framebuffer", ver);
		} else {
			h->lfb_base = first->lfb_base;
			h->lfb_size = first->lfb_size;
			handoff_say(t, h->lfb_why, sizeof(h->lfb_why),
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
		handoff_say(t, h->lfb_why, sizeof(h->lfb_why),
			 "/dev/fb0 is \"%s\", which kexec-tools %s does not take a framebuffer "
			 "from (%s)", id, ver,
			 v < 20017 ? "only EFI VGA and VESA VGA before 2.0.17" :
				     "only EFI VGA and VESA VGA since 2.0.20, fb5a8792e6e4");
		goto out;
	}
	base = smem_start;
	if (base > 0xffffffffULL && v < 20019) {
		base &= 0xffffffffULL;
		handoff_say(t, h->lfb_why, sizeof(h->lfb_why),
			 "/dev/fb0 \"%s\" smem_start 0x%" PRIx64 " is above 4 GiB and kexec-tools %s "
			 "(before 2.0.19) has no ext_lfb_base: truncated to 0x%" PRIx64,
			 id, smem_start, ver, base);
	} else {
		handoff_say(t, h->lfb_why, sizeof(h->lfb_why),
			 "/dev/fb0 \"%s\" FBIOGET_FSCREENINFO smem_start = 0x%" PRIx64 "%s",
			 id, smem_start,
			 !smem_start ? " (DRM fbdev hides it: FBINFO_HIDE_SMEM_START)" : "");
	}
	h->lfb_base = base;
	h->lfb_size = base ? (uint32_t)smem_len : 0;
out:
	trace_add(t, PHASE_LOAD, false, "setup_linux_vesafb", "%s", h->lfb_why);
}
