// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * RHEL and Fedora kdumpctl (kexec-tools package up to RHEL 9, kdump-utils
 * after), kdumpctl load_kdump(): the kexec syscall flag it passes.
 */
#include <stdio.h>

#include "model/kdump_service.h"

enum kexec_request kdumpctl_load_kdump(const struct kexec_args_flag *flag, bool secure_boot,
				       char *why, size_t wlen)
{
	if (secure_boot) {
		snprintf(why, wlen, "kdumpctl adds -s: Secure Boot is enforced");
		return KEXEC_REQ_FILE;
	}
	if (flag->req != KEXEC_REQ_DEFAULT) {
		snprintf(why, wlen, "KEXEC_ARGS has %s", flag->which);
		return flag->req;
	}
	snprintf(why, wlen, "kdumpctl uses -s by default on x86_64 and aarch64");
	return KEXEC_REQ_FILE;
}
