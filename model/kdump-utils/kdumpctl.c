// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * RHEL and Fedora kdumpctl (kexec-tools package up to RHEL 9, kdump-utils
 * after), kdumpctl load_kdump(): the kexec syscall flag it passes.
 * KEXEC_ARGS is "" unless /etc/sysconfig/kdump sets it (RHEL 8.8, 9.2, 9.3
 * and Fedora 35+ ship KEXEC_ARGS="-s" there); under Secure Boot -s comes
 * last and wins.
 */
#include <stdio.h>

#include "model/kdump_service.h"

enum kexec_request kdumpctl_load_kdump(const struct kexec_args_flag *flag, bool secure_boot,
				       char *why, size_t wlen)
{
	if (secure_boot) {
		snprintf(why, wlen, "kdumpctl appends -s: Secure Boot is enforced");
		return KEXEC_REQ_FILE;
	}
	if (flag->req != KEXEC_REQ_DEFAULT) {
		snprintf(why, wlen, "KEXEC_ARGS has %s", flag->which);
		return flag->req;
	}
	/* the -s "default" lives only in the shipped /etc/sysconfig/kdump */
	snprintf(why, wlen, "KEXEC_ARGS names no syscall: the kexec binary's default");
	return KEXEC_REQ_DEFAULT;
}
