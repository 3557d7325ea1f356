// SPDX-License-Identifier: GPL-2.0-or-later
/* hvkdump check: from facts to a verdict, its uncertainties and its remedies. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fixes.h"
#include "model/linux/releases.h"

int facts_to_scenario(const struct facts *f, struct scenario *sc, char *why, size_t wlen,
		      struct hv_err *err)
{
	struct fact_pairs p;

	fact_pairs(f, &p);
	if (p.full) {
		hv_err_set(err, 0, "the facts give more scenario pairs than fit");
		return -1;
	}
	if (wlen)
		snprintf(why, wlen, "%s", p.why);
	return scenario_build(sc, p.pair, p.n, err);
}

/* The verdict with @alt in place of @f; -1 when they make no scenario. */
static int verdict_of(const struct facts *alt)
{
	struct scenario sc;
	struct sim_result r;
	struct hv_err err;
	char why[256];
	int saved;

	if (facts_to_scenario(alt, &sc, why, sizeof(why), &err))
		return -1;
	if (simulate(&sc, &r, false)) {
		sim_result_free(&r);
		return -1;
	}
	saved = r.saved;
	sim_result_free(&r);
	return saved;
}

/* What the flips are weighed against: the verdict and the facts' scenario. */
struct flip_base {
	bool saved;
	const struct scenario *sc;
};

/* The facts whose other values are tried, in the order their flips are said. */
static const enum fact_id flip_order[] = {
	F_KEXEC_TOOLS, F_SECURE_BOOT, F_KDUMP_CONFIG, F_VIDEO_DEV, F_SYSFB, F_KEXEC_FILE,
	F_HIDE_SMEM, F_ARCH, F_FB0, F_LOCKDOWN, F_KEXEC_LOAD_DISABLED, F_BUILTIN, F_DUMP_TARGET,
	F_FIXES, F_KDUMP_MODULES,
};

/* Alternative @i of fact @id: a flip where it turns the verdict. */
static void try_flip(const struct facts *f, struct check_result *r, const struct flip_base *b,
		     enum fact_id id, unsigned int i, struct facts *alt)
{
	const struct fact_desc *d = &fact_table[id];
	struct check_flip *fl = &r->flips[r->nflips];
	int v;

	*alt = *f;
	alt->f[id].known = true;
	if (!d->alt(f, b->sc, i, alt, fl->alternative, sizeof(fl->alternative)))
		return;
	v = verdict_of(alt);
	if (v < 0 || (bool)v == b->saved)
		return;
	fl->fact = id;
	fl->saved = v;
	if (d->said)
		snprintf(fl->alternative, sizeof(fl->alternative), "%s", d->said[i]);
	if (d->assumed_is)
		snprintf(fl->assumed, sizeof(fl->assumed), "%s", d->assumed_is);
	else
		d->assumed(f, b->sc, i, fl->assumed, sizeof(fl->assumed));
	r->nflips++;
}

/* For each unknown fact, the values that would turn the verdict. */
static void find_flips(const struct facts *f, struct check_result *r, const struct flip_base *b)
{
	struct facts *alt = malloc(sizeof(*alt));
	unsigned int k, i;

	if (!alt)
		return;
	for (k = 0; k < sizeof(flip_order) / sizeof(flip_order[0]); k++) {
		const struct fact_desc *d = &fact_table[flip_order[k]];

		if (f->f[flip_order[k]].known && !d->flips_when_known)
			continue;
		for (i = 0; i < d->nalts && r->nflips < CHECK_MAX_FLIPS; i++)
			try_flip(f, r, b, flip_order[k], i, alt);
	}
	free(alt);
}

/*
 * Adds @change as a remedy if the simulation proves it saves the vmcore:
 * the remedy added, or NULL.
 */
static struct check_remedy *try_remedy(struct check_result *r, const struct scenario *changed,
				       int size, const char *kind, const char *id,
				       const char *change)
{
	struct check_remedy *rm;
	struct sim_result s;
	bool saved;

	if (r->nremedies == CHECK_MAX_REMEDIES)
		return NULL;
	if (simulate(changed, &s, false)) {
		sim_result_free(&s);
		return NULL;
	}
	saved = s.saved;
	sim_result_free(&s);
	if (!saved)
		return NULL;
	rm = &r->remedies[r->nremedies++];
	rm->size = size;
	snprintf(rm->id, sizeof(rm->id), "%s", id);
	snprintf(rm->kind, sizeof(rm->kind), "%s", kind);
	snprintf(rm->change, sizeof(rm->change), "%s", change);
	return rm;
}

