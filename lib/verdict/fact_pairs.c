// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * From the facts to scenario "key = value" pairs: each fact's row in
 * fact_table.c adds its own; here the pairs' store, the walk over the
 * rows, and the pairs that weigh several facts: the kdump service's load
 * and the two kernels' builds. check.c hands them to scenario_build(), as
 * simulate hands it a scenario file's.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/strcopy.h"
#include "facts.h"
#include "fixes.h"

void fact_pair_add(struct fact_pairs *out, bool observed, const char *key, const char *fmt, ...)
{
	size_t room = sizeof(out->text) - out->used;
	char *value = out->text + out->used;
	va_list ap;
	int n;

	if (out->n == FACT_MAX_PAIRS || !room) {
		out->full = true;
		return;
	}
	va_start(ap, fmt);
	if (!strcmp(fmt, "%s")) {	/* most pairs: a string as it is, no formatting */
		const char *s = va_arg(ap, const char *);
		size_t len = strlen(s);

		n = len < room ? (int)len : -1;
		if (n >= 0)
			memcpy(value, s, len + 1);
	} else {
		n = vsnprintf(value, room, fmt, ap);
	}
	va_end(ap);
	if (n < 0 || (size_t)n >= room) {
		out->full = true;
		return;
	}
	out->used += (size_t)n + 1;
	out->pair[out->n++] = (struct scenario_pair){
		.key = key, .value = value, .observed = observed,
	};
}

static const char *yes(bool b)
{
	return b ? "yes" : "no";
}

void fact_pairs(const struct facts *f, struct fact_pairs *out)
{
	unsigned int i;

	out->n = 0;
	out->used = 0;
	out->full = false;
	out->why[0] = '\0';
	for (i = 0; i < F_COUNT; i++) {
		const struct fact_desc *d = &fact_table[i];

		if (!d->always && !f->f[i].known)
			continue;
		if (d->yes_no)
			fact_pair_add(out, false, d->keys, "%s",
				      yes(*(const bool *)((const char *)f + d->yes_no)));
		else if (d->pairs)
			d->pairs(f, out);
	}
}

/* kdump-config's reason for -s, where securelevel 1 (not Secure Boot) gave it */
static void securelevel_why(char *why, size_t wlen)
{
	static const char *const from[] = { "Secure Boot is on", "for Secure Boot" };
	static const char *const to[] = {
		"/sys/kernel/security/securelevel is 1", "for securelevel 1",
	};
	char out[256];
	unsigned int i;

	for (i = 0; i < 2; i++) {
		char *at = strstr(why, from[i]);

		if (!at)
			continue;
		snprintf(out, sizeof(out), "%.*s%s%s", (int)(at - why), why, to[i],
			 at + strlen(from[i]));
		hv_strcopy(why, wlen, out);
	}
}

/* The words of a recorded command after the program's: as it ran. */
static const char *recorded_words(const char *cmd)
{
	const char *a = cmd + strspn(cmd, " \t");

	if (*a != '-')
		a += strcspn(a, " \t");
	return a + strspn(a, " \t");
}

/*
 * The kdump service's load, from the distribution, its configuration and
 * Secure Boot (model/kdump_service.h): the syscall it asks for and the
 * arguments kexec runs with, whatever kexec-tools makes of them. Observed:
 * the kexec-args key's own test (kexec-tools refuses them) is not made,
 * here kexec says so. out->why gets the service's reason.
 */
