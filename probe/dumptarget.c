// SPDX-License-Identifier: GPL-2.0-or-later
/* Where the vmcore goes: the dump directory's mount, and the disk under it. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probe.h"

#define MOUNTINFO "/proc/self/mountinfo"

/* "nvme0n1p2" -> "nvme0n1", "sda1" -> "sda" */
static void disk_of(const char *part, char *disk, size_t len)
{
	size_t n = strnlen(part, len - 1);

	memcpy(disk, part, n);
	disk[n] = '\0';
	if (!strncmp(part, "nvme", 4)) {
		const char *pp = strrchr(part, 'p');

		if (pp && pp > part + 4 && isdigit((unsigned char)pp[1]) && strchr(part, 'n'))
			disk[pp - part] = '\0';
		return;
	}
	while (n && isdigit((unsigned char)disk[n - 1]))
		disk[--n] = '\0';
}

/* A device-mapper device: the disk under its first slave. */
static void through_dm(struct probe *p, const char *dm, char *disk, size_t len)
{
	char path[300], **names;
	size_t n;

	snprintf(path, sizeof(path), "/sys/block/%s/slaves", dm);
	if (hv_path_list(p->pc, path, &names, &n) || !n) {
		disk[0] = '\0';
		return;
	}
	disk_of(names[0], disk, len);
	hv_path_free_list(names, n);
}

void probe_dump_target(struct probe *p)
{
	struct facts *f = p->f;
	struct hv_err err = { 0, "" };
	struct mount_src m;
	char *buf, disk[128];
	const char *dev;
	size_t len;

	if (p->net_dump) {
		f->dump_target = DUMP_NET_SYNTHETIC;
		fact_set(f, F_DUMP_TARGET, "the kdump configuration", "net-synthetic (an SSH or "
			 "NFS target: netvsc carries it, with or without the VF)");
		return;
	}
	/* /etc/kdump.conf could not say where the dump goes (F_DUMP_TARGET tells why) */
	if (!p->coredir[0])
		return;
	if (probe_read(p, F_DUMP_TARGET, MOUNTINFO, 4u << 20, &buf, &len))
		return;
	if (probe_kernel_text(buf, len, false, &err)) {
		free(buf);
		probe_bad_file(p, F_DUMP_TARGET, MOUNTINFO, &err);
		return;
	}
	if (mountinfo_find(buf, len, p->coredir, &m, &err)) {
		free(buf);
		if (err.line) {
			probe_bad_file(p, F_DUMP_TARGET, MOUNTINFO, &err);
			return;
		}
		fact_unknown(f, F_DUMP_TARGET, MOUNTINFO, "unknown: %s", err.msg);
		return;
	}
	free(buf);
	dev = strncmp(m.source, "/dev/", 5) ? m.source : m.source + 5;
	if (!strncmp(dev, "mapper/", 7) || !strncmp(dev, "dm-", 3)) {
		char dm[64];

		snprintf(dm, sizeof(dm), "dm-%u", m.minor);
		through_dm(p, dm, disk, sizeof(disk));
	} else {
		disk_of(dev, disk, sizeof(disk));
	}
	if (!strncmp(disk, "nvme", 4)) {
		f->dump_target = DUMP_NVME;
		fact_set(f, F_DUMP_TARGET, MOUNTINFO, "nvme (%s on %s, disk %s, behind pci_hyperv)",
			 p->coredir, m.source, disk);
	} else if (!strncmp(disk, "sd", 2)) {
		f->dump_target = DUMP_SCSI;
		fact_set(f, F_DUMP_TARGET, MOUNTINFO, "scsi (%s on %s, disk %s, storvsc)",
			 p->coredir, m.source, disk);
	} else {
		fact_unknown(f, F_DUMP_TARGET, MOUNTINFO, "unknown: %s is on %s, a device the "
			     "model does not place", p->coredir, m.source);
	}
}
