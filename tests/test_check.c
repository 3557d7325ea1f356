// SPDX-License-Identifier: GPL-2.0-or-later
/* check's logic: facts to a scenario, unknowns that flip it, proven remedies. */
#include "testutil.h"
#include "lib/verdict/check.h"
#include "lib/verdict/kdump_self.h"

/* The facts of Ubuntu 22.04 on Azure Gen2, all known but the fixes. */
static void field_facts(struct facts *f)
{
	unsigned int i;

	memset(f, 0, sizeof(*f));
	for (i = 0; i < F_COUNT; i++)
		fact_set(f, (enum fact_id)i, "test", "known");
	fact_unknown(f, F_FIXES, "test", "unknown");
	fact_unknown(f, F_KDUMP_MODULES, "test", "unknown");
	f->hyperv = true;
	f->gen = 2;
	f->arch = ARCH_X86_64;
	f->distro = DISTRO_DEBIAN;
	f->video_dev = true;
	f->vram = (struct mmio_span){ true, 0x40000000, 0x407fffff };
	f->low_mmio = (struct mmio_span){ true, 0x40000000, 0xffffffff };
	f->bars64 = 0x100000;
	f->fb_driver = FB_HYPERV_DRM;
	f->builtin = MOD_BIT(MOD_PCI_HYPERV);
	f->sysfb = f->kexec_file = f->hide_smem = true;
	f->boot_si.lfb_base = 0x40000000;
	f->boot_si.lfb_size = 0x300000;
	f->kexec_tools = 20022;
	f->dump_target = DUMP_NVME;
	f->crash_loaded = true;
}

static void field_case_is_lost_with_proven_remedies(void **state)
{
	struct check_result r;
	struct facts f;
	struct hv_err err;
	unsigned int i;

	(void)state;
	field_facts(&f);
	assert_int_equal(check_run(&f, &r, false, &err), 0);
	assert_true(r.applicable);
	assert_false(r.sim.saved);
	assert_int_equal(r.sc.kexec, KEXEC_REQ_DEFAULT);
	assert_true(r.nremedies >= 2);
	assert_string_equal(r.remedies[0].kind, "config");
	assert_non_null(strstr(r.remedies[0].change, "add -s to KDUMP_KEXEC_ARGS"));
	for (i = 1; i < r.nremedies; i++)
		assert_true(r.remedies[i].size >= r.remedies[i - 1].size);
	/* hyperv_drm in the initramfs cannot help: pci_hyperv is built in */
	for (i = 0; i < r.nremedies; i++)
		assert_string_not_equal(r.remedies[i].kind, "initramfs");
	/* the fixes are unknown, and the merged one would save it */
	assert_int_equal(r.nflips, 1);
	assert_int_equal(r.flips[0].fact, F_FIXES);
	assert_true(r.flips[0].saved);
	assert_string_equal(r.flips[0].alternative,
			    "a kernel with 016a25e4b0df (vmbus-reserve-fb-low-base)");
	/* no remedy names a patch that was not merged */
	for (i = 0; i < r.nremedies; i++) {
		assert_null(strstr(r.remedies[i].change, "above 4"));
		if (!strcmp(r.remedies[i].kind, "kernel"))
			assert_non_null(strstr(r.remedies[i].change, "016a25e4b0df"));
	}
	check_result_free(&r);
}

/* The text of the remedy of @kind that check offers for @f; NULL: none offered. */
static const char *remedy_text(struct facts *f, const char *kind)
{
	static char text[sizeof(((struct check_remedy *)0)->change)];
	struct check_result r;
	struct hv_err err;
	bool found = false;
	unsigned int i;

	assert_int_equal(check_run(f, &r, false, &err), 0);
	for (i = 0; i < r.nremedies && !found; i++) {
		found = !strcmp(r.remedies[i].kind, kind);
		if (found)
			snprintf(text, sizeof(text), "%s", r.remedies[i].change);
	}
	check_result_free(&r);
	return found ? text : NULL;
}

