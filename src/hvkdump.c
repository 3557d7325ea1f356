// SPDX-License-Identifier: GPL-2.0-or-later
/* hvkdump: will kdump save a vmcore on this Hyper-V/Azure VM? */
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/*
 * What check and fix use of the stack, at the least: their frame (the
 * facts and the result, 80 KiB) and the probes' buffers below it. Peaks
 * measured with valgrind --tool=massif --stacks=yes on every fixture:
 * 117 to 183 KiB (collect: 58 KiB, so it faults its own in).
 */
#define PROBE_STACK_KIB	112

static const struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *help;
	bool json;	/* has -J, --json */
	unsigned int stack_kib;	/* at least this much stack is used: fault it in at once */
} commands[] = {
	{ "check", cmd_check, "will kdump save a vmcore on this VM? why, and what to change", true,
	  PROBE_STACK_KIB },
	{ "collect", cmd_collect, "copy what check reads into an archive for another machine",
	  true, 0 },
	{ "fix", cmd_fix, "print (or --apply) the smallest proven configuration change", true,
	  PROBE_STACK_KIB },
	{ "fbinfo", cmd_fbinfo, "show a framebuffer's FBIOGET_FSCREENINFO and FBIOGET_VSCREENINFO",
	  true, 0 },
	{ "replay", cmd_replay, "drive the VMBus MMIO allocator model with a script", false, 0 },
	{ "iomem",  cmd_iomem,  "read and show a /proc/iomem listing as a tree", true, 0 },
	{ "simulate", cmd_simulate, "run a scenario's two kernels: will the vmcore be saved?",
	  true, 0 },
	{ "matrix", cmd_matrix, "the simulation over every combination of some keys", true, 0 },
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
	fprintf(out, " %-9s %s\n", "help", "a command's options: help COMMAND");
	fputs("\n"
	      "Options:\n"
	      " -h, --help     display this help\n"
	      " -V, --version  display the version\n"
	      "\n"
	      "Run '" PROGRAM " help COMMAND' or '" PROGRAM " COMMAND --help' for a command's\n"
	      "options.\n", out);
}

static const struct command *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(name, commands[i].name))
			return &commands[i];
	return NULL;
}

static int unknown_command(const char *name)
{
	const char *best = NULL;
	unsigned int d, bestd = 3;
	size_t i;

	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if ((d = hv_distance(name, commands[i].name)) < bestd) {
			bestd = d;
			best = commands[i].name;
		}
	hv_warnx("unknown command '%s'", name);
	if (best)
		fprintf(stderr, "Did you mean '%s'?\n", best);
	fputs("Try '" PROGRAM " --help' for more information.\n", stderr);
	return HV_EXIT_ERROR;
}

/*
 * -J or --json (or a prefix getopt_long takes for it) among the options
 * before "--": a failure before the command's getopt reaches it still
 * answers in JSON. A cluster (-tJ) is seen by the command's getopt.
 */
static bool wants_json(int argc, char **argv)
{
	int i;

	for (i = 2; i < argc && strcmp(argv[i], "--"); i++)
		if (!strcmp(argv[i], "-J") ||
		    (strlen(argv[i]) >= 4 && !strncmp("--json", argv[i], strlen(argv[i]))))
			return true;
	return false;
}

/* argv[1] is the command's name, as getopt's messages show it */
static int run(const struct command *cmd, int argc, char **argv)
{
	char name[64];

	if (cmd->json && wants_json(argc, argv))
		hv_json_errors(cmd->name);
	/* getopt's messages then read "hvkdump: check: ...", as ours do */
	snprintf(name, sizeof(name), PROGRAM ": %s", cmd->name);
	argv[1] = name;
	if (cmd->stack_kib)
		hv_prefault_stack((size_t)cmd->stack_kib << 10);
	return hv_json_error_exit(cmd->run(argc - 1, argv + 1));
}

/*
 * A standard descriptor the caller closed is held by /dev/null opened for
 * reading: the next file opened is never taken for standard output (a fix
 * would print its report into it), and a write there still fails (EBADF),
 * as on the closed descriptor.
 */
static void hold_closed_std_fds(void)
{
	int fd;

	for (fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		if (open("/dev/null", O_RDONLY | O_NOCTTY) < 0)
			return;
	}
}

int main(int argc, char **argv)
{
	const struct command *cmd;

	hold_closed_std_fds();

	if (argc < 2) {
		usage(stderr);
		return HV_EXIT_ERROR;
	}
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		usage(stdout);
		return hv_close_stdout(HV_EXIT_OK);
	}
	if (!strcmp(argv[1], "-V") || !strcmp(argv[1], "--version")) {
		if (argc > 2) {
			hv_warnx("unexpected argument '%s' after %s", argv[2], argv[1]);
			return HV_EXIT_ERROR;
		}
		return hv_print_version();
	}
	/* hvkdump help [COMMAND]: the command's --help */
	if (!strcmp(argv[1], "help")) {
		static char help_opt[] = "--help";
		char *args[3];

		if (argc == 2) {
			usage(stdout);
			return hv_close_stdout(HV_EXIT_OK);
		}
		if (argc > 3) {
			hv_warnx("help: one command at most");
			return HV_EXIT_ERROR;
		}
		cmd = find_command(argv[2]);
		if (!cmd)
			return unknown_command(argv[2]);
		args[0] = argv[0];
		args[1] = argv[2];
		args[2] = help_opt;
		return run(cmd, 3, args);
	}
	if (argv[1][0] == '-') {
		hv_warnx("unknown option '%s'", argv[1]);
		fputs("Try '" PROGRAM " --help' for more information.\n", stderr);
		return HV_EXIT_ERROR;
	}
	cmd = find_command(argv[1]);
	return cmd ? run(cmd, argc, argv) : unknown_command(argv[1]);
}
