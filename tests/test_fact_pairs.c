// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * facts -> pairs -> scenario_build() gives the scenario check built before
 * it had one path: a preset built from the user keys' pairs, then the
 * observed fields set by hand. That older path is kept here as the
 * reference, and both run on every fixture sysroot's facts, each fact made
 * unknown in turn, and each of the flips' alternatives.
 */
#include <dirent.h>
#include <stdio.h>

#include "testutil.h"
#include "lib/verdict/check.h"
#include "lib/verdict/fixes.h"
#include "probe/probe.h"

/* --- the reference: lib/verdict/check.c before fact_pairs() said it all --- */

static void ref_release_build(const char *release, bool *sysfb_gate, bool *gen1_pci_bar,
			      bool *hvfb_clear_si, bool *assumed)
{
	struct kernel_release kr;
	enum change_state st;

	if (!release[0] || kernel_release_parse(release, &kr))
		return;
	if ((st = kernel_release_has(&kr, KC_A07B50D80AB6, NULL, 0)) != CHANGE_UNKNOWN)
		*sysfb_gate = st == CHANGE_PRESENT;
	if ((st = kernel_release_has(&kr, KC_2A8A8AFBA0C3, NULL, 0)) != CHANGE_UNKNOWN)
		*gen1_pci_bar = st == CHANGE_PRESENT;
	*hvfb_clear_si = hvfb_clears_screen_info(&kr, assumed, NULL, 0);
}

/* kdump-config's words for -s, said of securelevel 1: each phrase replaced in place */
static void ref_securelevel_why(char *why, size_t wlen)
{
	static const char *const words[][2] = {
		{ "Secure Boot is on", "/sys/kernel/security/securelevel is 1" },
		{ "for Secure Boot", "for securelevel 1" },
	};
	unsigned int i;

	for (i = 0; i < 2; i++) {
		char *at = strstr(why, words[i][0]);
		size_t from = strlen(words[i][0]), to = strlen(words[i][1]);

		if (!at || strlen(why) - from + to >= wlen)
			continue;
		memmove(at + to, at + from, strlen(at + from) + 1);
		memcpy(at, words[i][1], to);
	}
}

static void ref_observed_layout(const struct facts *f, struct scenario *sc)
{
	if (f->f[F_LOW_MMIO].known && f->low_mmio.set)
		sc->low = f->low_mmio;
	if (sc->gen == 2 && f->f[F_BOOT_FB].known && f->boot_si.lfb_base)
		sc->fb_base = f->boot_si.lfb_base;
	else if (sc->gen == 2 && sc->video && f->f[F_LOW_MMIO].known && f->low_mmio.set)
		sc->fb_base = sc->low.start;
	if (f->f[F_VRAM].known && f->vram.end - f->vram.start + 1 >= 0x100000)
		sc->vram_mb = (f->vram.end - f->vram.start + 1) >> 20;
	if (f->f[F_BLACKLIST].known)
		sc->kdump_modules &= ~f->blacklist;
}

static void ref_service_load(const struct facts *f, struct scenario *sc, char *why, size_t wlen)
{
	bool adds_s = (f->f[F_SECURE_BOOT].known && f->secure_boot) ||
		      (f->distro == DISTRO_DEBIAN && f->securelevel);
	const char *args = f->kexec_args_set ? f->kexec_args : NULL;

	sc->kexec = kdump_service_syscall(f->distro, args, adds_s, sc->arch, f->service_version,
					  why, wlen);
	if (adds_s && !(f->f[F_SECURE_BOOT].known && f->secure_boot) && wlen)
		ref_securelevel_why(why, wlen);
	if (f->kexec_args_recorded && wlen)
		snprintf(why, wlen, "the recorded command, loaded now, decides");
	if (f->kexec_args_recorded) {
		const char *a = f->kexec_args + strspn(f->kexec_args, " \t");

		if (*a != '-')
			a += strcspn(a, " \t");
		snprintf(sc->kexec_args, sizeof(sc->kexec_args), "%s", a + strspn(a, " \t"));
		sc->kexec_retry_args[0] = '\0';
	} else {
		kdump_service_args(f->distro, args, adds_s, f->service_version, sc->kexec_args,
				   sizeof(sc->kexec_args), sc->kexec_retry_args,
				   sizeof(sc->kexec_retry_args));
	}
	sc->kexec_retry = sc->kexec_retry_args[0] != '\0';
	if (f->service_stops) {
		sc->service_stops = true;
		snprintf(sc->service_why, sizeof(sc->service_why), "%.159s", f->service_noload);
	}
}