/* A setting @rm makes: @variable in @file (NULL: none known) to hold @value. */
static void remedy_edit(struct check_remedy *rm, const char *file, const char *variable,
			const char *value)
{
	struct check_edit *e;

	if (!rm || !file || rm->nedits == sizeof(rm->edits) / sizeof(rm->edits[0]))
		return;
	e = &rm->edits[rm->nedits++];
	e->file = file;
	e->variable = variable;
	snprintf(e->value, sizeof(e->value), "%s", value);
}

/* The kdump service's configuration file and its kexec arguments' variable. */
static const char *kexec_args_file(enum distro_family d, const char **variable)
{
	*variable = d == DISTRO_DEBIAN ? "KDUMP_KEXEC_ARGS" : "KEXEC_ARGS";
	return d == DISTRO_DEBIAN ? "/etc/default/kdump-tools" :
	       d == DISTRO_RHEL ? "/etc/sysconfig/kdump" : NULL;
}

/* kexec_file_load: -s in what the kdump service passes to kexec. */
static void remedy_kexec_file(const struct facts *f, struct check_result *r,
			      const struct scenario *sc)
{
	struct check_remedy *rm;
	struct scenario t = *sc;
	const char *var, *file = kexec_args_file(f->distro, &var);
	char text[400];

	t.kexec = KEXEC_REQ_FILE;
	/* the last syscall option wins: -s after what the service passes */
	snprintf(t.kexec_args, sizeof(t.kexec_args), "%.240s -s", sc->kexec_args);
	if (f->distro == DISTRO_DEBIAN)
		snprintf(text, sizeof(text), "use kexec_file_load: %s KDUMP_KEXEC_ARGS in "
			 "/etc/default/kdump-tools",
			 strstr(f->kexec_args, "-c") ? "replace -c with -s in" : "add -s to");
	else if (f->distro == DISTRO_RHEL)
		snprintf(text, sizeof(text), "use kexec_file_load: put -s in KEXEC_ARGS in "
			 "/etc/sysconfig/kdump (and no -c)");
	else
		snprintf(text, sizeof(text), "use kexec_file_load: make the kdump service "
			 "run kexec -s");
	rm = try_remedy(r, &t, 1, "config", "kexec_file_load", text);
	if (rm)
		rm->kexec_file = true;
	remedy_edit(rm, file, var, "-s");
}

/* kdump loads the running kernel: where the service is told which kernel */
static void remedy_running_kernel(const struct facts *f, struct check_result *r,
				  const struct scenario *t)
{
	struct check_remedy *rm;
	char text[400], path[256];

	snprintf(text, sizeof(text), "have kdump load the running kernel %.60s, which carries "
		 "fixes %.60s lacks: point KDUMP_KERNEL and KDUMP_INITRD (or the links "
		 "/var/lib/kdump/vmlinuz and initrd.img) at it, then reload kdump",
		 f->release, f->kdump_release);
	rm = try_remedy(r, t, 2, "config", "kdump_running_kernel", text);
	if (f->distro == DISTRO_RHEL) {
		remedy_edit(rm, "/etc/sysconfig/kdump", "KDUMP_KERNELVER", f->release);
		return;
	}
	if (f->distro != DISTRO_DEBIAN)
		return;
	snprintf(path, sizeof(path), "/boot/vmlinuz-%.200s", f->release);
	remedy_edit(rm, "/etc/default/kdump-tools", "KDUMP_KERNEL", path);
	snprintf(path, sizeof(path), "/boot/initrd.img-%.200s", f->release);
	remedy_edit(rm, "/etc/default/kdump-tools", "KDUMP_INITRD", path);
}

