// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Is this a kdump kernel? It alone has /proc/vmcore (fs/proc/vmcore.c). If
 * so, which disks it has: the dump needs one (/sys/block: nvme*, sd*).
 */
#include <string.h>

#include "probe.h"

void probe_kdump_self(struct probe *p)
{
	struct facts *f = p->f;
	char **names;
	size_t n, i;

	f->in_kdump = !hv_path_exists(p->pc, "/proc/vmcore");
	if (!f->in_kdump || hv_path_list(p->pc, "/sys/block", &names, &n))
		return;
	for (i = 0; i < n; i++) {
		f->nvme_disks += !strncmp(names[i], "nvme", 4);
		f->scsi_disks += !strncmp(names[i], "sd", 2);
	}
	hv_path_free_list(names, n);
}
