// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdio.h>
#include <time.h>

#include "cli.h"
#include "prometheus.h"

static void metric(FILE *out, const char *name, const char *help)
{
	fprintf(out, "# HELP %s %s\n# TYPE %s gauge\n", name, help, name);
}

static void write_metrics(FILE *out, const struct facts *f, const struct check_result *r)
{
	unsigned int i, unknown = 0;

	metric(out, "hvkdump_build_info", "The hvkdump that wrote these metrics, as a label; always 1.");
	fprintf(out, "hvkdump_build_info{version=\"%s\"} 1\n", HVKDUMP_VERSION);
	metric(out, "hvkdump_applicable", "1 on a Hyper-V guest, where the check applies.");
	fprintf(out, "hvkdump_applicable %d\n", r->applicable);
	metric(out, "hvkdump_check_timestamp_seconds", "When the check ran.");
	fprintf(out, "hvkdump_check_timestamp_seconds %lld\n", (long long)time(NULL));
	if (!r->applicable)
		return;
	metric(out, "hvkdump_vmcore_saved", "1 when kdump would save a vmcore, 0 when it would be lost.");
	fprintf(out, "hvkdump_vmcore_saved %d\n", r->sim.saved);
	metric(out, "hvkdump_kdump_hang", "1 when the kdump kernel's firmware framebuffer draws where no VRAM is.");
	fprintf(out, "hvkdump_kdump_hang %d\n", r->sim.hang);
	metric(out, "hvkdump_reason", "1 for each reason the vmcore would be lost.");
	for (i = 0; i < REASON_COUNT; i++)
		fprintf(out, "hvkdump_reason{code=\"%s\"} %d\n",
			sim_reason_code_name((enum sim_reason_code)i), !!(r->sim.codes & (1u << i)));
	metric(out, "hvkdump_stale_load",
	       "1 when the crash kernel loaded now is not what the kdump service loads next.");
	fprintf(out, "hvkdump_stale_load %d\n", r->stale);
	metric(out, "hvkdump_next_vmcore_saved",
	       "After the kdump service's next load: 1 saved, 0 lost (the same as now when it does not differ).");
	fprintf(out, "hvkdump_next_vmcore_saved %d\n", check_final(r)->saved);
	metric(out, "hvkdump_kexec_syscall", "1 for the system call that loads the crash kernel.");
	for (i = SYSCALL_NONE; i <= SYSCALL_KEXEC_FILE_LOAD; i++)
		fprintf(out, "hvkdump_kexec_syscall{syscall=\"%s\"} %d\n",
			sim_syscall_name((enum sim_syscall)i), r->sim.handoff.syscall == i);
	metric(out, "hvkdump_lfb_base_handed_off",
	       "1 when the kdump kernel gets a non-zero screen_info.lfb_base.");
	fprintf(out, "hvkdump_lfb_base_handed_off %d\n", r->sim.handoff.lfb_base != 0);
	for (i = 0; i < F_COUNT; i++)
		unknown += !f->f[i].known;
	metric(out, "hvkdump_unknown_facts", "Facts the check could not read.");
	fprintf(out, "hvkdump_unknown_facts %u\n", unknown);
	metric(out, "hvkdump_unknown_flips", "Values of unknown facts that would turn the verdict.");
	fprintf(out, "hvkdump_unknown_flips %u\n", r->nflips);
	metric(out, "hvkdump_remedies", "Proven remedies: changes that would turn the verdict to saved.");
	fprintf(out, "hvkdump_remedies %u\n", r->nremedies);
}

struct metrics {
	const struct facts *f;
	const struct check_result *r;
};

static int write_prom(FILE *out, void *ctx)
{
	const struct metrics *m = ctx;

	write_metrics(out, m->f, m->r);
	return 0;
}

int prometheus_write(const char *path, const struct facts *f, const struct check_result *r)
{
	struct metrics m = { f, r };

	/* the collector reads it as any user */
	return hv_write_output(path, 0644, write_prom, &m);
}