static void find_remedies(const struct facts *f, struct check_result *r,
			  const struct scenario *sc)
{
	struct scenario t;
	char text[400], id[48], *p;
	unsigned int i;

	if (sc->kexec != KEXEC_REQ_FILE)
		remedy_kexec_file(f, r, sc);
	/* only where the kdump kernel is built with it */
	if (sc->video && !(f->kdump_same && (f->drivers_absent & MOD_BIT(MOD_HYPERV_DRM)))) {
		t = *sc;
		t.kdump_modules |= MOD_BIT(MOD_HYPERV_DRM);
		t.probe_order[0] = MOD_HYPERV_DRM;
		t.probe_order[1] = MOD_PCI_HYPERV;
		t.probe_order[2] = MOD_HYPERV_FB;
		if (t.fb_driver == FB_HYPERV_DRM || !(t.builtin & MOD_BIT(MOD_HYPERV_FB)))
			try_remedy(r, &t, 2, "initramfs", "initramfs_hyperv_drm",
				   f->blacklist & MOD_BIT(MOD_HYPERV_DRM) ?
				   "load hyperv_drm in the kdump initramfs, before pci_hyperv (remove "
				   "its blacklist from modprobe.d): it moves VRAM before the config "
				   "window is placed" :
				   "load hyperv_drm in the kdump initramfs, before pci_hyperv: it moves "
				   "VRAM before the config window is placed");
	}
	if (sc->video && sc->vram_mb > 8) {
		t = *sc;
		t.vram_mb = 8;
		t.observed_vram.set = false;
		try_remedy(r, &t, 3, "vm", "vram_8mib", "keep the VM's VRAM within the reserved fb_range: "
			   "8 MiB (a lower maximum resolution on the host)");
	}
	/* the running kernel carries what the kdump kernel lacks */
	if (!f->kdump_same && f->release[0] &&
	    (fixes_of(f, KERNEL_RUNNING) & ~sc->kdump.fixes)) {
		t = *sc;
		scenario_same_kdump_kernel(&t);
		remedy_running_kernel(f, r, &t);
	}
	/* kernels that exist: the proposed config-window patch is never offered */
	for (i = 0; i < KC_TRACKED; i++) {
		const struct kernel_change_info *ci = kernel_change(i);
		char where[300];

		if ((sc->kdump.fixes & ci->fixes) == ci->fixes)
			continue;
		t = *sc;
		t.fixes |= ci->fixes;
		t.kdump.fixes |= ci->fixes;
		kernel_change_where(i, where, sizeof(where));
		snprintf(text, sizeof(text), "a kernel with %s (\"%s\"): %s", ci->commit,
			 ci->subject, where);
		snprintf(id, sizeof(id), "kernel_%s", fix_name(kernel_change_fix(i)));
		for (p = id; (p = strchr(p, '-'));)
			*p = '_';
		try_remedy(r, &t, 4, "kernel", id, text);
	}
	if (sc->dump_target == DUMP_NVME || sc->dump_target == DUMP_NET_VF) {
		t = *sc;
		t.dump_target = DUMP_SCSI;
		try_remedy(r, &t, 5, "storage", "dump_to_scsi", "write the vmcore to a SCSI (storvsc) data disk: "
			   "point the dump directory at a file system on it");
	}
}

bool same_span(const struct mmio_span *a, const struct mmio_span *b)
{
	return a->set == b->set && (!a->set || (a->start == b->start && a->end == b->end));
}

/*
 * What a crash meets now: the command recorded at the last load, while one
 * is loaded; none when none is loaded (or nothing loads it at boot and
 * whether one is loaded is unknown).
 */
static void now_facts(const struct facts *f, struct facts *now, const char *unit)
{
	*now = *f;
	if (f->recorded_args[0]) {
		snprintf(now->kexec_args, sizeof(now->kexec_args), "%s", f->recorded_args);
		now->kexec_args_set = true;
		now->kexec_args_recorded = true;
		/* it did load: whatever the configuration says now */
		now->service_stops = false;
	}
	if (f->service_stops && !f->recorded_args[0])
		return;
	if (f->f[F_CRASH_KERNEL].known && !f->crash_loaded) {
		now->service_stops = true;
		snprintf(now->service_noload, sizeof(now->service_noload),
			 "none is loaded now (/sys/kernel/kexec_crash_loaded is 0): "
			 "`systemctl restart %s` loads one", unit ? unit : "<the kdump service>");
	} else if (!f->f[F_CRASH_KERNEL].known && f->unit_disabled) {
		now->service_stops = true;
		snprintf(now->service_noload, sizeof(now->service_noload), "%.150s",
			 f->unit_why);
	}
}

/* What the next load does: the configuration, and nothing at boot from a disabled unit. */
static void next_facts(const struct facts *f, struct facts *next, const char *unit)
{
	*next = *f;
	if (f->unit_disabled && !f->service_stops) {
		next->service_stops = true;
		snprintf(next->service_noload, sizeof(next->service_noload),
			 "%.100s: nothing loads one at boot (`systemctl enable %s`)", f->unit_why,
			 unit ? unit : "<the kdump service>");
	}
}

static bool same_verdict(const struct sim_result *a, const struct sim_result *b)
{
	return a->saved == b->saved && a->codes == b->codes &&
	       a->handoff.syscall == b->handoff.syscall &&
	       a->handoff.lfb_base == b->handoff.lfb_base &&
	       !strcmp(a->handoff.flag ? a->handoff.flag : "", b->handoff.flag ? b->handoff.flag : "");
}

