// SPDX-License-Identifier: GPL-2.0-or-later
/* Weighing the probe's evidence: the low MMIO range, and the changes per kernel (see fixes.h). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "fixes.h"

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

/* The evidence of change @c in both kernels, strongest first. */
static void weigh_change(struct facts *f, enum kernel_change c, const int *iomem_says,
			 const char (*iomem_detail)[200])
{
	struct fix_finding *run = &f->findings[KERNEL_RUNNING][c];
	struct fix_finding *kd = &f->findings[KERNEL_KDUMP][c];
	const char *log = f->f[F_KMSG].source;
	unsigned int k;

	/* 1. the running kernel's log: only 016a25e4b0df logs itself */
	if (c == KC_016A25E4B0DF && f->f[F_KMSG].known) {
		if (f->kmsg.hv_mmio_line)
			add(run, "kernel-log", true, log, f->kmsg.hv_mmio);
		else if (f->kmsg.vmbus_seen)
			add(run, "kernel-log", false, log, "the log has VMBus's start "
			    "(\"Vmbus version:\") and no hv_mmio= line");
	}
	/* 2. its /proc/iomem against the model with and without the change */
	if (iomem_says && iomem_says[c] >= 0)
		add(run, "iomem", iomem_says[c] == 1, "/proc/iomem", iomem_detail[c]);
	/* 3. the distribution's changelog, 4. the release table: per kernel */
	for (k = 0; k < KERNEL_COUNT; k++) {
		struct fix_finding *fd = &f->findings[k][c];
		const char *release = k == KERNEL_RUNNING ? f->release : f->kdump_release;

		if (k == KERNEL_KDUMP && f->kdump_same)
			continue;
		if (f->changelog_read[k] && f->changelog_has[k][c])
			add(fd, "changelog", true, f->changelog_path[k], kernel_change(c)->subject);
		from_release(fd, release, k == KERNEL_RUNNING ? f->upstream : NULL,
			     f->upstream_source, c);
	}
	conclude(run);
	if (f->kdump_same)
		*kd = *run;
	else
		conclude(kd);
}

/* F_FIXES: what the evidence says of the kdump kernel, one change after another. */
static void fixes_fact(struct facts *f)
{
	static const char sources[] = "the kernel log, /proc/iomem, changelog, release table";
	char text[192];
	unsigned int c, off = 0;

	text[0] = '\0';
	for (c = 0; c < KC_TRACKED && off < sizeof(text); c++) {
		const struct fix_finding *fd = &f->findings[KERNEL_KDUMP][c];

		off += (unsigned int)snprintf(text + off, sizeof(text) - off, "%s%s %s%s%s%s%s",
					      c ? ", " : "", kernel_change(c)->commit,
					      fd->present < 0 ? "unknown" :
					      fd->present ? "present" : "absent",
					      fd->n ? " (" : "", fd->n ? fd->ev[0].kind : "",
					      fd->conflict ? ", conflicting" : "", fd->n ? ")" : "");
	}
	if (f->findings[KERNEL_KDUMP][KC_016A25E4B0DF].present >= 0)
		fact_set(f, F_FIXES, sources, "%s", text);
	else
		fact_unknown(f, F_FIXES, sources, "unknown: %s", text);
}

void fixes_weigh(struct facts *f, const int iomem_says[KC_TRACKED],
		 const char iomem_detail[KC_TRACKED][200])
{
	unsigned int c;

	memset(f->findings, 0, sizeof(f->findings));
	for (c = 0; c < KC_TRACKED; c++)
		weigh_change(f, (enum kernel_change)c, iomem_says, iomem_detail);
	/* the running kernel's fixes, and the fact that sums up the kdump kernel's */
	f->fixes = fixes_of(f, KERNEL_RUNNING);
	fixes_fact(f);
}

unsigned int fixes_of(const struct facts *f, enum which_kernel k)
{
	unsigned int bits = 0, c;

	for (c = 0; c < KC_TRACKED; c++)
		if (f->findings[k][c].present == 1)
			bits |= kernel_change(c)->fixes;
	/* a kernel developer's build with the proposed patch shows in /proc/iomem */
	if (k == KERNEL_RUNNING || f->kdump_same)
		bits |= f->fixes_seen & FIX_BIT(FIX_PCI_CONFIG_ABOVE_4G);
	return bits;
}

