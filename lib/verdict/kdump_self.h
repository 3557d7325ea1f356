/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A kdump kernel's own fate (hvkdump check run where /proc/vmcore exists),
 * from what that kernel shows: not a verdict about a first kernel.
 */
#ifndef HVKDUMP_KDUMP_SELF_H
#define HVKDUMP_KDUMP_SELF_H

#include "facts.h"

enum kdump_fate {
	FATE_LOST,		/* the host refused the pass-through bus (D0 entry failed) */
	FATE_CAN_BE_SAVED,	/* an NVMe disk is present */
	FATE_UNKNOWN,		/* neither yet */
	FATE_NOT_APPLICABLE,	/* not a Hyper-V guest */
};

struct kdump_self {
	enum kdump_fate fate;
	const char *vmcore;	/* "lost", "can be saved", "unknown", "not applicable" */
	char why[640];
	bool fb_handed;		/* a framebuffer (lfb_base != 0) was handed over */
	uint64_t fb_end;	/* the end of vmbus_reserve_fb()'s claim at the handed base */
	int config_window_on_fb;	/* 1, 0, or -1 when it cannot be told */
};

void kdump_self_judge(const struct facts *f, struct kdump_self *k);

#endif
