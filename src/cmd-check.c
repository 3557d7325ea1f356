// SPDX-License-Identifier: GPL-2.0-or-later
/* hvkdump check: will kdump save a vmcore on this VM (or a captured copy)? */
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "check-common.h"
#include "check-json.h"
#include "check-text.h"
#include "cli.h"
#include "termwrap.h"
#include "lib/verdict/fixes.h"
#include "lib/verdict/kdump_self.h"
#include "prometheus.h"
#include "svg.h"
#include "sim-output.h"

static void usage(void)
{
	fputs("Usage:\n"
	      " " PROGRAM " check [options]\n"
	      "\n"
	      "Read this VM (or a captured copy of one) and say whether kdump would save\n"
	      "a vmcore, why, and which change would fix it. Each remedy is proven by\n"
	      "running the model again with the change.\n"
	      "\n"
	      "Options:\n"
	      " -s, --sysroot DIR      read a captured system under DIR, or in an archive\n"
	      "                        (hvkdump collect's .tar.gz)\n"
	      " -v, --verbose          the kernel-level reasons, the kdump load, the fixes\n"
	      "                        in the kernel, every fact and every remedy\n"
	      "     --facts            only the facts table\n"
	      " -J, --json             one JSON object\n"
	      " -t, --trace            -v and the whole simulation story, every step\n"
	      "     --color[=WHEN]     colour the verdict: auto (the default: on a\n"
	      "                        terminal, unless NO_COLOR is set), always, never\n"
	      "     --prometheus FILE  also write node_exporter textfile metrics to FILE\n"
	      "     --svg FILE         also draw the MMIO map of both kernels into FILE\n"
	      " -h, --help             display this help\n"
	      " -V, --version          display the version\n"
	      "\n"
	      "Exit status: 0 the vmcore would be saved (or this is not a Hyper-V guest),\n"
	      "1 it would be lost, 2 an error.\n", stdout);
}


static void print_span(const char *what, const struct mmio_span *s)
{
	if (s->set)
		printf("%s 0x%llx-0x%llx", what, (unsigned long long)s->start,
		       (unsigned long long)s->end);
	else
		printf("%s none", what);
}

/* Each merged fix: what the evidence says, strongest first, with its file. */
static void print_fixes(const struct facts *f)
{
	unsigned int k, t, e;

	for (k = f->kdump_same ? KERNEL_KDUMP : KERNEL_RUNNING; k < KERNEL_COUNT; k++) {
		printf("\nkernel fixes of %s (%s):\n",
		       k == KERNEL_KDUMP ? f->kdump_release : f->release,
		       f->kdump_same ? "running, and loaded by kdump" :
		       k == KERNEL_KDUMP ? "the kernel kdump loads" : "the running kernel");
		for (t = 0; t < KC_TRACKED; t++) {
			const struct fix_finding *fd = &f->findings[k][t];
			const struct kernel_change_info *ci = kernel_change(t);

			printf("  %s (\"%s\"): %s%s\n", ci->commit, ci->subject,
			       fd->present < 0 ? "unknown (assumed absent)" :
			       fd->present ? "present" : "absent",
			       fd->conflict ? ", but the evidence conflicts" : "");
			for (e = 0; e < fd->n; e++)
				printf("    - %s says %s: %s (%s)\n", fd->ev[e].kind,
				       fd->ev[e].present ? "present" : "absent", fd->ev[e].detail,
				       fd->ev[e].source);
		}
	}
}

/*
 * The unknown facts the verdict rests on, as it assumes them ("Secure Boot
 * off, kexec-tools 2.0.22"), joined: how many.
 */
static unsigned int assumptions(const struct check_result *r, char *out, size_t len)
{
	unsigned int i, n = 0;
	size_t o = 0;

	out[0] = '\0';
	for (i = 0; i < r->nassumptions && o < len; i++, n++)
		o += (size_t)snprintf(out + o, len - o, "%s%s", n ? ", " : "",
				      r->flips[r->assumptions[i]].assumed);
	return n;
}

static void print_load(const char *label, const struct sim_result *sim, const char *why,
		       const struct check_load *l)
{
	const struct sim_handoff *h = &sim->handoff;

	printf("\n%s: %s, kexec %s (%s; %s); the kdump kernel gets lfb_base 0x%llx\n", label,
	       sim_syscall_name(h->syscall), h->flag, why, l->kexec_why,
	       (unsigned long long)h->lfb_base);
}

