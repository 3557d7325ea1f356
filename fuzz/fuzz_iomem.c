// SPDX-License-Identifier: GPL-2.0-or-later
/* /proc/iomem: parse; a listing that parses prints back to itself. */
#include <stdlib.h>
#include <string.h>

#include "model/iomem.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct resource *root = NULL, *again = NULL;
	struct strbuf sb = STRBUF_INIT, sb2 = STRBUF_INIT;
	struct hv_err err;

	if (iomem_parse((const char *)data, size, &root, &err) != IOMEM_OK)
		return 0;
	iomem_show(root, &sb);
	/* what r_show() prints parses, and prints the same again */
	if (iomem_parse(sb_str(&sb), sb.len, &again, &err) != IOMEM_OK)
		abort();
	iomem_show(again, &sb2);
	if (sb.len != sb2.len || memcmp(sb_str(&sb), sb_str(&sb2), sb.len))
		abort();
	res_free(root);
	res_free(again);
	sb_release(&sb);
	sb_release(&sb2);
	return 0;
}