/* check offers a remedy of @kind for @f, and its text holds @needle. */
static void remedy_says(struct facts *f, const char *kind, const char *needle)
{
	const char *text = remedy_text(f, kind);

	assert_non_null(text);
	assert_non_null(strstr(text, needle));
}

static void initramfs_remedy_when_pci_is_a_module(void **state)
{
	struct facts f;

	(void)state;
	field_facts(&f);
	f.builtin = 0;
	/* another kdump kernel whose config was not read: not offered */
	assert_null(remedy_text(&f, "initramfs"));
	/* its config has CONFIG_DRM_HYPERV: offered, the way Debian adds a driver said */
	snprintf(f.kdump_release, sizeof(f.kdump_release), "6.1.0-50-cloud-amd64");
	f.kdump_drivers_known = true;
	remedy_says(&f, "initramfs", "/etc/initramfs-tools/modules, then rebuild the kdump "
		    "initramfs: `/etc/kernel/postinst.d/kdump-tools 6.1.0-50-cloud-amd64`");
	/* RHEL: extra_modules in /etc/kdump.conf; SUSE: dracut's add_drivers */
	f.distro = DISTRO_RHEL;
	remedy_says(&f, "initramfs", "`extra_modules hyperv_drm` to /etc/kdump.conf");
	/* SUSE's kdump loads with -s: lost where the kernel has no kexec_file_load */
	f.distro = DISTRO_SUSE;
	f.kexec_file = false;
	remedy_says(&f, "initramfs", "add add_drivers+=\" hyperv_drm \" to a file in "
		    "/etc/dracut.conf.d/, then `mkdumprd -f` rebuilds it");
	f.kexec_file = true;
	f.distro = DISTRO_DEBIAN;
	/* the same kernel for kdump: offered while its config has hyperv_drm */
	f.kdump_same = true;
	f.drivers_known = true;
	assert_non_null(remedy_text(&f, "initramfs"));
	/* a kdump kernel built without hyperv_drm: no initramfs can load it */
	f.drivers_absent = MOD_BIT(MOD_HYPERV_DRM);
	assert_null(remedy_text(&f, "initramfs"));
}

/* -s: not where kexec or the kernel refuses it; Secure Boot's caveat where it is not known off. */
static void kexec_file_remedy_checked(void **state)
{
	struct facts f;

	(void)state;
	field_facts(&f);
	assert_null(strstr(remedy_text(&f, "config"), "Secure Boot"));
	fact_unknown(&f, F_SECURE_BOOT, "test", "unknown");
	remedy_says(&f, "config", "signed with a key the running kernel trusts");
	/* kexec-tools 2.0.22 has no --hotplug (2.0.28): it would refuse the command with -s */
	fact_set(&f, F_SECURE_BOOT, "test", "off");
	snprintf(f.kexec_args, sizeof(f.kexec_args), "--hotplug");
	f.kexec_args_set = true;
	assert_null(remedy_text(&f, "config"));
	/* a running kernel without CONFIG_KEXEC_FILE has no kexec_file_load */
	f.kexec_args_set = false;
	f.kexec_args[0] = '\0';
	f.kexec_file = false;
	assert_null(remedy_text(&f, "config"));
}