#define SZ_4G 0x100000000ULL

/*
 * The VM's low MMIO range, from the strongest evidence: the range the
 * kernel logged (hv_mmio=, 016a25e4b0df), else on Gen2 the framebuffer,
 * which the host always places at the low base: the boot-time lfb_base, or
 * the first kernel's VRAM as /proc/iomem shows it. Nothing: the preset.
 */
static void weigh_low_mmio(struct facts *f)
{
	struct kmsg_span low, high, fb;
	bool gen2 = f->f[F_GEN].known && f->gen == 2;

	if (f->f[F_KMSG].known && f->kmsg.hv_mmio_line &&
	    !kmsg_hv_mmio_parse(f->kmsg.hv_mmio, &low, &high, &fb)) {
		f->low_mmio = (struct mmio_span){ low.set, low.start, low.end };
		fact_set(f, F_LOW_MMIO, f->f[F_KMSG].source,
			 "0x%" PRIx64 "-0x%" PRIx64 " (logged in hv_mmio=)",
			 low.start, low.end);
	} else if (gen2 && f->f[F_BOOT_FB].known && f->boot_si.lfb_base &&
		   f->boot_si.lfb_base < SZ_4G) {
		f->low_mmio = (struct mmio_span){ true, f->boot_si.lfb_base, SZ_4G - 1 };
		fact_set(f, F_LOW_MMIO, f->f[F_BOOT_FB].source,
			 "0x%" PRIx64 "-0xffffffff (the framebuffer is at the base)",
			 f->boot_si.lfb_base);
	} else if (gen2 && f->f[F_VRAM].known && f->vram.start < SZ_4G) {
		f->low_mmio = (struct mmio_span){ true, f->vram.start, SZ_4G - 1 };
		fact_set(f, F_LOW_MMIO, f->f[F_VRAM].source,
			 "0x%" PRIx64 "-0xffffffff (VRAM assumed at the base)", f->vram.start);
	} else {
		fact_unknown(f, F_LOW_MMIO, "the kernel log, boot_params, /proc/iomem",
			     "unknown: not shown (the preset's assumed)");
	}
}

/*
 * Does the running kernel's /proc/iomem show a change? The model's first
 * kernel, run without and with it: when only one of them puts the config
 * window and VRAM where /proc/iomem has them, that is evidence.
 */
static void iomem_evidence(const struct facts *f, int says[KC_TRACKED],
			   char detail[KC_TRACKED][200])
{
	unsigned int c;

	for (c = 0; c < KC_TRACKED; c++) {
		struct facts alt = *f;
		struct scenario sc;
		struct sim_result r;
		bool match[2] = { false, false };
		struct mmio_span cw[2];
		unsigned int on;

		says[c] = -1;
		detail[c][0] = '\0';
		if (!f->f[F_CONFIG_WINDOW].known || !f->f[F_VRAM].known)
			continue;
		for (on = 0; on < 2; on++) {
			alt.findings[KERNEL_RUNNING][c].present = (int)on;
			alt.findings[KERNEL_KDUMP][c].present = (int)on;
			if (facts_to_scenario(&alt, &sc, NULL, 0, NULL) || simulate(&sc, &r, false))
				return;
			cw[on] = r.first.config_window;
			match[on] = same_span(&r.first.config_window, &f->config_window) &&
				    same_span(&r.first.modelled_vram, &f->vram);
			sim_result_free(&r);
		}
		if (match[0] == match[1])
			continue;
		says[c] = match[1];
		snprintf(detail[c], sizeof(detail[c]), "config window 0x%llx, where the model puts "
			 "it %s %s (%s it: 0x%llx)",
			 (unsigned long long)f->config_window.start, match[1] ? "with" : "without",
			 kernel_change(c)->commit, match[1] ? "without" : "with",
			 (unsigned long long)cw[match[1] ? 0 : 1].start);
	}
}

void facts_weigh(struct facts *f)
{
	int says[KC_TRACKED];
	char detail[KC_TRACKED][200];

	weigh_low_mmio(f);
	/* what the other sources say, then what /proc/iomem adds to it */
	fixes_weigh(f, NULL, NULL);
	iomem_evidence(f, says, detail);
	fixes_weigh(f, says, detail);
}
