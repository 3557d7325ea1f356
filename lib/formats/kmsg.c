// SPDX-License-Identifier: GPL-2.0-or-later
/* Kernel log lines that already tell the story. */
#include <stdio.h>
#include <string.h>

#include "util/lines.h"
#include "util/number.h"
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
		/*
		 * hvkdump's own report, which the kdump initramfs writes to the
		 * kernel log (contrib/initramfs-tools): not the kernel's evidence
		 * ("no hv_mmio= line" would read as one; seen in lab/run)
		 */
		if (find(p, l, "hvkdump: "))
			continue;
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
		/* vmbus_connect(): printed after vmbus_reserve_fb() ran */
		if (find(p, l, "Vmbus version:")) {
			out->vmbus_seen = true;
			continue;
		}
		/* hv_pci_allocate_bridge_windows() */
		if (find(p, l, " of low MMIO space. Consider reconfiguring the VM") ||
		    find(p, l, " of high MMIO space. Consider reconfiguring the VM"))
			out->need_mmio++;
	}
}

/* One %pR: "[mem 0xS-0xE]" (flags may follow the range) or "(null)". */
static const char *parse_pr(const char *s, struct kmsg_span *out)
{
	char num[24];
	size_t n;

	*out = (struct kmsg_span){ false, 0, 0 };
	if (!strncmp(s, "(null)", 6))
		return s + 6;
	if (strncmp(s, "[mem ", 5))
		return NULL;
	s += 5;
	n = strcspn(s, "-]");
	if (s[n] != '-' || n >= sizeof(num))
		return NULL;
	memcpy(num, s, n);
	num[n] = '\0';
	if (hv_parse_u64(num, &out->start))
		return NULL;
	s += n + 1;
	n = strcspn(s, " ]");
	if (!s[n] || n >= sizeof(num))
		return NULL;
	memcpy(num, s, n);
	num[n] = '\0';
	if (hv_parse_u64(num, &out->end) || out->end < out->start)
		return NULL;
	s = strchr(s + n, ']');
	if (!s)
		return NULL;
	out->set = true;
	return s + 1;
}

int kmsg_hv_mmio_parse(const char *s, struct kmsg_span *low, struct kmsg_span *high,
		       struct kmsg_span *fb)
{
	if (strncmp(s, "hv_mmio=", 8))
		return -1;
	s = parse_pr(s + 8, low);
	if (!s || *s++ != ',')
		return -1;
	s = parse_pr(s, high);
	if (!s || strncmp(s, " fb=", 4))
		return -1;
	s = parse_pr(s + 4, fb);
	return s && low->set ? 0 : -1;
}

int log_text_check(const char *text, size_t len, struct hv_err *err)
{
	unsigned long line = 1, first = 0;
	size_t i, bad = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];

		if (c == '\n') {
			line++;
		} else if ((c < 0x20 && c != '\t' && c != '\r' && c != '\0') || c == 0x7f) {
			bad++;
			first = first ? first : line;
		}
	}
	/* a few bytes of noise are a log's; more is no text */
	if (bad > 8 && bad * 32 > len) {
		hv_err_set(err, first, "not text: %zu of its %zu bytes are control characters",
			   bad, len);
		return -1;
	}
	return 0;
}
