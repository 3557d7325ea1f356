// SPDX-License-Identifier: GPL-2.0-or-later
/* /etc/kdump.conf */
#include "lib/formats/parsers.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct kdumpconf kc;
	struct hv_err err;

	kdumpconf_parse((const char *)data, size, &kc, &err);
	return 0;
}
