// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Debian and Ubuntu kdump-tools 1:1.6.7 ... 1:1.10.7, debian/kdump-config
 * kdump_load(): the kexec syscall flag it passes. -s comes first under
 * Secure Boot, KDUMP_KEXEC_ARGS after it, so the last flag there wins.
 */
#include <stdio.h>

#include "model/kdump_service.h"

enum kexec_request kdump_tools_kdump_load(const struct kexec_args_flag *flag, bool secure_boot,
					  char *why, size_t wlen)
{
	if (flag->req != KEXEC_REQ_DEFAULT) {
		snprintf(why, wlen, "KDUMP_KEXEC_ARGS has %s%s", flag->which,
			 secure_boot && flag->req != KEXEC_REQ_FILE ?
			 ", which overrides the -s kdump-config adds for Secure Boot" : "");
		return flag->req;
	}
	if (secure_boot) {
		snprintf(why, wlen, "kdump-config adds -s: Secure Boot is on");
		return KEXEC_REQ_FILE;
	}
	snprintf(why, wlen, "neither Secure Boot nor KDUMP_KEXEC_ARGS chooses: "
		 "the kexec binary's default");
	return KEXEC_REQ_DEFAULT;
}