static void print_text(const struct facts *f, const struct check_result *r, bool trace,
		       unsigned int width)
{
	unsigned int i;

	char as[512], note[540] = "";

	if (assumptions(r, as, sizeof(as)))
		snprintf(note, sizeof(note), " (assuming %s)", as);
	sim_print_verdict_as(stdout, &r->sim, "vmcore", note[0] && !r->flips_next ? note : NULL,
			     true);
	if (!f->kdump_same)
		printf("  - the kdump service loads %s, NOT the running kernel %s: the fixes and "
		       "drivers of %s decide\n", f->kdump_release, f->release, f->kdump_release);
	if (r->has_next) {
		char label[200];

		snprintf(label, sizeof(label), "vmcore %s", r->next_how);
		sim_print_verdict_as(stdout, &r->next_sim, label,
				     note[0] && r->flips_next ? note : NULL, false);
		if (r->stale)
			printf("  - stale_load: the crash kernel loaded now (%s) is not what the "
			       "kdump service loads next%s\n", f->recorded_source,
			       f->recorded_stale ? ": the configuration changed after it" : "");
	}
	print_load("kdump load", &r->sim, r->kexec_why, &r->load);
	if (r->has_next)
		print_load("kdump load next", &r->next_sim, r->next_why, &r->next_load);
	switch (r->model_agrees) {
	case 1:
		printf("\nfirst kernel: the model agrees with /proc/iomem (");
		print_span("VRAM", &f->vram);
		print_span(", config window", &r->sim.first.config_window);
		printf(")\n");
		break;
	case 0:
		printf("\nfirst kernel: the model differs from /proc/iomem: it has ");
		print_span("VRAM", &r->sim.first.modelled_vram);
		print_span(", config window", &r->sim.first.config_window);
		printf("; /proc/iomem has ");
		print_span("VRAM", &f->vram);
		print_span(", config window", &f->config_window);
		printf(" (the observed VRAM is used for the kdump kernel)\n");
		break;
	default:
		printf("\nfirst kernel: /proc/iomem could not be compared with the model\n");
	}
	print_fixes(f);
	printf("\nfacts:\n");
	check_print_facts(f, width);
	if (r->nflips) {
		printf("\nunknown facts that would change the %sverdict:\n",
		       r->flips_next ? "next load's " : "");
		for (i = 0; i < r->nflips; i++)
			printf("  - %s: with %s the vmcore would be %s\n", fact_name(r->flips[i].fact),
			       r->flips[i].alternative, r->flips[i].saved ? "saved" : "lost");
	}
	if (r->nremedies) {
		printf("\nremedies, smallest first (each proven by running the model again):\n");
		for (i = 0; i < r->nremedies; i++)
			printf("  %u. [%s] %s\n", i + 1, r->remedies[i].kind, r->remedies[i].change);
	}
	if (r->needs_root)
		printf("\nsome facts could not be read without root: run as root for a full check\n");
	if (trace) {
		fputc('\n', stdout);
		sim_print_story(stdout, &r->sc, &r->sim, true);
	}
}

static void not_applicable(const struct facts *f, bool json)
{
	if (json) {
		check_json_not_applicable(f);
		return;
	}
	check_print_not_applicable(f);
}

/*
 * Run inside a kdump kernel (it has /proc/vmcore): that kernel's own fate
 * (kdump_self_judge()), on any guest, so that what it was handed can be
 * read where the problem cannot arise too. Returns the exit status: 1 when
 * its pass-through bus was refused, else 0.
 */
static int kdump_self_report(const struct facts *f, bool json)
{
	struct kdump_self k;

	kdump_self_judge(f, &k);
	if (json) {
		check_json_kdump_self(f, &k);
	} else {
		printf("kdump kernel: this is one (/proc/vmcore exists): its own report, not a "
		       "verdict about a first kernel\n"
		       "vmcore: %s: %s\n", k.vmcore, k.why);
		printf("  screen_info handed over: %s\n", f->f[F_BOOT_FB].value);
		if (f->f[F_BOOT_FB].known)
			printf("  as handed: orig_video_isVGA 0x%x, lfb_base 0x%" PRIx32 ", "
			       "ext_lfb_base 0x%" PRIx32 ", lfb_size 0x%" PRIx32 ", capabilities "
			       "0x%" PRIx32 "\n", f->boot_si.orig_video_isVGA,
			       (uint32_t)f->boot_si.lfb_base, f->boot_si.ext_lfb_base,
			       f->boot_si.lfb_size, f->boot_si.capabilities);
		if (f->hyperv)
			printf("  config window: %s\n", f->f[F_CONFIG_WINDOW].value);
		if (k.config_window_on_fb > 0)
			printf("  the config window lies in the framebuffer handed over "
			       "(0x%" PRIx64 "-0x%" PRIx64 "): on VRAM the host may still map\n",
			       f->boot_si.lfb_base, k.fb_end);
		else if (!k.config_window_on_fb && !k.fb_handed)
			printf("  no framebuffer was handed over: fb_range was not reserved\n");
		printf("  kernel log: %s\n", f->f[F_KMSG].value);
		printf("  disks: %u NVMe, %u SCSI\n", f->nvme_disks, f->scsi_disks);
	}
	return k.fate == FATE_LOST ? HV_EXIT_LOST : HV_EXIT_OK;
}

