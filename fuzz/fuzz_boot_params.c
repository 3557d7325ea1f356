// SPDX-License-Identifier: GPL-2.0-or-later
/* /sys/kernel/boot_params/data: screen_info, and the efivar bytes */
#include "lib/formats/parsers.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct screen_info_lfb si;
	struct hv_err err;
	uint8_t v;

	screen_info_parse(data, size, &si, &err);
	efivar_byte(data, size, &v);
	return 0;
}