/* The next load beside now's, when it differs; -1 with @err for facts that make no scenario. */
static int weigh_next(const struct facts *f, const struct facts *next, struct check_result *r,
		      const char *unit, bool trace, struct hv_err *err)
{
	if (facts_to_scenario(next, &r->next_sc, r->next_why, sizeof(r->next_why), err))
		return -1;
	if (simulate(&r->next_sc, &r->next_sim, trace)) {
		sim_result_free(&r->next_sim);
		hv_err_set(err, 0, "out of memory");
		return -1;
	}
	r->stale = f->recorded_args[0] && (f->recorded_stale || !same_verdict(&r->sim, &r->next_sim));
	/* one runs kexec, the other not: they differ even where both fail */
	r->has_next = r->stale || !same_verdict(&r->sim, &r->next_sim) ||
		      r->sc.service_stops != r->next_sc.service_stops;
	if (!r->has_next) {
		sim_result_free(&r->next_sim);
		memset(&r->next_sim, 0, sizeof(r->next_sim));
		return 0;
	}
	if (next->service_stops && f->unit_disabled && !f->service_stops)
		snprintf(r->next_how, sizeof(r->next_how), "after the next boot");
	else
		snprintf(r->next_how, sizeof(r->next_how), "after `systemctl restart %s`",
			 unit ? unit : "<the kdump service>");
	return 0;
}

/* Loading (or reloading) the crash kernel as a remedy: what the next load's verdict proves. */
static void load_remedy(const struct facts *f, struct check_result *r, const char *unit)
{
	struct check_remedy *rm;

	if (!unit || r->nremedies == CHECK_MAX_REMEDIES)
		return;
	if (f->unit_disabled && !f->service_stops) {
		/* what the configuration loads, once the unit starts it */
		if (verdict_of(f) != 1)
			return;
		rm = &r->remedies[r->nremedies++];
		rm->size = 1;
		snprintf(rm->id, sizeof(rm->id), "enable_kdump_service");
		snprintf(rm->kind, sizeof(rm->kind), "service");
		snprintf(rm->change, sizeof(rm->change), "load the crash kernel now and at each "
			 "boot: `%s%s%ssystemctl enable --now %s`; then "
			 "/sys/kernel/kexec_crash_loaded reads 1", strstr(f->unit_why, "masked") ?
			 "systemctl unmask " : "", strstr(f->unit_why, "masked") ? unit : "",
			 strstr(f->unit_why, "masked") ? " && " : "", unit);
		return;
	}
	if (r->sim.saved || !r->has_next || !r->next_sim.saved)
		return;
	rm = &r->remedies[r->nremedies++];
	rm->size = 1;
	snprintf(rm->id, sizeof(rm->id), r->stale ? "reload_crash_kernel" : "load_crash_kernel");
	snprintf(rm->kind, sizeof(rm->kind), "service");
	if (r->stale)
		snprintf(rm->change, sizeof(rm->change), "reload the crash kernel: `systemctl "
			 "restart %s` (%s the load recorded in %.200s)", unit, f->recorded_stale ?
			 "the configuration changed after" : "the configuration differs from",
			 f->recorded_source);
	else
		snprintf(rm->change, sizeof(rm->change), "load the crash kernel: `systemctl "
			 "restart %s`; then /sys/kernel/kexec_crash_loaded reads 1", unit);
}

/* Does the modelled first kernel match what /proc/iomem shows of the real one? */
static int model_agrees(const struct facts *f, const struct check_result *r)
{
	if (!f->f[F_VRAM].known && !f->f[F_CONFIG_WINDOW].known)
		return -1;
	if (f->f[F_VRAM].known && !same_span(&r->sim.first.modelled_vram, &f->vram))
		return 0;
	if (f->f[F_CONFIG_WINDOW].known &&
	    !same_span(&r->sim.first.config_window, &f->config_window))
		return 0;
	return 1;
}

/* The unknown facts the verdict rests on, as it assumes them: each once. */
static void find_assumptions(struct check_result *r)
{
	unsigned int i, j;

	for (i = 0; i < r->nflips; i++) {
		for (j = 0; j < i && strcmp(r->flips[j].assumed, r->flips[i].assumed); j++)
			;
		if (j == i)
			r->assumptions[r->nassumptions++] = i;
	}
}

/*
 * The model's words for kexec's choice, with an assumed kexec-tools version
 * said to be one ("kexec-tools 2.0.22 (assumed: its version is unknown)").
 */
static void load_why(const struct facts *f, const char *why, char *out, size_t len)
{
	static const char tools[] = "kexec-tools ";
	const char *at = strstr(why, tools), *ver;

	if (f->f[F_KEXEC_TOOLS].known || !at) {
		snprintf(out, len, "%s", why);
		return;
	}
	ver = at + sizeof(tools) - 1;
	ver += strcspn(ver, " ;)");
	snprintf(out, len, "%.*s (assumed: its version is unknown)%s", (int)(ver - why), why, ver);
}