/*
 * --svg's and --prometheus' files: 0, or HV_EXIT_ERROR when one cannot be
 * written. Inside a kdump kernel neither: no first kernel is modelled there,
 * nothing to draw or to count.
 */
static int write_side_files(const char *svg, const char *prom, const struct facts *f,
			    const struct check_result *r)
{
	int rc;

	if (f->in_kdump) {
		if (svg)
			hv_warnx("check: --svg %s: not written: a kdump kernel reports itself, it "
				 "has no model of a first kernel to draw", svg);
		if (prom)
			hv_warnx("check: --prometheus %s: not written: a kdump kernel reports "
				 "itself, not a first kernel's verdict", prom);
		return 0;
	}
	if (svg && r->applicable && (rc = sim_svg_write(svg, &r->sc, &r->sim))) {
		hv_warnx("check: --svg %s: %s", svg, hv_output_strerror(rc));
		return HV_EXIT_ERROR;
	}
	if (prom && (rc = prometheus_write(prom, f, r))) {
		hv_warnx("check: --prometheus %s: %s", prom, hv_output_strerror(rc));
		return HV_EXIT_ERROR;
	}
	return 0;
}

/* What check was asked for on its command line. */
struct check_opts {
	const char *sysroot, *prom, *svg;
	bool json, trace, verbose, facts_only;
	int color;		/* enum check_color */
};

/* Parses check's options into @o: -1 to go on, else the exit status. */
static int parse_options(int argc, char **argv, struct check_opts *o)
{
	static const struct option longopts[] = {
		{ "sysroot", required_argument, NULL, 's' },
		{ "json", no_argument, NULL, 'J' },
		{ "trace", no_argument, NULL, 't' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "facts", no_argument, NULL, 0x202 },
		{ "color", optional_argument, NULL, 0x203 },
		{ "prometheus", required_argument, NULL, 0x200 },
		{ "svg", required_argument, NULL, 0x201 },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, "+s:JtvVh", longopts, NULL)) != -1) {
		switch (c) {
		case 's':
			o->sysroot = optarg;
			break;
		case 'J':
			o->json = true;
			hv_json_errors("check");
			break;
		case 't':
			o->trace = true;
			break;
		case 'v':
			o->verbose = true;
			break;
		case 0x202:
			o->facts_only = true;
			break;
		case 0x203:
			if ((o->color = check_color_parse(optarg)) < 0)
				return hv_usage_error("check", "--color: '%s': not auto, always "
						      "or never", optarg);
			break;
		case 0x200:
			o->prom = optarg;
			break;
		case 0x201:
			o->svg = optarg;
			break;
		case 'V':
			return hv_print_version();
		case 'h':
			usage();
			return hv_close_stdout(HV_EXIT_OK);
		default:
			return hv_bad_option("check", argv, longopts);
		}
	}
	if (optind < argc)
		return hv_usage_error("check", "unexpected argument '%s'", argv[optind]);
	return -1;
}

int cmd_check(int argc, char **argv)
{
	struct check_opts o = { .color = CHECK_COLOR_AUTO };
	struct check_text_opts to = { 0 };
	struct check_result res;
	struct facts facts;
	int rc;

	if ((rc = parse_options(argc, argv, &o)) >= 0)
		return rc;
	/* asked before the wrapper takes a terminal's stdout */
	to.color = !o.json && check_color_on((enum check_color)o.color);
	to.width = o.json ? 0 : hv_wrap_stdout();
	to.sysroot = o.sysroot;
	if (probe_and_check("check", o.sysroot, &facts, &res, true))
		return HV_EXIT_ERROR;
	if (write_side_files(o.svg, o.prom, &facts, &res)) {
		check_result_free(&res);
		return HV_EXIT_ERROR;
	}
	if (facts.in_kdump) {
		rc = kdump_self_report(&facts, o.json);
		check_result_free(&res);
		return hv_close_stdout(rc);
	}
	if (!res.applicable) {
		not_applicable(&facts, o.json);
		return hv_close_stdout(HV_EXIT_OK);
	}
	if (o.json)
		check_json(&facts, &res, o.trace);
	else if (o.facts_only)
		check_print_facts(&facts, to.width);
	else if (o.verbose || o.trace)
		print_text(&facts, &res, o.trace, to.width);
	else
		check_print_short(&facts, &res, &to);
	rc = res.sim.saved ? HV_EXIT_OK : HV_EXIT_LOST;
	check_result_free(&res);
	return hv_close_stdout(rc);
}