static void ref_kernel_builds(const struct facts *f, struct scenario *sc)
{
	ref_release_build(f->upstream[0] ? f->upstream : f->release, &sc->sysfb_gate,
			  &sc->gen1_pci_bar, &sc->hvfb_clear_si, &sc->hvfb_clear_si_assumed);
	scenario_same_kdump_kernel(sc);
	sc->manual |= SC_SET_KDUMP_BUILD;
	sc->kdump.fixes = fixes_of(f, KERNEL_KDUMP);
	if (f->kdump_same)
		return;
	ref_release_build(f->kdump_release, &sc->kdump.sysfb_gate, &sc->kdump.gen1_pci_bar,
			  &sc->kdump.hvfb_clear_si, NULL);
	if (f->kdump_builtin_known)
		sc->kdump.builtin = f->kdump_builtin;
	if (f->kdump_sysfb_known)
		sc->kdump.sysfb = f->kdump_sysfb;
}

/*
 * The pairs the fact table gave then: today's without the observed ones,
 * and kdump-modules from the initramfs alone (the blacklist was set by hand).
 */
static void ref_pairs(const struct facts *f, struct fact_pairs *p)
{
	unsigned int i, n = 0;
	char set[64];

	fact_pairs(f, p);
	for (i = 0; i < p->n; i++)
		if (!p->pair[i].observed && strcmp(p->pair[i].key, "kdump-modules"))
			p->pair[n++] = p->pair[i];
	p->n = n;
	if (f->f[F_KDUMP_MODULES].known) {
		module_set_str(f->kdump_modules & ~f->initramfs_blacklist, set, sizeof(set));
		fact_pair_add(p, false, "kdump-modules", "%s", set);
	}
}

static int ref_facts_to_scenario(const struct facts *f, struct scenario *sc, char *why,
				 size_t wlen, struct hv_err *err)
{
	struct fact_pairs p;

	ref_pairs(f, &p);
	if (scenario_build(sc, p.pair, p.n, err))
		return -1;
	ref_observed_layout(f, sc);
	ref_service_load(f, sc, why, wlen);
	ref_kernel_builds(f, sc);
	return scenario_check(sc, err);
}

/* --- the comparison --- */

/* Every key's value, internal ones too, and the fields no key prints. */
static void describe(const struct scenario *sc, const char *why, struct strbuf *out)
{
	char buf[1100];
	unsigned int i;

	for (i = 0; i < scenario_nkeys_all; i++) {
		scenario_key_print(sc, &scenario_keys[i], buf, sizeof(buf));
		sb_addf(out, "%s = %s\n", scenario_keys[i].name, buf);
	}
	sb_addf(out, "manual = 0x%x\nkexec_file_debug = %d\nkexec_retry = %d\n"
		"kdump = %u %u %d %d %d %d\nwhy = %s\n", sc->manual, sc->kexec_file_debug,
		sc->kexec_retry, sc->kdump.fixes, sc->kdump.builtin, sc->kdump.sysfb,
		sc->kdump.sysfb_gate, sc->kdump.gen1_pci_bar, sc->kdump.hvfb_clear_si, why);
}

/* Both paths on @f: the same scenario, the same reason, or the same error. */
static void same_both_ways(const struct facts *f, const char *what)
{
	struct scenario *a = malloc(sizeof(*a)), *b = malloc(sizeof(*b));
	struct hv_err ea = { 0, "" }, eb = { 0, "" };
	struct strbuf da = STRBUF_INIT, db = STRBUF_INIT;
	char wa[256] = "", wb[256] = "";
	int ra, rb;

	assert_non_null(a);
	assert_non_null(b);
	ra = ref_facts_to_scenario(f, a, wa, sizeof(wa), &ea);
	rb = facts_to_scenario(f, b, wb, sizeof(wb), &eb);
	if (ra != rb)
		fail_msg("%s: %d (%s) then, %d (%s) now", what, ra, ea.msg, rb, eb.msg);
	if (ra) {
		assert_string_equal(ea.msg, eb.msg);
	} else {
		describe(a, wa, &da);
		describe(b, wb, &db);
		if (strcmp(sb_str(&da), sb_str(&db)))
			fail_msg("%s:\n--- then\n%s--- now\n%s", what, sb_str(&da), sb_str(&db));
		/* scenario_dump(): what simulate --dump-scenario would print of it */
		sb_release(&da);
		sb_release(&db);
		scenario_dump(a, &da);
		scenario_dump(b, &db);
		assert_string_equal(sb_str(&da), sb_str(&db));
	}
	sb_release(&da);
	sb_release(&db);
	free(a);
	free(b);
}