/* The kernel remedy names the package that carries the fix here, or says none is known. */
static void kernel_remedy_names_the_package(void **state)
{
	const char *text;
	struct facts f;

	(void)state;
	field_facts(&f);
	snprintf(f.release, sizeof(f.release), "6.1.0-50-cloud-amd64");
	fact_set(&f, F_DISTRO, "/etc/os-release", "debian 12 (Debian GNU/Linux 12 (bookworm))");
	remedy_says(&f, "kernel", "Debian 12 carries it from linux 6.1.177-1: `apt-get update "
		    "&& apt-get install linux-image-cloud-amd64`");
	/* a flavour not confirmed: no package name guessed */
	snprintf(f.release, sizeof(f.release), "6.1.0-50-rt-amd64");
	text = remedy_text(&f, "kernel");
	assert_non_null(text);
	assert_null(strstr(text, "apt-get"));
	assert_non_null(strstr(text, "linux 6.1.177-1"));
	/* Debian 13's release names its flavour after +deb13 */
	snprintf(f.release, sizeof(f.release), "6.12.9+deb13-cloud-amd64");
	fact_set(&f, F_DISTRO, "/etc/os-release", "debian 13 (Debian GNU/Linux 13 (trixie))");
	remedy_says(&f, "kernel", "Debian 13 carries it from linux 6.12.95-1: `apt-get update && "
		    "apt-get install linux-image-cloud-amd64`");
	fact_set(&f, F_DISTRO, "/etc/os-release", "ubuntu 22.04 (Ubuntu 22.04.4 LTS)");
	remedy_says(&f, "kernel", "No Ubuntu 22.04.4 LTS kernel package is known to carry it");
}

static void saved_has_no_remedies(void **state)
{
	struct check_result r;
	struct facts f;
	struct hv_err err;

	(void)state;
	field_facts(&f);
	f.secure_boot = true;	/* kdump-config adds -s */
	assert_int_equal(check_run(&f, &r, false, &err), 0);
	assert_true(r.sim.saved);
	assert_int_equal(r.sc.kexec, KEXEC_REQ_FILE);
	assert_int_equal(r.nremedies, 0);
	check_result_free(&r);
}

static void unknowns_that_flip(void **state)
{
	struct check_result r;
	struct facts f;
	struct hv_err err;
	unsigned int i;
	bool sb = false, tools = false;

	(void)state;
	field_facts(&f);
	fact_unknown(&f, F_SECURE_BOOT, "test", "unknown");
	fact_unknown(&f, F_KEXEC_TOOLS, "test", "unknown");
	assert_int_equal(check_run(&f, &r, false, &err), 0);
	assert_false(r.sim.saved);	/* assumed: Secure Boot off, kexec-tools 2.0.22 */
	for (i = 0; i < r.nflips; i++) {
		sb |= r.flips[i].fact == F_SECURE_BOOT;
		tools |= r.flips[i].fact == F_KEXEC_TOOLS &&
			 !strcmp(r.flips[i].alternative, "kexec-tools 2.0.28");
	}
	assert_true(sb);
	assert_true(tools);
	check_result_free(&r);
}

static void observed_vram_is_the_hosts(void **state)
{
	struct check_result r;
	struct facts f;
	struct hv_err err;

	(void)state;
	field_facts(&f);
	/* iomem shows VRAM where the model would not put it */
	f.vram = (struct mmio_span){ true, 0x40900000, 0x410fffff };
	f.secure_boot = true;
	assert_int_equal(check_run(&f, &r, false, &err), 0);
	assert_int_equal(r.sim.first.vram.start, 0x40900000);
	/* the kdump kernel's efifb draws at the stale base: a hang */
	assert_true(r.sim.hang);
	check_result_free(&r);
}

static void blacklisted_pci_hyperv_stays_out(void **state)
{
	struct check_result r;
	struct facts f;
	struct hv_err err;

	(void)state;
	field_facts(&f);
	f.builtin = 0;
	f.blacklist = MOD_BIT(MOD_PCI_HYPERV);
	f.secure_boot = true;
	assert_int_equal(check_run(&f, &r, false, &err), 0);
	assert_false(r.sim.kdump.pci_probed);
	assert_false(r.sim.saved);
	check_result_free(&r);
}

