// SPDX-License-Identifier: GPL-2.0-or-later
/* hvkdump check: from facts to a verdict and its uncertainties (the remedies: remedies.c). */
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strcopy.h"
#include "check.h"
#include "fixes.h"
#include "remedies.h"
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
		hv_strcopy(why, wlen, p.why);
	return scenario_build(sc, p.pair, p.n, err);
}

int check_verdict_of(const struct facts *alt)
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

_Static_assert(offsetof(struct facts, findings) + sizeof(((struct facts *)0)->findings) ==
	       sizeof(struct facts), "struct facts ends with its findings");

/*
 * @alt, a copy of @f an alternative has written to, made @f again: the
 * facts' known flags (try_flip() sets one), the fields after them and the
 * findings' outcomes; not the texts, which no alternative writes (the facts'
 * values and sources, the evidence: 27 KiB of 34).
 */
static void flip_reset(struct facts *alt, const struct facts *f)
{
	const size_t tail = offsetof(struct facts, f) + sizeof(f->f);
	unsigned int k, c;

	for (k = 0; k < F_COUNT; k++)
		alt->f[k].known = f->f[k].known;
	memcpy((char *)alt + tail, (const char *)f + tail, offsetof(struct facts, findings) - tail);
	for (k = 0; k < KERNEL_COUNT; k++)
		for (c = 0; c < KC_TRACKED; c++) {
			alt->findings[k][c].present = f->findings[k][c].present;
			alt->findings[k][c].conflict = f->findings[k][c].conflict;
			alt->findings[k][c].n = f->findings[k][c].n;
		}
}

/* Alternative @i of fact @id: a flip where it turns the verdict. @alt holds a copy of @f. */
static void try_flip(const struct facts *f, struct check_result *r, const struct flip_base *b,
		     enum fact_id id, unsigned int i, struct facts *alt)
{
	const struct fact_desc *d = &fact_table[id];
	struct check_flip *fl = &r->flips[r->nflips];
	int v;

	flip_reset(alt, f);
	alt->f[id].known = true;
	if (!d->alt(f, b->sc, i, alt, fl->alternative, sizeof(fl->alternative)))
		return;
	v = check_verdict_of(alt);
	if (v < 0 || (bool)v == b->saved)
		return;
	fl->fact = id;
	fl->saved = v;
	if (d->said)
		hv_strcopy(fl->alternative, sizeof(fl->alternative), d->said[i]);
	if (d->assumed_is)
		hv_strcopy(fl->assumed, sizeof(fl->assumed), d->assumed_is);
	else
		d->assumed(f, b->sc, i, fl->assumed, sizeof(fl->assumed));
	r->nflips++;
}

/*
 * For each unknown fact, the values that would turn the verdict; @alt is
 * room for the altered copies (check_run()'s other load's, done with).
 */
static void find_flips(const struct facts *f, struct check_result *r, const struct flip_base *b,
		       struct facts *alt)
{
	unsigned int k, i;

	*alt = *f;
	for (k = 0; k < sizeof(flip_order) / sizeof(flip_order[0]); k++) {
		const struct fact_desc *d = &fact_table[flip_order[k]];

		if (f->f[flip_order[k]].known && !d->flips_when_known)
			continue;
		for (i = 0; i < d->nalts && r->nflips < CHECK_MAX_FLIPS; i++)
			try_flip(f, r, b, flip_order[k], i, alt);
	}
}

bool same_span(const struct mmio_span *a, const struct mmio_span *b)
{
	return a->set == b->set && (!a->set || (a->start == b->start && a->end == b->end));
}

/*
 * What a crash meets now: the command recorded at the last load, while one
 * is loaded; none when none is loaded (or nothing loads it at boot and
 * whether one is loaded is unknown). @f itself where that is what the facts
 * say, else @now, a copy changed (each copy's 8 pages cost a fault each).
 */
static const struct facts *now_facts(const struct facts *f, struct facts *now,
				     const char *unit)
{
	bool unloaded = f->f[F_CRASH_KERNEL].known && !f->crash_loaded;
	bool unknown_off = !f->f[F_CRASH_KERNEL].known && f->unit_disabled;
	bool stops = (!f->service_stops || f->recorded_args[0]) && (unloaded || unknown_off);

	if (!f->recorded_args[0] && !stops)
		return f;
	*now = *f;
	if (f->recorded_args[0]) {
		hv_strcopy(now->kexec_args, sizeof(now->kexec_args), f->recorded_args);
		now->kexec_args_set = true;
		now->kexec_args_recorded = true;
		/* it did load: whatever the configuration says now */
		now->service_stops = false;
	}
	if (!stops)
		return now;
	now->service_stops = true;
	if (unloaded)
		snprintf(now->service_noload, sizeof(now->service_noload),
			 "none is loaded now (/sys/kernel/kexec_crash_loaded is 0): "
			 "`systemctl restart %s` loads one", unit ? unit : "<the kdump service>");
	else
		snprintf(now->service_noload, sizeof(now->service_noload), "%.150s",
			 f->unit_why);
	return now;
}

/*
 * What the next load does: the configuration, and nothing at boot from a
 * disabled unit. @f itself, or @next changed.
 */
static const struct facts *next_facts(const struct facts *f, struct facts *next,
				      const char *unit)
{
	if (!f->unit_disabled || f->service_stops)
		return f;
	*next = *f;
	next->service_stops = true;
	snprintf(next->service_noload, sizeof(next->service_noload),
		 "%.100s: nothing loads one at boot (`systemctl enable %s`)", f->unit_why,
		 unit ? unit : "<the kdump service>");
	return next;
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
		hv_strcopy(out, len, why);
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
	hv_strcopy(l->argv, sizeof(l->argv), sc->kexec_args);
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
	hv_strcopy(l->why, sizeof(l->why), sc->service_stops ? sc->service_why : why);
	load_why(f, h->why, l->kexec_why, sizeof(l->kexec_why));
	hv_strcopy(l->source, sizeof(l->source), source);
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
	const struct facts *now, *next, *final;
	struct facts *copies;
	struct flip_base b;
	int rc = -1;

	memset(r, 0, sizeof(*r));
	r->applicable = f->hyperv;
	if (!r->applicable)
		return 0;
	/* the evidence, weighed once: the low MMIO range, the changes each kernel carries */
	facts_weigh(f);
	/*
	 * room for now's and next's copies, where they differ from @f, and for
	 * the flips' altered copy: a page of it costs a fault only once written
	 */
	copies = malloc(2 * sizeof(*copies));
	if (!copies) {
		hv_err_set(err, 0, "out of memory");
		return -1;
	}
	now = now_facts(f, &copies[0], unit);
	next = next_facts(f, &copies[1], unit);
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
	final = r->has_next ? next : now;
	/* the other load's copy is done with: the flips write theirs over it */
	find_flips(final, r, &b, final == &copies[0] ? &copies[1] : &copies[0]);
	remedy_load(f, r, unit);
	if (!b.saved)
		remedies_find(final, r, b.sc);
	describe(f, r);
	rc = 0;
out:
	free(copies);
	return rc;
}

void check_result_free(struct check_result *r)
{
	sim_result_free(&r->sim);
	if (r->has_next)
		sim_result_free(&r->next_sim);
}
