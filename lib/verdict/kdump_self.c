// SPDX-License-Identifier: GPL-2.0-or-later
/* A kdump kernel's own fate, from its facts (kdump_self.h). */
#include <stdio.h>

#include "kdump_self.h"

/* vmbus_reserve_fb() claims at least 8 MiB at the handed lfb_base */
#define FB_CLAIM	0x800000ULL

void kdump_self_judge(const struct facts *f, struct kdump_self *k)
{
	const struct mmio_span *cw = &f->config_window;

	k->fb_handed = f->f[F_BOOT_FB].known && f->boot_si.lfb_base;
	k->fb_end = f->boot_si.lfb_base + FB_CLAIM - 1;
	if (!f->hyperv || !f->f[F_CONFIG_WINDOW].known || !cw->set || !f->f[F_BOOT_FB].known)
		k->config_window_on_fb = -1;
	else
		k->config_window_on_fb = k->fb_handed && cw->start >= f->boot_si.lfb_base &&
					 cw->start <= k->fb_end;
	if (!f->hyperv) {
		k->fate = FATE_NOT_APPLICABLE;
		k->vmcore = "not applicable";
		snprintf(k->why, sizeof(k->why), "not a Hyper-V guest: %s, from %s; no "
			 "pass-through bus for the host to refuse", f->f[F_HYPERV].value,
			 f->f[F_HYPERV].source);
	} else if (f->f[F_KMSG].known && f->kmsg.d0_failures) {
		k->fate = FATE_LOST;
		k->vmcore = "lost";
		snprintf(k->why, sizeof(k->why), "the host refused the PCI pass-through bus "
			 "(D0 entry failed): its NVMe disk cannot appear");
	} else if (f->nvme_disks) {
		k->fate = FATE_CAN_BE_SAVED;
		k->vmcore = "can be saved";
		snprintf(k->why, sizeof(k->why), "an NVMe disk is present");
	} else {
		k->fate = FATE_UNKNOWN;
		k->vmcore = "unknown";
		snprintf(k->why, sizeof(k->why), "no NVMe disk and no D0 entry failure in the "
			 "log yet: pci_hyperv may not have probed");
	}
}