/* @f, each fact unknown in turn, each flip's alternative, a stopping and a recorded load. */
static void same_on_variants(const struct facts *f, const char *name)
{
	struct facts *alt = malloc(sizeof(*alt));
	struct scenario *sc = malloc(sizeof(*sc));
	struct hv_err err;
	char what[400], said[200], why[256];
	unsigned int id, i;

	assert_non_null(alt);
	assert_non_null(sc);
	same_both_ways(f, name);
	for (id = 0; id < F_COUNT; id++) {
		*alt = *f;
		alt->f[id].known = !alt->f[id].known;
		snprintf(what, sizeof(what), "%s, %s %s", name, fact_name(id),
			 alt->f[id].known ? "known" : "unknown");
		same_both_ways(alt, what);
	}
	if (!ref_facts_to_scenario(f, sc, why, sizeof(why), &err)) {
		for (id = 0; id < F_COUNT; id++) {
			for (i = 0; i < fact_table[id].nalts; i++) {
				*alt = *f;
				alt->f[id].known = true;
				if (!fact_table[id].alt(f, sc, i, alt, said, sizeof(said)))
					continue;
				snprintf(what, sizeof(what), "%s, %s alternative %u", name,
					 fact_name(id), i);
				same_both_ways(alt, what);
			}
		}
	}
	*alt = *f;
	alt->service_stops = true;
	snprintf(alt->service_noload, sizeof(alt->service_noload), "USE_KDUMP is 0 in a file "
		 "whose name is long enough to be cut at the field's one hundred and fifty-nine "
		 "bytes, as the scenario's service_why keeps them, and then some more words");
	snprintf(what, sizeof(what), "%s, the service stops", name);
	same_both_ways(alt, what);
	*alt = *f;
	alt->securelevel = true;
	snprintf(what, sizeof(what), "%s, securelevel 1", name);
	same_both_ways(alt, what);
	snprintf(alt->kexec_args, sizeof(alt->kexec_args), "-c -d");
	alt->kexec_args_set = true;
	snprintf(what, sizeof(what), "%s, securelevel 1 and -c configured", name);
	same_both_ways(alt, what);
	*alt = *f;
	snprintf(alt->kexec_args, sizeof(alt->kexec_args), "  /sbin/kexec -p --command-line=x -s");
	alt->kexec_args_set = alt->kexec_args_recorded = true;
	alt->securelevel = true;
	snprintf(what, sizeof(what), "%s, a recorded load", name);
	same_both_ways(alt, what);
	free(alt);
	free(sc);
}

/* The facts the probe reads of @root, weighed as check_run() weighs them. */
static bool probed(const char *root, struct facts *f)
{
	struct probe *p = calloc(1, sizeof(*p));
	struct hv_path pc;

	assert_non_null(p);
	memset(f, 0, sizeof(*f));
	p->f = f;
	assert_int_equal(hv_path_init(&pc, root), 0);
	p->pc = &pc;
	probe_system(p);
	hv_path_deinit(&pc);
	free(p);
	if (!f->hyperv)
		return false;
	facts_weigh(f);
	return true;
}

static void every_fixture(void **state)
{
	const char *fixtures = getenv("HV_FIXTURES");
	struct facts *f = malloc(sizeof(*f));
	struct dirent *e;
	char root[1024];
	unsigned int n = 0;
	DIR *d;

	(void)state;
	assert_non_null(f);
	if (!fixtures)
		fail_msg("HV_FIXTURES is not set");
	snprintf(root, sizeof(root), "%s/sysroot", fixtures);
	d = opendir(root);
	assert_non_null(d);
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' || e->d_type != DT_DIR)
			continue;
		snprintf(root, sizeof(root), "%s/sysroot/%s", fixtures, e->d_name);
		if (!probed(root, f))
			continue;
		same_on_variants(f, e->d_name);
		n++;
	}
	closedir(d);
	free(f);
	/* the Hyper-V fixtures were all read */
	assert_true(n >= 20);
}

/* Observed pairs: the preset's name stays, no layout field is given by hand. */
static void observed_pairs_are_not_by_hand(void **state)
{
	struct scenario_pair pairs[] = {
		{ .key = "layout", .value = "azure-arm64" },
		{ .key = "low-mmio", .value = "0xe0000000-0xffffffff", .observed = true },
		{ .key = "fb-base", .value = "0xe0000000", .observed = true },
		{ .key = "sysfb-gate", .value = "no", .observed = true },
	};
	struct scenario sc;
	struct hv_err err = { 0, "" };

	(void)state;
	assert_int_equal(scenario_build(&sc, pairs, 4, &err), 0);
	assert_string_equal(sc.layout, "azure-arm64");
	assert_int_equal(sc.low.start, 0xe0000000);
	assert_int_equal(sc.fb_base, 0xe0000000);
	assert_false(sc.sysfb_gate);
	assert_int_equal(sc.manual & (SC_SET_LOW | SC_SET_FB_BASE), 0);
	/* a user's pair is given by hand, and may not name an internal key */
	pairs[1].observed = false;
	pairs[1].value = "0x40000000-0xefffffff";
	assert_int_equal(scenario_build(&sc, pairs, 2, &err), 0);
	assert_string_equal(sc.layout, "custom");
	assert_true(sc.manual & SC_SET_LOW);
	pairs[3].observed = false;
	assert_int_equal(scenario_build(&sc, &pairs[3], 1, &err), -1);
	assert_string_equal(err.msg, "unknown key \"sysfb-gate\"");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_fixture),
		cmocka_unit_test(observed_pairs_are_not_by_hand),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
