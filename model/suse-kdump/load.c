// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * openSUSE and SLES kdump (github.com/openSUSE/kdump), init/load.sh: the
 * kexec syscall flag the kdump service passes.
 */
#include <stdio.h>

#include "model/kdump_service.h"

enum kexec_request suse_kdump_load(unsigned int kexec_tools, char *why, size_t wlen)
{
	if (kexec_tools >= 20027) {
		snprintf(why, wlen, "SUSE kdump passes -a last, over KEXEC_OPTIONS");
		return KEXEC_REQ_AUTO;
	}
	snprintf(why, wlen, "kexec-tools before 2.0.27 has no -a: the binary's default");
	return KEXEC_REQ_DEFAULT;
}
