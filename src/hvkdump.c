// SPDX-License-Identifier: GPL-2.0-or-later
/* hvkdump: will kdump save a vmcore on this Hyper-V/Azure VM? */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#ifndef HVKDUMP_VERSION
#define HVKDUMP_VERSION "unknown"
#endif

static const struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *help;
} commands[] = {
	{ "check", cmd_check, "will kdump save a vmcore on this VM? why, and what to change" },
	{ "collect", cmd_collect, "copy what check reads into an archive for another machine" },
	{ "fix", cmd_fix, "print (or --apply) the smallest proven configuration change" },
	{ "fbinfo", cmd_fbinfo, "show a framebuffer's FBIOGET_FSCREENINFO and FBIOGET_VSCREENINFO" },
	{ "replay", cmd_replay, "drive the VMBus MMIO allocator model with a script" },
	{ "iomem",  cmd_iomem,  "read and show a /proc/iomem listing as a tree" },
	{ "simulate", cmd_simulate, "run a scenario's two kernels: will the vmcore be saved?" },
	{ "matrix", cmd_matrix, "the simulation over every combination of some keys" },
};

static void usage(FILE *out)
{
	size_t i;

	fputs("Usage:\n"
	      " " PROGRAM " COMMAND [options] [arguments]\n"
	      "\n"
	      "Model how Linux hands out MMIO on Hyper-V and Azure, and whether a\n"
	      "kdump kernel keeps its PCI pass-through devices.\n"
	      "\n"
	      "Commands:\n", out);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, " %-9s %s\n", commands[i].name, commands[i].help);
	fputs("\n"
	      "Options:\n"
	      " -h, --help     display this help\n"
	      " -V, --version  display the version\n"
	      "\n"
	      "Run '" PROGRAM " COMMAND --help' for a command's options.\n", out);
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		usage(stderr);
		return HV_EXIT_ERROR;
	}
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		usage(stdout);
		return hv_close_stdout(HV_EXIT_OK);
	}
	if (!strcmp(argv[1], "-V") || !strcmp(argv[1], "--version")) {
		printf(PROGRAM " %s\n", HVKDUMP_VERSION);
		return hv_close_stdout(HV_EXIT_OK);
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (!strcmp(argv[1], commands[i].name)) {
			char name[64];

			/* getopt's messages then read "hvkdump: check: ...", as ours do */
			snprintf(name, sizeof(name), PROGRAM ": %s", commands[i].name);
			argv[1] = name;
			return commands[i].run(argc - 1, argv + 1);
		}
	}
	hv_warnx("unknown command '%s'", argv[1]);
	fputs("Try '" PROGRAM " --help' for more information.\n", stderr);
	return HV_EXIT_ERROR;
}
