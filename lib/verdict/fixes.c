// SPDX-License-Identifier: GPL-2.0-or-later
/* Weighing the evidence of fixes, per kernel (see fixes.h). */
#include <stdio.h>
#include <string.h>

#include "fixes.h"

const struct tracked_fix_info tracked_fixes[TF_COUNT] = {
	[TF_016A25E4B0DF] = { FIX_VMBUS_RESERVE_FB_LOW_BASE, KC_016A25E4B0DF,
		"7.1 or later, or 7.0.13, 6.18.37, 6.12.95, 6.6.144, 6.1.177, 5.15.211, "
		"5.10.260 or later of those lines (Debian 12: linux 6.1.177-1 and later; "
		"Debian 13: its 6.12 kernels from 6.12.95). After the update and a reboot, "
		"dmesg shows an hv_mmio= line" },
	[TF_304386373007] = { FIX_HYPERV_FB_KEEP_BASE, KC_304386373007,
		"6.14 or later; the linux-azure kernels carry it" },
};

static void add(struct fix_finding *fd, const char *kind, bool present, const char *source,
		const char *detail)
{
	struct fix_evidence *e;

	if (fd->n == FIX_MAX_EVIDENCE)
		return;
	e = &fd->ev[fd->n++];
	e->kind = kind;
	e->present = present;
	snprintf(e->source, sizeof(e->source), "%s", source);
	snprintf(e->detail, sizeof(e->detail), "%s", detail);
}

/*
 * The release table, for one kernel's release; for the running kernel the
 * upstream version it says it is built from, where the release string is a
 * distribution's (Debian's "6.1.0-57-cloud-amd64").
 */
static void from_release(struct fix_finding *fd, const char *release, const char *upstream,
			 const char *upstream_source, enum kernel_change c)
{
	struct kernel_release kr;
	enum change_state st;
	char why[200], detail[256];

	if (upstream && upstream[0] && !kernel_release_parse(upstream, &kr)) {
		st = kernel_release_has(&kr, c, why, sizeof(why));
		if (st == CHANGE_UNKNOWN)
			return;
		snprintf(detail, sizeof(detail), "%.60s is upstream %.20s: %.150s", release, upstream,
			 why);
		add(fd, "release", st == CHANGE_PRESENT, upstream_source, detail);
		return;
	}
	if (!release[0] || kernel_release_parse(release, &kr))
		return;
	st = kernel_release_has(&kr, c, why, sizeof(why));
	if (st != CHANGE_UNKNOWN)
		add(fd, "release", st == CHANGE_PRESENT, release, why);
}

/* The strongest evidence decides; any that says otherwise is a conflict. */
static void conclude(struct fix_finding *fd)
{
	unsigned int i;

	fd->present = fd->n ? fd->ev[0].present : -1;
	fd->conflict = false;
	for (i = 1; i < fd->n; i++)
		fd->conflict |= fd->ev[i].present != fd->ev[0].present;
}

void fixes_weigh(struct facts *f, const int iomem_says[TF_COUNT],
		 const char iomem_detail[TF_COUNT][200])
{
	const char *log = f->f[F_KMSG].source;
	char text[192];
	unsigned int t, k, off = 0;

	memset(f->findings, 0, sizeof(f->findings));
	for (t = 0; t < TF_COUNT; t++) {
		const struct kernel_change_info *ci = kernel_change(tracked_fixes[t].change);
		struct fix_finding *run = &f->findings[KERNEL_RUNNING][t];
		struct fix_finding *kd = &f->findings[KERNEL_KDUMP][t];

		/* 1. the running kernel's log: only 016a25e4b0df logs itself */
		if (t == TF_016A25E4B0DF && f->f[F_KMSG].known) {
			if (f->kmsg.hv_mmio_line)
				add(run, "kernel-log", true, log, f->kmsg.hv_mmio);
			else if (f->kmsg.vmbus_seen)
				add(run, "kernel-log", false, log, "the log has VMBus's start "
				    "(\"Vmbus version:\") and no hv_mmio= line");
		}
		/* 2. its /proc/iomem against the model with and without the fix */
		if (iomem_says && iomem_says[t] >= 0)
			add(run, "iomem", iomem_says[t] == 1, "/proc/iomem", iomem_detail[t]);
		/* 3. the distribution's changelog, 4. the release table: per kernel */
		for (k = 0; k < KERNEL_COUNT; k++) {
			struct fix_finding *fd = &f->findings[k][t];
			const char *release = k == KERNEL_RUNNING ? f->release : f->kdump_release;

			if (k == KERNEL_KDUMP && f->kdump_same)
				continue;
			if (f->changelog_read[k] && f->changelog_has[k][t])
				add(fd, "changelog", true, f->changelog_path[k], ci->subject);
			from_release(fd, release, k == KERNEL_RUNNING ? f->upstream : NULL,
				     f->upstream_source, tracked_fixes[t].change);
		}
		conclude(run);
		if (f->kdump_same)
			*kd = *run;
		else
			conclude(kd);
	}

	/* the running kernel's fixes, and the fact that sums up the kdump kernel's */
	f->fixes = fixes_of(f, KERNEL_RUNNING);
	text[0] = '\0';
	for (t = 0; t < TF_COUNT; t++) {
		const struct fix_finding *fd = &f->findings[KERNEL_KDUMP][t];

		off += (unsigned int)snprintf(text + off, off < sizeof(text) ? sizeof(text) - off : 0,
					      "%s%s %s%s%s%s", t ? ", " : "",
					      kernel_change(tracked_fixes[t].change)->commit,
					      fd->present < 0 ? "unknown" :
					      fd->present ? "present" : "absent",
					      fd->n ? " (" : "", fd->n ? fd->ev[0].kind : "",
					      fd->conflict ? ", conflicting" : fd->n ? ")" : "");
		if (fd->conflict && off < sizeof(text))
			off += (unsigned int)snprintf(text + off, sizeof(text) - off, ")");
	}
	if (f->findings[KERNEL_KDUMP][TF_016A25E4B0DF].present >= 0)
		fact_set(f, F_FIXES, "the kernel log, /proc/iomem, changelog, release table",
			 "%s", text);
	else
		fact_unknown(f, F_FIXES, "the kernel log, /proc/iomem, changelog, release table",
			     "unknown: %s", text);
}

unsigned int fixes_of(const struct facts *f, enum which_kernel k)
{
	unsigned int bits = 0, t;

	for (t = 0; t < TF_COUNT; t++)
		if (f->findings[k][t].present == 1)
			bits |= FIX_BIT(tracked_fixes[t].fix);
	/* a kernel developer's build with the proposed patch shows in /proc/iomem */
	if (k == KERNEL_RUNNING || f->kdump_same)
		bits |= f->fixes_seen & FIX_BIT(FIX_PCI_CONFIG_ABOVE_4G);
	return bits;
}
