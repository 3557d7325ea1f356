// SPDX-License-Identifier: GPL-2.0-or-later
/* /proc/fb */
#include "lib/formats/parsers.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct procfb pf;
	struct hv_err err;

	procfb_parse((const char *)data, size, &pf, &err);
	return 0;
}