/* The VM's own layout wins over the preset's: a local arm64 host at 0xe0000000. */
static void layout_from_the_vm(void **state)
{
	struct check_result r;
	struct facts f;
	struct hv_err err;

	(void)state;
	field_facts(&f);
	f.arch = ARCH_ARM64;
	fact_unknown(&f, F_BOOT_FB, "test", "unknown");
	f.vram = (struct mmio_span){ true, 0xe0000000, 0xe07fffff };
	/* check_run() weighs the low range from the evidence: here VRAM, at the base */
	assert_int_equal(check_run(&f, &r, false, &err), 0);
	assert_true(f.f[F_LOW_MMIO].known);
	assert_int_equal(f.low_mmio.start, 0xe0000000);
	assert_int_equal(r.sc.low.start, 0xe0000000);
	assert_int_equal(r.sc.fb_base, 0xe0000000);
	assert_int_equal(r.sim.kdump.config_window.start, 0xe0000000);
	assert_false(r.sim.saved);
	check_result_free(&r);
	/* without evidence, the preset (Azure arm64, 0x40000000) would miss the VRAM */
	fact_unknown(&f, F_VRAM, "test", "unknown");
	assert_int_equal(check_run(&f, &r, false, &err), 0);
	assert_false(f.f[F_LOW_MMIO].known);
	assert_int_equal(r.sc.low.start, 0x40000000);
	check_result_free(&r);
}

/* None loaded now: LOST now, whatever the next load would do; that load beside it. */
static void not_loaded_is_lost_now(void **state)
{
	struct check_result r;
	struct facts f;
	struct hv_err err;

	(void)state;
	field_facts(&f);
	f.secure_boot = true;	/* the next load saves it */
	f.crash_loaded = false;
	assert_int_equal(check_run(&f, &r, false, &err), 0);
	assert_false(r.sim.saved);
	assert_true(r.sim.codes & (1u << REASON_NOT_LOADED));
	assert_int_equal(r.sim.handoff.syscall, SYSCALL_NONE);
	assert_true(r.has_next);
	assert_false(r.stale);
	assert_true(r.next_sim.saved);
	assert_int_equal(r.nremedies, 1);
	assert_string_equal(r.remedies[0].kind, "service");
	assert_non_null(strstr(r.remedies[0].change, "systemctl restart kdump-tools"));
	check_result_free(&r);
	/* loaded: one verdict */
	f.crash_loaded = true;
	assert_int_equal(check_run(&f, &r, false, &err), 0);
	assert_true(r.sim.saved);
	assert_false(r.has_next);
	check_result_free(&r);
}

/* The recorded load is what a crash meets; the configuration, the next load. */
static void stale_load_gives_both(void **state)
{
	struct check_result r;
	struct facts f;
	struct hv_err err;

	(void)state;
	field_facts(&f);
	f.kexec_args_set = true;
	snprintf(f.kexec_args, sizeof(f.kexec_args), "-s");
	snprintf(f.recorded_args, sizeof(f.recorded_args), "/sbin/kexec -p -c /vmlinuz");
	snprintf(f.recorded_source, sizeof(f.recorded_source), "/var/crash/kexec_cmd");
	assert_int_equal(check_run(&f, &r, false, &err), 0);
	assert_false(r.sim.saved);
	assert_int_equal(r.sim.handoff.syscall, SYSCALL_KEXEC_LOAD);
	assert_true(r.has_next);
	assert_true(r.stale);
	assert_true(r.next_sim.saved);
	assert_int_equal(r.next_sim.handoff.syscall, SYSCALL_KEXEC_FILE_LOAD);
	assert_string_equal(r.remedies[0].kind, "service");
	check_result_free(&r);
	/* the same load, recorded before the configuration changed: stale, the same verdicts */
	snprintf(f.recorded_args, sizeof(f.recorded_args), "/sbin/kexec -p -s /vmlinuz");
	f.recorded_stale = true;
	assert_int_equal(check_run(&f, &r, false, &err), 0);
	assert_true(r.sim.saved);
	assert_true(r.has_next && r.stale && r.next_sim.saved);
	check_result_free(&r);
	/* recorded after it and the same: one verdict */
	f.recorded_stale = false;
	assert_int_equal(check_run(&f, &r, false, &err), 0);
	assert_false(r.has_next || r.stale);
	check_result_free(&r);
}

