// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * openSUSE and SLES kdump (github.com/openSUSE/kdump), init/load.sh
 * load_kdump_kexec(): the kexec runs the kdump service makes, by the kdump
 * package's version:
 *   before 0.9.0     KEXEC_OPTIONS alone: its last syscall option, else the
 *                    kexec binary's default;
 *   0.9.0 ... 1.9.5  "KEXEC_OPTIONS -s" (c9f231320fe6, v0.9.0), and after
 *                    any failure KEXEC_OPTIONS alone;
 *   1.9.6 and later  "KEXEC_OPTIONS -a" (88c3ebd, v1.9.6), one run.
 */
#include <stdio.h>
#include <stdlib.h>

#include "model/kdump_service.h"

#define V0_9_0	900
#define V1_9_6	10906

unsigned int suse_kdump_version(const char *s)
{
	unsigned long part[3] = { 0, 0, 0 };
	unsigned int i;
	char *end;

	/* VERSION or VERSION-RELEASE, as rpm -q prints it: "1.9.5-150500.3.5.1" */
	for (i = 0; i < 3; i++) {
		if (*s < '0' || *s > '9')
			return 0;
		part[i] = strtoul(s, &end, 10);
		if (part[i] > 99)
			return 0;
		s = end;
		if (i < 2 && *s++ != '.')
			return 0;
	}
	if (*s && *s != '-' && *s != '.')
		return 0;
	return (unsigned int)(part[0] * 10000 + part[1] * 100 + part[2]);
}

static const char *shown(unsigned int version, char *buf, size_t len)
{
	snprintf(buf, len, "%u.%u.%u", version / 10000, version / 100 % 100, version % 100);
	return buf;
}

enum kexec_request suse_kdump_load(const struct kexec_args_flag *flag, unsigned int version,
				   char *why, size_t wlen)
{
	char v[16];

	if (!version || version >= V1_9_6) {
		snprintf(why, wlen, "SUSE kdump %s passes -a last, over KEXEC_OPTIONS",
			 version ? shown(version, v, sizeof(v)) : "(1.9.6 or later assumed: its "
			 "version is unknown)");
		return KEXEC_REQ_AUTO;
	}
	if (version >= V0_9_0) {
		snprintf(why, wlen, "SUSE kdump %s passes -s last, over KEXEC_OPTIONS, and runs "
			 "kexec again without it after any failure", shown(version, v, sizeof(v)));
		return KEXEC_REQ_FILE;
	}
	if (flag->req != KEXEC_REQ_DEFAULT)
		snprintf(why, wlen, "SUSE kdump %s passes KEXEC_OPTIONS, which has %s",
			 shown(version, v, sizeof(v)), flag->which);
	else
		snprintf(why, wlen, "SUSE kdump %s passes KEXEC_OPTIONS, which has no syscall "
			 "option: the kexec binary's default", shown(version, v, sizeof(v)));
	return flag->req;
}

void suse_kdump_args(const char *options, unsigned int version, char *out, size_t olen,
		     char *retry, size_t rlen)
{
	const char *a = options && *options ? options : NULL;

	retry[0] = '\0';
	if (!version || version >= V1_9_6) {
		snprintf(out, olen, "-p%s%s -a", a ? " " : "", a ? a : "");
	} else if (version >= V0_9_0) {
		snprintf(out, olen, "-p%s%s -s", a ? " " : "", a ? a : "");
		snprintf(retry, rlen, "-p%s%s", a ? " " : "", a ? a : "");
	} else {
		snprintf(out, olen, "-p%s%s", a ? " " : "", a ? a : "");
	}
}
