// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * openSUSE and SLES kdump (github.com/openSUSE/kdump), init/load.sh: the
 * kexec syscall flag the kdump service passes.
 */
#include <stdio.h>

#include "model/kdump_service.h"

enum kexec_request suse_kdump_load(unsigned int kexec_tools, char *why, size_t wlen)
{
	(void)kexec_tools;
	/* the kdump package's version is not read: assumed 1.9.6 or later */
	snprintf(why, wlen, "SUSE kdump (1.9.6 and later, assumed) passes -a last, over "
		 "KEXEC_OPTIONS");
	return KEXEC_REQ_AUTO;
}
