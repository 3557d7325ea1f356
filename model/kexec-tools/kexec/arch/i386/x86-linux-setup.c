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

/*
 * The boot-time screen_info, copied raw (lfb_size as the firmware gave it)
 * by get_bootparam() from /sys/kernel/boot_params/data; 0 when that file
 * cannot be read. Before 2.0.20 get_bootparam() finds sysfs through
 * /etc/mtab alone (23aaa44614a0), which every installed system has (a link
 * to /proc/self/mounts); kexec run where it is missing, as from a bare
 * initramfs, gets neither this nor the EFI data (measured: doc/lab.md).
 */
static bool boot_time(const struct scenario *sc, const struct sim_kernel *first,
		      struct sim_handoff *h)
{
	if (!sc->boot_params)
		return false;
	h->lfb_base = first->lfb_base;
	h->lfb_size = first->lfb_size;
	h->orig_video_isVGA = first->orig_video_isVGA;
	h->ext_lfb_base = (uint32_t)(first->lfb_base >> 32);
	return true;
}

/*
 * No /dev/fb0 (@id NULL) or its FBIOGET_FSCREENINFO fails: before 2.0.17
 * no framebuffer; since, the boot-time screen_info when it can be read.
 */
static void no_fb0(const struct scenario *sc, const struct sim_kernel *first,
		   struct sim_handoff *h, struct trace *t, const char *id, const char *ver)
{
	const char *what = id ? "FBIOGET_FSCREENINFO on /dev/fb0 fails" : "no /dev/fb0";

	if (sc->kexec_tools < 20017)
		handoff_say(t, h->lfb_why, sizeof(h->lfb_why),
			    "%s, and kexec-tools %s (<= 2.0.16) then passes no framebuffer",
			    what, ver);
	else if (boot_time(sc, first, h))
		handoff_say(t, h->lfb_why, sizeof(h->lfb_why),
			    "%s: kexec-tools %s passes the boot-time screen_info "
			    "from /sys/kernel/boot_params/data", what, ver);
	else
		handoff_say(t, h->lfb_why, sizeof(h->lfb_why),
			    "%s, and /sys/kernel/boot_params/data cannot be read: no framebuffer",
			    what);
}

/*
 * The video type of /dev/fb0's driver @id into h->orig_video_isVGA: true
 * when kexec-tools then takes the framebuffer from it, false (h->lfb_why
 * said why) when it passes none.
 */
static bool video_type(const struct scenario *sc, const struct sim_kernel *first,
		       struct sim_handoff *h, struct trace *t, const char *id, const char *ver)
{
	unsigned int v = sc->kexec_tools;

	if (!strcmp(id, "EFI VGA") || !strcmp(id, "VESA VGA")) {
		h->orig_video_isVGA = !strcmp(id, "EFI VGA") ? 0x70 : 0x23;
	} else if (v < 20017) {
		h->orig_video_isVGA = 0;
		handoff_say(t, h->lfb_why, sizeof(h->lfb_why),
			    "/dev/fb0 is \"%s\", which kexec-tools %s does not take a framebuffer "
			    "from (only EFI VGA and VESA VGA before 2.0.17)", id, ver);
		return false;
	} else if (v >= 20020 && !h->reuse_video_type) {
		/* fb5a8792e6e4 (2.0.20): other drivers' smem_start is not trusted */
		h->orig_video_isVGA = 0;
		handoff_say(t, h->lfb_why, sizeof(h->lfb_why),
			    "/dev/fb0 is \"%s\", which kexec-tools %s does not take a framebuffer "
			    "from (only EFI VGA and VESA VGA since 2.0.20, fb5a8792e6e4, unless "
			    "--reuse-video-type)", id, ver);
		return false;
	} else if (!sc->boot_params) {
		/* the video type comes from boot_params, which cannot be read */
		handoff_say(t, h->lfb_why, sizeof(h->lfb_why),
			    "/dev/fb0 is \"%s\": its video type would come from "
			    "/sys/kernel/boot_params/data, which cannot be read: no framebuffer", id);
		return false;
	} else {
		h->orig_video_isVGA = first->orig_video_isVGA;
	}
	return true;
}

/* lfb_base, ext_lfb_base and lfb_size from /dev/fb0's smem_start and smem_len. */
static void set_lfb(unsigned int v, struct sim_handoff *h, struct trace *t, const char *id,
		    const char *ver, uint64_t smem_start, uint64_t smem_len)
{
	uint64_t base = smem_start;

	if (base > 0xffffffffULL && v < 20019) {
		base &= 0xffffffffULL;
		handoff_say(t, h->lfb_why, sizeof(h->lfb_why),
			    "/dev/fb0 \"%s\" smem_start 0x%" PRIx64 " is above 4 GiB and kexec-tools "
			    "%s (before 2.0.19) has no ext_lfb_base: truncated to 0x%" PRIx64,
			    id, smem_start, ver, base);
	} else {
		handoff_say(t, h->lfb_why, sizeof(h->lfb_why),
			    "/dev/fb0 \"%s\" FBIOGET_FSCREENINFO smem_start = 0x%" PRIx64 "%s",
			    id, smem_start,
			    !smem_start ? " (DRM fbdev hides it: FBINFO_HIDE_SMEM_START)" : "");
		h->ext_lfb_base = (uint32_t)(smem_start >> 32);
	}
	h->lfb_base = base;
	/* "(fix.smem_len + 65535) / 65536": 64 KiB units, whatever the video type */
	h->lfb_size = (uint32_t)((smem_len + 65535) / 65536);
}

/* kexec/arch/i386/x86-linux-setup.c: setup_linux_vesafb() and its callers */
void setup_linux_vesafb(const struct scenario *sc, const struct sim_kernel *first,
			struct sim_handoff *h, struct trace *t)
{
	uint64_t smem_start, smem_len;
	bool ioctl_ok = true;
	char ver[16];
	const char *id;

	kexec_tools_str(sc->kexec_tools, ver, sizeof(ver));
	fb0(sc, first, &id, &smem_start, &smem_len);
	/* what the scenario says of /dev/fb0 wins over the model's first kernel */
	if (sc->fb0_id[0]) {
		id = !strcmp(sc->fb0_id, "none") ? NULL : sc->fb0_id;
		ioctl_ok = strcmp(sc->fb0_id, "ioctl-fails");
	}
	if (sc->fb0_smem_start_set)
		smem_start = sc->fb0_smem_start;
	if (sc->fb0_smem_len_set)
		smem_len = sc->fb0_smem_len;
	h->fb0_id = id;
	h->fb0_smem_start = smem_start;
	h->lfb_base = 0;
	h->lfb_size = 0;
	h->ext_lfb_base = 0;
	h->orig_video_isVGA = 1;	/* the text-mode default before setup_linux_vesafb() */
	if (!id || !ioctl_ok)
		no_fb0(sc, first, h, t, id, ver);
	else if (video_type(sc, first, h, t, id, ver))
		set_lfb(sc->kexec_tools, h, t, id, ver, smem_start, smem_len);
	trace_add(t, PHASE_LOAD, false, "setup_linux_vesafb", "%s", h->lfb_why);
	trace_add(t, PHASE_LOAD, true, "setup_linux_vesafb",
		  "screen_info: orig_video_isVGA 0x%x, lfb_base 0x%" PRIx32 ", ext_lfb_base 0x%" PRIx32
		  ", lfb_size 0x%" PRIx32, h->orig_video_isVGA, (uint32_t)h->lfb_base,
		  h->ext_lfb_base, h->lfb_size);
}