/* A unit that does not start at boot: saved now, lost after the next boot. */
static void disabled_unit_loses_the_next(void **state)
{
	struct check_result r;
	struct facts f;
	struct hv_err err;

	(void)state;
	field_facts(&f);
	f.secure_boot = true;
	f.unit_disabled = true;
	snprintf(f.unit_why, sizeof(f.unit_why), "kdump-tools.service is not enabled");
	assert_int_equal(check_run(&f, &r, false, &err), 0);
	assert_true(r.sim.saved);
	assert_true(r.has_next);
	assert_false(r.next_sim.saved);
	assert_true(r.next_sim.codes & (1u << REASON_NOT_LOADED));
	assert_int_equal(r.nremedies, 1);
	assert_non_null(strstr(r.remedies[0].change, "systemctl enable --now kdump-tools"));
	check_result_free(&r);
}

/* What the verdict assumes of the facts that would turn it. */
static void assumptions_name_the_assumed_value(void **state)
{
	struct check_result r;
	struct facts f;
	struct hv_err err;
	unsigned int i;
	bool sb = false;

	(void)state;
	field_facts(&f);
	fact_unknown(&f, F_SECURE_BOOT, "test", "unknown");
	assert_int_equal(check_run(&f, &r, false, &err), 0);
	for (i = 0; i < r.nflips; i++)
		sb |= r.flips[i].fact == F_SECURE_BOOT &&
		      !strcmp(r.flips[i].assumed, "Secure Boot off");
	assert_true(sb);
	assert_false(r.flips_next);
	check_result_free(&r);
}

/*
 * /proc/iomem is evidence of a fix only where the model, run without and
 * with it, puts the config window in different places: 016a25e4b0df moves
 * it, 304386373007 (hyperv_fb's base; hyperv_drm owns fb0 here) does not,
 * so /proc/iomem says nothing of it.
 */
static void iomem_evidence_discriminates(void **state)
{
	const struct fix_finding *fd;
	struct check_result r;
	struct facts f;
	struct hv_err err;

	(void)state;
	field_facts(&f);
	f.config_window = (struct mmio_span){ true, 0x40800000, 0x40801fff };
	assert_int_equal(check_run(&f, &r, false, &err), 0);
	fd = &f.findings[KERNEL_RUNNING][KC_016A25E4B0DF];
	assert_int_equal(fd->n, 1);
	assert_string_equal(fd->ev[0].kind, "iomem");
	assert_false(fd->ev[0].present);
	assert_int_equal(f.findings[KERNEL_RUNNING][KC_304386373007].n, 0);
	assert_int_equal(f.findings[KERNEL_RUNNING][KC_304386373007].present, -1);
	check_result_free(&r);
}

/* Root is needed where a fact was denied, not where a text says the words. */
static void needs_root_is_recorded(void **state)
{
	struct check_result r;
	struct facts f;
	struct hv_err err;

	(void)state;
	field_facts(&f);
	fact_unknown(&f, F_SECURE_BOOT, "test", "unknown: permission denied, CAP_SYS_ADMIN");
	assert_int_equal(check_run(&f, &r, false, &err), 0);
	assert_false(r.needs_root);
	check_result_free(&r);
	fact_denied(&f, F_LOCKDOWN, "/sys/kernel/security/lockdown", "unknown: denied");
	assert_int_equal(check_run(&f, &r, false, &err), 0);
	assert_true(r.needs_root);
	assert_string_equal(fact_why(&f.f[F_LOCKDOWN]), "denied");
	check_result_free(&r);
	/* set again, known: nothing is missing */
	fact_set(&f, F_LOCKDOWN, "test", "none");
	assert_int_equal(check_run(&f, &r, false, &err), 0);
	assert_false(r.needs_root);
	check_result_free(&r);
}

