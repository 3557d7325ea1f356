// SPDX-License-Identifier: GPL-2.0-or-later
/* hvkdump replay: run an allocator script. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "replay.h"

static void usage(void)
{
	fputs("Usage:\n"
	      " " PROGRAM " replay [FILE|-]\n"
	      "\n"
	      "Drive the VMBus MMIO model with a script, one command a line\n"
	      "(from standard input without FILE or with -):\n"
	      "\n"
	      " set vtpm-fix on|off        which vTPM truncation range applies (default on)\n"
	      " range START END            a VMBus _CRS range, as vmbus_walk_resources()\n"
	      " region START END NAME...   a non-busy resource (bus window, BAR)\n"
	      " busy START END NAME...     a busy resource\n"
	      " reserve-fb START SIZE      vmbus_reserve_fb()'s request loop\n"
	      " alloc NAME MIN MAX SIZE ALIGN FB_OVERLAP_OK\n"
	      "                            vmbus_allocate_mmio()\n"
	      " free START SIZE            vmbus_free_mmio()\n"
	      " release START SIZE         release_mem_region(): a driver dropping a\n"
	      "                            busy region, e.g. the firmware framebuffer\n"
	      " iomem                      print the global tree as /proc/iomem\n"
	      " ranges                     print the VMBus ranges and their claims\n"
	      "\n"
	      "Numbers: 0x hex or decimal, optional suffix K, M, G or T; -1 is\n"
	      "0xffffffffffffffff. '#' starts a comment. A malformed line stops\n"
	      "the run with FILE:LINE and exit status 2.\n"
	      "\n"
	      "Options:\n"
	      " -h, --help                 display this help\n"
	      " -V, --version              display the version\n"
	      "\n"
	      "Example:\n"
	      " printf 'range 0x40000000 0xfed3ffff\\nreserve-fb 0x40000000 8M\\n' >s.hvr\n"
	      " printf 'alloc pci 0 -1 8K 4K 0\\n' >>s.hvr\n"
	      " " PROGRAM " replay s.hvr\n",
	      stdout);
}

int cmd_replay(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *path = "-", *shown;
	struct hv_err err = { 0, "" };
	FILE *in;
	int c, rc;

	while ((c = getopt_long(argc, argv, "+Vh", longopts, NULL)) != -1) {
		switch (c) {
		case 'V':
			return hv_print_version();
		case 'h':
			usage();
			return hv_close_stdout(HV_EXIT_OK);
		default:
			return hv_bad_option("replay", argv, longopts);
		}
	}
	if (argc - optind > 1)
		return hv_usage_error("replay", "one script at most");
	if (optind < argc)
		path = argv[optind];
	in = hv_open_input("replay", path, &shown);
	if (!in)
		return HV_EXIT_ERROR;
	rc = replay_run_exiting(in, stdout, &err);
	if (in != stdin)
		fclose(in);
	if (rc) {
		fflush(stdout);
		hv_warn_at(shown, &err);
		return HV_EXIT_ERROR;
	}
	return hv_close_stdout(HV_EXIT_OK);
}
