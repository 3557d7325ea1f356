// SPDX-License-Identifier: GPL-2.0-or-later
/* The boot-time screen_info: /sys/kernel/boot_params/data (x86). */
#include <inttypes.h>
#include <stdlib.h>

#include "probe.h"

#define BOOT_PARAMS "/sys/kernel/boot_params/data"

void probe_boot_params(struct probe *p)
{
	struct facts *f = p->f;
	struct screen_info_lfb si;
	struct hv_err err;
	char *buf;
	size_t len;

	if (f->f[F_ARCH].known && f->arch == ARCH_ARM64) {
		fact_unknown(f, F_BOOT_FB, BOOT_PARAMS, "unknown: arm64 has no boot_params");
		return;
	}
	if (probe_read(p, F_BOOT_FB, BOOT_PARAMS, 1 << 16, &buf, &len))
		return;
	if (screen_info_parse((const uint8_t *)buf, len, &si, &err)) {
		fact_unknown(f, F_BOOT_FB, BOOT_PARAMS, "unknown: %s", err.msg);
	} else {
		f->lfb_base = si.lfb_base;
		f->lfb_size = si.lfb_size;
		fact_set(f, F_BOOT_FB, BOOT_PARAMS, "lfb_base 0x%" PRIx64 ", lfb_size 0x%x, "
			 "%ux%ux%u", si.lfb_base, si.lfb_size, si.lfb_width, si.lfb_height,
			 si.lfb_depth);
	}
	free(buf);
}