void fact_service_pairs(const struct facts *f, struct fact_pairs *out)
{
	bool sb = f->f[F_SECURE_BOOT].known && f->secure_boot;
	/* what makes the service add -s: Secure Boot; for kdump-config securelevel 1 too */
	bool adds_s = sb || (f->distro == DISTRO_DEBIAN && f->securelevel);
	const char *args = f->kexec_args_set ? f->kexec_args : NULL;
	char run[1024], retry[1024];
	enum kexec_request req;

	req = kdump_service_syscall(f->distro, args, adds_s, fact_preset(f)->arch,
				    f->service_version, out->why, sizeof(out->why));
	if (adds_s && !sb)
		securelevel_why(out->why, sizeof(out->why));
	fact_pair_add(out, true, "kexec-syscall", "%s", kexec_request_name(req));
	if (f->kexec_args_recorded) {
		snprintf(out->why, sizeof(out->why), "the recorded command, loaded now, decides");
		hv_strcopy(run, sizeof(run), recorded_words(f->kexec_args));
		retry[0] = '\0';
	} else {
		kdump_service_args(f->distro, args, adds_s, f->service_version, run, sizeof(run),
				   retry, sizeof(retry));
	}
	fact_pair_add(out, true, "kexec-args", "%s", run);
	fact_pair_add(out, true, "kexec-retry-args", "%s", retry[0] ? retry : "none");
	if (f->service_stops)
		fact_pair_add(out, true, "service-stops", "%.159s", f->service_noload);
}

/* What check reads of a release's build from the registry's rows, each kernel's key. */
static const struct {
	enum build_switch sw;
	const char *key[KERNEL_COUNT];
} build_keys[] = {
	{ BUILD_SYSFB_GATE, { "sysfb-gate", "kdump-sysfb-gate" } },
	{ BUILD_GEN1_PCI_BAR, { "gen1-pci-bar", "kdump-gen1-pci-bar" } },
};

/*
 * How @release's vmbus_reserve_fb() reads screen_info, where the release
 * table is sure (the row that turns each build switch); whether its
 * hyperv_fb clears screen_info, which the model otherwise assumes of
 * today's kernels.
 */
static void release_pairs(const char *release, enum which_kernel k, struct fact_pairs *out)
{
	struct kernel_release kr;
	enum change_state st;
	bool assumed = false, clears;
	unsigned int i;

	if (!release[0] || kernel_release_parse(release, &kr))
		return;
	for (i = 0; i < sizeof(build_keys) / sizeof(build_keys[0]); i++) {
		st = kernel_release_has(&kr, kernel_build_change(build_keys[i].sw), NULL, 0);
		if (st != CHANGE_UNKNOWN)
			fact_pair_add(out, true, build_keys[i].key[k], "%s",
				      yes(st == CHANGE_PRESENT));
	}
	clears = hvfb_clears_screen_info(&kr, &assumed, NULL, 0);
	if (k == KERNEL_KDUMP) {
		fact_pair_add(out, true, "kdump-hvfb-clear-si", "%s", yes(clears));
		return;
	}
	fact_pair_add(out, true, "hvfb-clear-si", "%s", yes(clears));
	fact_pair_add(out, true, "hvfb-clear-si-assumed", "%s", yes(assumed));
}

/*
 * The running kernel's build: what the release table is sure of (no key
 * says a build: the kernel key would take an unsure entry as absent).
 */
void fact_kernel_pairs(const struct facts *f, struct fact_pairs *out)
{
	release_pairs(f->upstream[0] ? f->upstream : f->release, KERNEL_RUNNING, out);
}

/* The kdump kernel's: the running kernel's, with its own evidence and config. */
void fact_kdump_kernel_pairs(const struct facts *f, struct fact_pairs *out)
{
	char set[128];

	fact_pair_add(out, true, "kdump-build", "same");
	fix_set_str(fixes_of(f, KERNEL_KDUMP), set, sizeof(set));
	fact_pair_add(out, true, "kdump-fixes", "%s", set);
	if (f->kdump_same)
		return;
	release_pairs(f->kdump_release, KERNEL_KDUMP, out);
	if (f->kdump_builtin_known) {
		module_set_str(f->kdump_builtin, set, sizeof(set));
		fact_pair_add(out, true, "kdump-builtin", "%s", set);
	}
	if (f->kdump_sysfb_known)
		fact_pair_add(out, true, "kdump-sysfb", "%s", yes(f->kdump_sysfb));
}
