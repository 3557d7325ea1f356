// SPDX-License-Identifier: GPL-2.0-or-later
/* A kernel config, plain or gzip (/proc/config.gz): the first byte picks. */
#include <stdlib.h>

#include "probe/gunzip.h"
#include "lib/formats/parsers.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static void parse(const char *text, size_t len)
{
	struct hv_err err;

	if (kconfig_check(text, len, &err))
		return;
	kconfig_get(text, len, "CONFIG_X86_64");
	kconfig_get(text, len, "CONFIG_SYSFB");
	kconfig_get(text, len, "CONFIG_DRM_FBDEV_LEAK_PHYS_SMEM");
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct hv_err err = { 0, "" };
	char *out;
	size_t len;

	if (!size)
		return 0;
	if (data[0] & 1) {
		parse((const char *)data + 1, size - 1);
	} else if (!hv_gunzip((const char *)data + 1, size - 1, 1 << 20, &out, &len, &err)) {
		parse(out, len);
		free(out);
	}
	return 0;
}
