// SPDX-License-Identifier: GPL-2.0-or-later
/* hvkdump simulate: run the two kernels of one scenario and give the verdict. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "termwrap.h"
#include "scenario-opts.h"
#include "sim-output.h"
#include "util/strbuf.h"
#include "svg.h"

static void usage(void)
{
	fputs("Usage:\n"
	      " " PROGRAM " simulate [options]\n"
	      "\n"
	      "Run the first kernel, the kdump load and the kdump kernel of a Hyper-V\n"
	      "VM in the model, and say whether the crash dump would be saved.\n"
	      "\n"
	      "Options:\n"
	      " -J, --json                 one JSON object (see hvkdump-simulate(1))\n"
	      " -t, --trace                every model step with the kernel function it models\n"
	      "     --svg FILE             also draw the MMIO map of both kernels into FILE\n"
	      "     --dump-scenario        print the resolved scenario as a scenario file\n"
	      " -h, --help                 display this help\n"
	      " -V, --version              display the version\n"
	      "\n", stdout);
	scenario_opts_help(stdout, true);
	fputs("\n"
	      "Numbers: 0x hex or decimal, optional suffix K, M, G or T. LIST: names\n"
	      "separated by commas, or none.\n"
	      "\n"
	      "Exit status: 0 the vmcore would be saved, 1 it would be lost, 2 bad input.\n"
	      "\n"
	      "Examples:\n"
	      " " PROGRAM " simulate                               # Azure Gen2, Ubuntu 22.04\n"
	      " " PROGRAM " simulate --kexec-syscall file          # kdump-config with -s\n"
	      " " PROGRAM " simulate --kernel-fixes vmbus-reserve-fb-low-base --trace\n"
	      " " PROGRAM " simulate --layout hyperv-gen1 --vram-mb 128 --json\n",
	      stdout);
}

int cmd_simulate(int argc, char **argv)
{
	enum { OPT_DUMP = 0x200, OPT_SVG };
	static const struct option extra[] = {
		{ "json", no_argument, NULL, 'J' },
		{ "trace", no_argument, NULL, 't' },
		{ "dump-scenario", no_argument, NULL, OPT_DUMP },
		{ "svg", required_argument, NULL, OPT_SVG },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct scenario_opts so = { .cmd = "simulate" };
	bool json = false, trace = false, dump = false;
	const char *svg = NULL;
	struct option *longopts = scenario_longopts(extra);
	struct sim_result res;
	struct scenario sc;
	int c, rc = HV_EXIT_ERROR;

	if (!longopts) {
		hv_warnx("simulate: out of memory");
		return HV_EXIT_ERROR;
	}
	while ((c = getopt_long(argc, argv, "+JtVh", longopts, NULL)) != -1) {
		int taken = scenario_opts_take(&so, c, optarg);

		if (taken < 0)
			goto out;
		if (taken)
			continue;
		switch (c) {
		case 'J':
			json = true;
			hv_json_errors("simulate");
			break;
		case 't':
			trace = true;
			break;
		case OPT_DUMP:
			dump = true;
			break;
		case OPT_SVG:
			svg = optarg;
			break;
		case 'V':
			rc = hv_print_version();
			goto out;
		case 'h':
			usage();
			rc = hv_close_stdout(HV_EXIT_OK);
			goto out;
		default:
			rc = hv_bad_option("simulate", argv, longopts);
			goto out;
		}
	}
	if (optind < argc) {
		rc = hv_usage_error("simulate", "unexpected argument '%s'", argv[optind]);
		goto out;
	}
	/* the scenario file is all --dump-scenario prints */
	if (dump && (json || trace || svg)) {
		rc = hv_usage_error("simulate", "--dump-scenario and %s exclude each other",
				    json ? "--json" : trace ? "--trace" : "--svg");
		goto out;
	}
	if (scenario_opts_build(&so, &sc))
		goto out;
	if (dump) {
		struct strbuf sb = STRBUF_INIT;

		scenario_dump(&sc, &sb);
		fputs(sb_str(&sb), stdout);
		sb_release(&sb);
		rc = hv_close_stdout(HV_EXIT_OK);
		goto out;
	}
	if (simulate(&sc, &res, true)) {
		hv_warnx("simulate: out of memory");
		sim_result_free(&res);
		goto out;
	}
	if (svg && (c = sim_svg_write(svg, &sc, &res))) {
		hv_warnx("simulate: --svg %s: %s", svg, hv_output_strerror(c));
		sim_result_free(&res);
		goto out;
	}
	if (!json)
		hv_wrap_stdout();
	if (json) {
		struct jsonwrt jw;

		jw_begin(&jw, stdout);
		sim_json(&jw, &sc, &res, trace, NULL);
		jw_end(&jw);
	} else {
		sim_print_verdict(stdout, &res);
		fputc('\n', stdout);
		sim_print_story(stdout, &sc, &res, trace);
	}
	rc = hv_close_stdout(res.saved ? HV_EXIT_OK : HV_EXIT_LOST);
	sim_result_free(&res);
out:
	scenario_opts_free(&so);
	free(longopts);
	return rc;
}
