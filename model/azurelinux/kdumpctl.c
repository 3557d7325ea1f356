// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Azure Linux (CBL-Mariner) kexec-tools 2.0.21-3 and later, SPECS/kexec-tools
 * kdumpctl load_kdump(): -s always comes last.
 */
#include <stdio.h>

#include "model/kdump_service.h"

enum kexec_request azurelinux_load_kdump(char *why, size_t wlen)
{
	snprintf(why, wlen, "the Azure Linux kdumpctl always uses -s");
	return KEXEC_REQ_FILE;
}