/* Each assumption once, though several flips rest on it; kexec-tools' said assumed. */
static void assumptions_once_and_said(void **state)
{
	struct check_result r;
	struct facts f;
	struct hv_err err;
	unsigned int i, j, n = 0;

	(void)state;
	field_facts(&f);
	fact_unknown(&f, F_KEXEC_TOOLS, "test", "unknown");
	fact_unknown(&f, F_FB0, "test", "unknown");
	f.kexec_tools = 0;
	/* with the words: the model's why is kept only then */
	assert_int_equal(check_run(&f, &r, true, &err), 0);
	/* efifb and none both turn it, from the one assumed hyperv_drm */
	for (i = 0; i < r.nflips; i++)
		n += r.flips[i].fact == F_FB0;
	assert_true(n >= 2);
	assert_true(r.nassumptions < r.nflips);
	for (i = 0; i < r.nassumptions; i++)
		for (j = 0; j < i; j++)
			assert_string_not_equal(r.flips[r.assumptions[i]].assumed,
						r.flips[r.assumptions[j]].assumed);
	for (i = 0, n = 0; i < r.nassumptions; i++)
		n += r.flips[r.assumptions[i]].fact == F_FB0;
	assert_int_equal(n, 1);
	assert_non_null(strstr(r.load.kexec_why, "(assumed: its version is unknown)"));
	check_result_free(&r);
}

/* The model against /proc/iomem, and what kexec -a falls back on. */
static void model_agreement_and_fallback(void **state)
{
	struct check_result r;
	struct facts f;
	struct hv_err err;

	(void)state;
	field_facts(&f);
	f.config_window = (struct mmio_span){ true, 0x40800000, 0x40801fff };
	assert_int_equal(check_run(&f, &r, false, &err), 0);
	assert_int_equal(r.model_agrees, 1);
	check_result_free(&r);
	f.config_window.start = 0x50000000;
	f.config_window.end = 0x50001fff;
	assert_int_equal(check_run(&f, &r, false, &err), 0);
	assert_int_equal(r.model_agrees, 0);
	check_result_free(&r);
	fact_unknown(&f, F_VRAM, "test", "unknown");
	fact_unknown(&f, F_CONFIG_WINDOW, "test", "unknown");
	assert_int_equal(check_run(&f, &r, false, &err), 0);
	assert_int_equal(r.model_agrees, -1);
	check_result_free(&r);

	field_facts(&f);
	f.kexec_args_set = true;
	snprintf(f.kexec_args, sizeof(f.kexec_args), "-a");
	f.kexec_tools = 20028;
	assert_int_equal(check_run(&f, &r, false, &err), 0);
	assert_string_equal(r.load.service, "kdump-tools");
	assert_string_equal(r.load.fallback, "kexec_load");
	assert_string_equal(r.load.fallback_on[0], "ENOSYS");
	assert_string_equal(r.load.fallback_on[3], "EOPNOTSUPP");
	assert_null(r.load.fallback_on[4]);
	check_result_free(&r);
	f.kexec_tools = 20020;	/* compared -1 with -ENOSYS: never fell back */
	assert_int_equal(check_run(&f, &r, false, &err), 0);
	assert_null(r.load.fallback_on);
	check_result_free(&r);
}

/* One row per fact: named once, each flip with its words, each key one scenario_build() takes. */
static void fact_table_rows(void **state)
{
	struct fact_pairs p;
	struct scenario sc;
	struct hv_err err;
	struct facts f;
	unsigned int i, j;

	(void)state;
	for (i = 0; i < F_COUNT; i++) {
		assert_non_null(fact_table[i].name);
		assert_non_null(fact_table[i].json);
		assert_true(!fact_table[i].nalts ||
			    (fact_table[i].alt && (fact_table[i].assumed || fact_table[i].assumed_is)));
		assert_true((!fact_table[i].pairs && !fact_table[i].yes_no) || fact_table[i].keys);
		for (j = 0; j < i; j++)
			assert_string_not_equal(fact_table[i].name, fact_table[j].name);
	}
	field_facts(&f);
	fact_pairs(&f, &p);
	assert_true(p.n >= 10);
	assert_string_equal(p.pair[0].key, "layout");
	assert_string_equal(p.pair[0].value, "azure-gen2");
	for (i = 0; i < p.n; i++)
		assert_int_equal(scenario_build(&sc, &p.pair[i], 1, &err), 0);
	/* an unknown fact gives no value: the preset's stands */
	fact_unknown(&f, F_SYSFB, "test", "unknown");
	fact_pairs(&f, &p);
	for (i = 0; i < p.n; i++)
		assert_string_not_equal(p.pair[i].key, "sysfb");
}

