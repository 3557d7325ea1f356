// SPDX-License-Identifier: GPL-2.0-or-later
/* The boot-time screen_info: /sys/kernel/boot_params/data (x86). */
#include <inttypes.h>
#include <stdlib.h>

#include "probe.h"

#define BOOT_PARAMS "/sys/kernel/boot_params/data"
#define BOOT_PARAMS_SIZE 4096	/* sizeof(struct boot_params), arch/x86/include/uapi/asm/bootparam.h */

/* A framebuffer is MMIO: a base in System RAM (/proc/iomem) is no boot loader's. */
static int in_ram(const struct probe *p, const struct screen_info_lfb *si, struct hv_err *err)
{
	unsigned int i;

	for (i = 0; si->lfb_base && i < p->nram; i++)
		if (si->lfb_base >= p->ram[i].start && si->lfb_base <= p->ram[i].end) {
			hv_err_set(err, 0, "lfb_base 0x%" PRIx64 " lies in System RAM "
				   "0x%" PRIx64 "-0x%" PRIx64 " (/proc/iomem)", si->lfb_base,
				   p->ram[i].start, p->ram[i].end);
			return -1;
		}
	return 0;
}

void probe_boot_params(struct probe *p)
{
	struct facts *f = p->f;
	struct screen_info_lfb si;
	struct hv_err err = { 0, "" };
	char *buf;
	size_t len;

	if (f->f[F_ARCH].known && f->arch == ARCH_ARM64) {
		fact_unknown(f, F_BOOT_FB, BOOT_PARAMS, "unknown: arm64 has no boot_params");
		return;
	}
	if (probe_read(p, F_BOOT_FB, BOOT_PARAMS, 1 << 16, &buf, &len))
		return;
	/* the sysfs file is the whole struct: anything else was cut or is another file */
	if (len != BOOT_PARAMS_SIZE) {
		hv_err_set(&err, 0, "%zu bytes, not the %d of struct boot_params", len,
			   BOOT_PARAMS_SIZE);
		probe_bad_file(p, F_BOOT_FB, BOOT_PARAMS, &err);
	} else if (screen_info_parse((const uint8_t *)buf, len, &si, &err) ||
	    screen_info_check(&si, &err) || in_ram(p, &si, &err)) {
		probe_bad_file(p, F_BOOT_FB, BOOT_PARAMS, &err);
	} else {
		f->boot_si = si;
		if (!si.lfb_base)
			fact_set(f, F_BOOT_FB, BOOT_PARAMS, "no framebuffer: lfb_base 0 "
				 "(orig_video_isVGA 0x%x)", si.orig_video_isVGA);
		else
			fact_set(f, F_BOOT_FB, BOOT_PARAMS, "lfb_base 0x%" PRIx64 ", lfb_size "
				 "0x%x, %ux%ux%u", si.lfb_base, si.lfb_size, si.lfb_width,
				 si.lfb_height, si.lfb_depth);
	}
	free(buf);
}