/* Where the load a crash meets now is read from (now_facts()'s choice). */
static const char *now_source(const struct facts *f)
{
	if (f->recorded_args[0])
		return f->recorded_source;
	if (f->f[F_CRASH_KERNEL].known && !f->crash_loaded && !f->service_stops)
		return f->f[F_CRASH_KERNEL].source;
	return f->f[F_KDUMP_CONFIG].source;
}

/* What the service's load in @sc does: its arguments, the calls kexec makes. */
static void describe_load(const struct facts *f, struct check_load *l, const struct scenario *sc,
			  const struct sim_result *sim, const char *why, const char *source)
{
	static const char *const any[] = { "any error", NULL };
	const struct sim_handoff *h = &sim->handoff;
	bool auto_ = h->flag && !strcmp(h->flag, "-a");

	l->service = kdump_service_name(f->distro);
	l->loads = h->syscall != SYSCALL_NONE;
	l->runs_kexec = !sc->service_stops;
	/* a recorded command's: as it ran (fact_service_pairs() dropped the program's name) */
	snprintf(l->argv, sizeof(l->argv), "%s", sc->kexec_args);
	l->syscall = sc->service_stops || (h->flag && !strcmp(h->flag, "?")) ? "none" :
		     h->file_rc ? "kexec_file_load" : "kexec_load";
	l->fallback = NULL;
	l->fallback_on = NULL;
	if (sc->kexec_retry && !sc->service_stops) {
		/* the service's own second run (SUSE kdump 0.9.0-1.9.5), on any failure */
		l->fallback = kexec_first_call(sc, sc->kexec_retry_args);
		l->fallback_on = any;
	} else if (auto_ && (l->fallback_on = kexec_auto_fallback_on(sc->kexec_tools))) {
		l->fallback = "kexec_load";
	}
	snprintf(l->why, sizeof(l->why), "%s", sc->service_stops ? sc->service_why : why);
	load_why(f, h->why, l->kexec_why, sizeof(l->kexec_why));
	snprintf(l->source, sizeof(l->source), "%s", source);
}

/* What check prints beside the verdicts: each drawn from the facts and the runs. */
static void describe(const struct facts *f, struct check_result *r)
{
	find_assumptions(r);
	describe_load(f, &r->load, &r->sc, &r->sim, r->kexec_why, now_source(f));
	if (r->has_next)
		describe_load(f, &r->next_load, &r->next_sc, &r->next_sim, r->next_why,
			      f->f[F_KDUMP_CONFIG].source);
	r->model_agrees = model_agrees(f, r);
	r->needs_root = facts_need_root(f);
}

int check_run(struct facts *f, struct check_result *r, bool trace, struct hv_err *err)
{
	const char *unit = kdump_service_unit(f->distro);
	struct facts *now, *next;
	struct flip_base b;
	int rc = -1;

	memset(r, 0, sizeof(*r));
	r->applicable = f->hyperv;
	if (!r->applicable)
		return 0;
	/* the evidence, weighed once: the low MMIO range, the changes each kernel carries */
	facts_weigh(f);
	now = malloc(sizeof(*now));
	next = malloc(sizeof(*next));
	if (!now || !next) {
		hv_err_set(err, 0, "out of memory");
		goto out;
	}
	now_facts(f, now, unit);
	next_facts(f, next, unit);
	if (facts_to_scenario(now, &r->sc, r->kexec_why, sizeof(r->kexec_why), err))
		goto out;
	if (now->service_stops && !f->service_stops)
		snprintf(r->kexec_why, sizeof(r->kexec_why), "what is loaded now decides");
	if (simulate(&r->sc, &r->sim, trace)) {
		hv_err_set(err, 0, "out of memory");
		goto out;
	}
	if (weigh_next(f, next, r, unit, trace, err))
		goto out;
	/* the unknown facts and the remedies: for the load that will stand */
	r->flips_next = r->has_next;
	b.saved = check_final(r)->saved;
	b.sc = r->has_next ? &r->next_sc : &r->sc;
	find_flips(r->has_next ? next : now, r, &b);
	load_remedy(f, r, unit);
	if (!b.saved)
		find_remedies(r->has_next ? next : now, r, b.sc);
	describe(f, r);
	rc = 0;
out:
	free(now);
	free(next);
	return rc;
}

void check_result_free(struct check_result *r)
{
	sim_result_free(&r->sim);
	if (r->has_next)
		sim_result_free(&r->next_sim);
}