/*
 * fact_desc's alt() contract, which check.c's flip_reset() rests on: an
 * alternative writes a fact's known flag, the fields after f[] and the
 * findings' outcomes, never a fact's text or an evidence's. Every
 * alternative of every fact, with every fact unknown in turn too.
 */
static void alternatives_keep_the_texts(void **state)
{
	struct facts *f = malloc(sizeof(*f)), *alt = malloc(sizeof(*alt));
	struct scenario sc;
	struct hv_err err;
	char said[200];
	unsigned int u, id, i, k, c, tried = 0;

	(void)state;
	assert_non_null(f);
	assert_non_null(alt);
	for (u = 0; u <= F_COUNT; u++) {
		field_facts(f);
		f->findings[KERNEL_RUNNING][0].n = 1;
		f->findings[KERNEL_RUNNING][0].ev[0] =
			(struct fix_evidence){ "release", false, "src", "detail" };
		if (u < F_COUNT)
			fact_unknown(f, (enum fact_id)u, "test", "unknown: as a probe says");
		if (facts_to_scenario(f, &sc, NULL, 0, &err))
			continue;
		for (id = 0; id < F_COUNT; id++) {
			for (i = 0; i < fact_table[id].nalts; i++) {
				memcpy(alt, f, sizeof(*f));
				alt->f[id].known = true;
				if (!fact_table[id].alt(f, &sc, i, alt, said, sizeof(said)))
					continue;
				tried++;
				for (k = 0; k < F_COUNT; k++) {
					assert_int_equal(alt->f[k].needs_root, f->f[k].needs_root);
					assert_memory_equal(alt->f[k].value, f->f[k].value,
							    sizeof(f->f[k].value));
					assert_memory_equal(alt->f[k].source, f->f[k].source,
							    sizeof(f->f[k].source));
				}
				for (k = 0; k < KERNEL_COUNT; k++)
					for (c = 0; c < KC_TRACKED; c++)
						assert_memory_equal(alt->findings[k][c].ev,
								    f->findings[k][c].ev,
								    sizeof(f->findings[k][c].ev));
			}
		}
	}
	assert_true(tried > F_COUNT);
	free(f);
	free(alt);
}

static void not_hyperv(void **state)
{
	struct check_result r;
	struct facts f;
	struct hv_err err;

	(void)state;
	field_facts(&f);
	f.hyperv = false;
	assert_int_equal(check_run(&f, &r, false, &err), 0);
	assert_false(r.applicable);
	check_result_free(&r);
}

