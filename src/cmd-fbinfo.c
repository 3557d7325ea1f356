// SPDX-License-Identifier: GPL-2.0-or-later
/* hvkdump fbinfo: what FBIOGET_FSCREENINFO and FBIOGET_VSCREENINFO say. */
#include <getopt.h>

#include "cli.h"
#include "fbinfo.h"

static void usage(void)
{
	fputs("Usage:\n"
	      " " PROGRAM " fbinfo [options] [DEVICE]\n"
	      "\n"
	      "Show every field of FBIOGET_FSCREENINFO and FBIOGET_VSCREENINFO of a\n"
	      "framebuffer device (default /dev/fb0): what kexec-tools reads when it\n"
	      "builds the kdump kernel's screen_info.\n"
	      "\n"
	      "Options:\n"
	      " -J, --json     JSON output\n"
	      " -h, --help     display this help\n"
	      " -V, --version  display the version\n"
	      "\n"
	      "Exit status: 0, or 2 for a missing device, one that is not a framebuffer,\n"
	      "or no permission.\n", stdout);
}

int cmd_fbinfo(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'J' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *dev = "/dev/fb0";
	struct fbdev_info info;
	struct hv_path pc;
	bool json = false;
	int c, rc;

	while ((c = getopt_long(argc, argv, "+JVh", longopts, NULL)) != -1) {
		switch (c) {
		case 'J':
			json = true;
			hv_json_errors("fbinfo");
			break;
		case 'V':
			return hv_print_version();
		case 'h':
			usage();
			return hv_close_stdout(HV_EXIT_OK);
		default:
			return hv_bad_option("fbinfo", argv, longopts);
		}
	}
	if (argc - optind > 1)
		return hv_usage_error("fbinfo", "one device at most");
	if (optind < argc)
		dev = argv[optind];
	hv_path_init(&pc, NULL);
	rc = fbdev_read(&pc, dev, &info);
	if (rc) {
		hv_warnx("fbinfo: %s: %s", dev, fbinfo_strerror(rc));
		return HV_EXIT_ERROR;
	}
	fbinfo_print(stdout, dev, &info, json);
	return hv_close_stdout(HV_EXIT_OK);
}
