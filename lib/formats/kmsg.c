// SPDX-License-Identifier: GPL-2.0-or-later
/* Kernel log lines that already tell the story. */
#include <stdio.h>

#include "lib/util/lines.h"
#include "parsers.h"

static const char *find(const char *p, size_t l, const char *needle)
{
	size_t n = strlen(needle), i;

	for (i = 0; i + n <= l; i++)
		if (!memcmp(p + i, needle, n))
			return p + i;
	return NULL;
}

void kmsg_scan(const char *text, size_t len, struct kmsg_facts *out)
{
	struct line_iter it;
	const char *p, *s;
	size_t l;

	memset(out, 0, sizeof(*out));
	line_iter_init(&it, text, len);
	while (line_next(&it, &p, &l)) {
		/* drivers/pci/controller/pci-hyperv.c hv_pci_enter_d0() */
		s = find(p, l, "PCI Pass-through VSP failed D0 Entry with status ");
		if (s) {
			size_t i = 0;

			out->d0_failures++;
			s += strlen("PCI Pass-through VSP failed D0 Entry with status ");
			while (s + i < p + l && i + 1 < sizeof(out->d0_status) &&
			       strchr("0123456789abcdefABCDEFx", s[i]))
				i++;
			snprintf(out->d0_status, sizeof(out->d0_status), "%.*s", (int)i, s);
			continue;
		}
		/* the improved vmbus_reserve_fb() (016a25e4b0df) */
		s = find(p, l, "hv_mmio=");
		if (s) {
			out->hv_mmio_line = true;
			snprintf(out->hv_mmio, sizeof(out->hv_mmio), "%.*s",
				 (int)(l - (size_t)(s - p)), s);
			continue;
		}
		/* hv_pci_allocate_bridge_windows() */
		if (find(p, l, " of low MMIO space. Consider reconfiguring the VM") ||
		    find(p, l, " of high MMIO space. Consider reconfiguring the VM"))
			out->need_mmio++;
	}
}