/* A kdump kernel's own fate, from what it shows. */
static void kdump_kernel_fate(void **state)
{
	struct kdump_self k;
	struct facts f;

	(void)state;
	field_facts(&f);
	f.in_kdump = true;
	/* handed the framebuffer; the config window above it; the disk there */
	f.config_window = (struct mmio_span){ true, 0x40800000, 0x40801fff };
	f.nvme_disks = 1;
	kdump_self_judge(&f, &k);
	assert_int_equal(k.fate, FATE_CAN_BE_SAVED);
	assert_true(k.fb_handed);
	assert_int_equal(k.config_window_on_fb, 0);
	/* handed none: the window at the low base, D0 refused */
	f.boot_si.lfb_base = 0;
	f.config_window = (struct mmio_span){ true, 0x40000000, 0x40001fff };
	f.nvme_disks = 0;
	f.kmsg.d0_failures = 1;
	kdump_self_judge(&f, &k);
	assert_int_equal(k.fate, FATE_LOST);
	assert_string_equal(k.vmcore, "lost");
	assert_false(k.fb_handed);
	assert_int_equal(k.config_window_on_fb, 0);
	/* a window inside the 8 MiB claimed at the handed base */
	f.boot_si.lfb_base = 0x40000000;
	kdump_self_judge(&f, &k);
	assert_int_equal(k.config_window_on_fb, 1);
	/* no evidence either way yet */
	f.kmsg.d0_failures = 0;
	kdump_self_judge(&f, &k);
	assert_int_equal(k.fate, FATE_UNKNOWN);
	/* an unreadable kernel log is no D0 failure, and no success either */
	f.kmsg.d0_failures = 1;
	fact_unknown(&f, F_KMSG, "test", "unknown: no kernel log to read");
	kdump_self_judge(&f, &k);
	assert_int_equal(k.fate, FATE_UNKNOWN);
	/* elsewhere: not applicable, and no window to place */
	f.hyperv = false;
	fact_set(&f, F_HYPERV, "CPUID 0x40000000", "no (hypervisor \"TCGTCGTCGTCG\")");
	kdump_self_judge(&f, &k);
	assert_int_equal(k.fate, FATE_NOT_APPLICABLE);
	assert_int_equal(k.config_window_on_fb, -1);
	assert_non_null(strstr(k.why, "TCGTCGTCGTCG"));
}

/* Each distribution's kdump service, named once (model/kdump_service.c) for check's words. */
static void service_names_and_units(void **state)
{
	(void)state;
	assert_string_equal(kdump_service_name(DISTRO_DEBIAN), "kdump-tools");
	assert_string_equal(kdump_service_unit(DISTRO_DEBIAN), "kdump-tools");
	assert_string_equal(kdump_service_name(DISTRO_RHEL), "kdumpctl");
	assert_string_equal(kdump_service_unit(DISTRO_RHEL), "kdump");
	assert_string_equal(kdump_service_name(DISTRO_SUSE), "suse-kdump");
	assert_string_equal(kdump_service_unit(DISTRO_SUSE), "kdump");
	assert_string_equal(kdump_service_name(DISTRO_AZURELINUX), "azurelinux-kdumpctl");
	assert_string_equal(kdump_service_unit(DISTRO_AZURELINUX), "kdump");
	assert_null(kdump_service_name(DISTRO_UNKNOWN));
	assert_null(kdump_service_unit(DISTRO_UNKNOWN));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(field_case_is_lost_with_proven_remedies),
		cmocka_unit_test(initramfs_remedy_when_pci_is_a_module),
		cmocka_unit_test(kexec_file_remedy_checked),
		cmocka_unit_test(kernel_remedy_names_the_package),
		cmocka_unit_test(saved_has_no_remedies),
		cmocka_unit_test(unknowns_that_flip),
		cmocka_unit_test(observed_vram_is_the_hosts),
		cmocka_unit_test(blacklisted_pci_hyperv_stays_out),
		cmocka_unit_test(layout_from_the_vm),
		cmocka_unit_test(iomem_evidence_discriminates),
		cmocka_unit_test(not_loaded_is_lost_now),
		cmocka_unit_test(stale_load_gives_both),
		cmocka_unit_test(disabled_unit_loses_the_next),
		cmocka_unit_test(assumptions_name_the_assumed_value),
		cmocka_unit_test(needs_root_is_recorded),
		cmocka_unit_test(fact_table_rows),
		cmocka_unit_test(assumptions_once_and_said),
		cmocka_unit_test(model_agreement_and_fallback),
		cmocka_unit_test(alternatives_keep_the_texts),
		cmocka_unit_test(not_hyperv),
		cmocka_unit_test(kdump_kernel_fate),
		cmocka_unit_test(service_names_and_units),
	};

	return cmocka_run_group_tests_name("check", tests, NULL, NULL);
}
