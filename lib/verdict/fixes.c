// SPDX-License-Identifier: GPL-2.0-or-later
/* Weighing the probe's evidence: the low MMIO range, and the changes per kernel (see fixes.h). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "util/strcopy.h"
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
	hv_strcopy(e->source, sizeof(e->source), source);
	hv_strcopy(e->detail, sizeof(e->detail), detail);
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

/* The evidence of change @c in both kernels, strongest first; @m NULL: no model run yet. */
static void weigh_change(struct facts *f, enum kernel_change c, const struct fix_model *m)
{
	struct fix_finding *run = &f->findings[KERNEL_RUNNING][c];
	struct fix_finding *kd = &f->findings[KERNEL_KDUMP][c];
	const char *log = f->f[F_KMSG].source;
	unsigned int k;

	/*
	 * 1. the running kernel's log: only 016a25e4b0df logs itself, and its
	 * silence says "absent" only where the model's kernel with it logs here
	 */
	if (c == KC_016A25E4B0DF && f->f[F_KMSG].known) {
		if (f->kmsg.hv_mmio_line)
			add(run, "kernel-log", true, log, f->kmsg.hv_mmio);
		else if (f->kmsg.vmbus_seen && m && m->log_discriminates[c])
			add(run, "kernel-log", false, log, "the log has VMBus's start "
			    "(\"Vmbus version:\") and no hv_mmio= line, which the model's "
			    "kernel with it prints here (vmbus_reserve_fb())");
	}
	/* 2. its /proc/iomem against the model with and without the change */
	if (m && m->iomem_says[c] >= 0)
		add(run, "iomem", m->iomem_says[c] == 1, "/proc/iomem", m->iomem_detail[c]);
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

void fixes_weigh(struct facts *f, const struct fix_model *m)
{
	unsigned int c;

	memset(f->findings, 0, sizeof(f->findings));
	for (c = 0; c < KC_TRACKED; c++)
		weigh_change(f, (enum kernel_change)c, m);
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

/* The model's first kernel without (0) and with (1) change @c, the other facts as weighed. */
struct fix_runs {
	struct mmio_span cw[2], vram[2];
	bool logged[2];
};

/*
 * The two runs turn @c's findings in @f and put them back (a copy of the
 * facts, 34 KiB, would cost more page faults than the run).
 */
static int run_both(struct facts *f, enum kernel_change c, struct fix_runs *o)
{
	struct fix_finding *k[2] = { &f->findings[KERNEL_RUNNING][c], &f->findings[KERNEL_KDUMP][c] };
	const int was[2] = { k[0]->present, k[1]->present };
	struct scenario sc;
	struct sim_result r;
	unsigned int on;
	int rc = 0;

	for (on = 0; on < 2 && !rc; on++) {
		k[0]->present = k[1]->present = (int)on;
		if (facts_to_scenario(f, &sc, NULL, 0, NULL)) {
			rc = -1;
			break;
		}
		if (simulate(&sc, &r, false)) {
			rc = -1;
		} else {
			o->cw[on] = r.first.config_window;
			o->vram[on] = r.first.modelled_vram;
			o->logged[on] = r.first.hv_mmio_logged;
		}
		sim_result_free(&r);
	}
	k[0]->present = was[0];
	k[1]->present = was[1];
	return rc;
}

/*
 * The ranges that differ between @o's runs, as run @on has them: "config
 * window 0x40800000", "VRAM 0x40900000" or both. Returns how many.
 */
static unsigned int differing(const struct fix_runs *o, unsigned int on, char *buf, size_t len)
{
	bool cw = !same_span(&o->cw[0], &o->cw[1]), vram = !same_span(&o->vram[0], &o->vram[1]);
	int n = 0;

	buf[0] = '\0';
	if (cw)
		n = snprintf(buf, len, "config window 0x%" PRIx64, o->cw[on].start);
	if (vram && n >= 0 && (size_t)n < len)
		snprintf(buf + n, len - (size_t)n, "%sVRAM 0x%" PRIx64, n ? ", " : "",
			 o->vram[on].start);
	return (unsigned int)cw + (unsigned int)vram;
}

/*
 * What the running kernel's /proc/iomem and log can tell of change @c: the
 * model's first kernel run without and with it. /proc/iomem says something
 * only where the two runs place the config window or VRAM differently and
 * one of them matches it; the log's silence only where the run with it logs
 * its line and the run without does not.
 */
static void discriminate(struct facts *f, enum kernel_change c, struct fix_model *m)
{
	struct fix_runs o;
	bool match[2];
	char seen[80], other[80];
	unsigned int on, n;

	m->iomem_says[c] = -1;
	m->iomem_detail[c][0] = '\0';
	m->log_discriminates[c] = false;
	if (run_both(f, c, &o))
		return;
	m->log_discriminates[c] = o.logged[1] && !o.logged[0];
	if (!f->f[F_CONFIG_WINDOW].known || !f->f[F_VRAM].known)
		return;
	for (on = 0; on < 2; on++)
		match[on] = same_span(&o.cw[on], &f->config_window) &&
			    same_span(&o.vram[on], &f->vram);
	if (match[0] == match[1])
		return;
	on = match[1];
	n = differing(&o, on, seen, sizeof(seen));
	differing(&o, !on, other, sizeof(other));
	m->iomem_says[c] = (int)on;
	snprintf(m->iomem_detail[c], sizeof(m->iomem_detail[c]), "%.70s, where the model puts %s "
		 "%s %s (%s it: %.70s)", seen, n > 1 ? "them" : "it", on ? "with" : "without",
		 kernel_change(c)->commit, on ? "without" : "with", other);
}

void facts_weigh(struct facts *f)
{
	struct fix_model m;
	unsigned int c;

	weigh_low_mmio(f);
	/* what the other sources say, then what the model tells apart in the log and /proc/iomem */
	fixes_weigh(f, NULL);
	for (c = 0; c < KC_TRACKED; c++)
		discriminate(f, (enum kernel_change)c, &m);
	fixes_weigh(f, &m);
}
