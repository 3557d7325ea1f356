// SPDX-License-Identifier: GPL-2.0-or-later
/* /proc/iomem: where the first kernel put VRAM, the config window and the BARs. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "model/iomem.h"
#include "probe.h"


static bool is_pci_guid(const struct facts *f, const char *name)
{
	unsigned int i;

	for (i = 0; i < f->npci; i++)
		if (!strcmp(f->pci_guid[i], name))
			return true;
	return false;
}

/* Reads the tree: allocations are named by the VMBus device instance GUID. */
static void scan(struct probe *p, const struct resource *root)
{
	struct facts *f = p->f;
	bool pci_seen = false;
	struct resource *r;

	f->bars32 = f->bars64 = 0;
	for (r = root->child; r; r = r->sibling)
		if (r->name && !strcmp(r->name, "System RAM") &&
		    p->nram < sizeof(p->ram) / sizeof(p->ram[0]))
			p->ram[p->nram++] = (struct mmio_span){ true, r->start, r->end };
	for (r = root->child; r; r = res_next(root, r, NULL)) {
		uint64_t size = r->end - r->start + 1;

		if (!r->name)
			continue;
		if (f->video_dev && !f->vram.set && !strcmp(r->name, f->video_guid)) {
			f->vram = (struct mmio_span){ true, r->start, r->end };
			fact_set(f, F_VRAM, "/proc/iomem", "0x%" PRIx64 "-0x%" PRIx64
				 " (%" PRIu64 " MiB, named %s)", r->start, r->end, size >> 20, r->name);
		} else if (is_pci_guid(f, r->name)) {
			pci_seen = true;
			if (size == 0x2000 && !f->config_window.set) {
				f->config_window = (struct mmio_span){ true, r->start, r->end };
				fact_set(f, F_CONFIG_WINDOW, "/proc/iomem", "0x%" PRIx64 "-0x%" PRIx64
					 " (named %s)", r->start, r->end, r->name);
			} else if (r->start < 0x100000000ULL) {
				f->bars32 += size;
			} else {
				f->bars64 += size;
			}
		}
	}
	if (f->video_dev && !f->vram.set)
		fact_unknown(f, F_VRAM, "/proc/iomem", "unknown: no allocation named %s "
			     "(the video driver did not take VRAM)", f->video_guid);
	if (f->npci && !f->config_window.set)
		fact_unknown(f, F_CONFIG_WINDOW, "/proc/iomem", "unknown: no 8 KiB allocation "
			     "named %s", f->pci_guid[0]);
	if (f->config_window.set && f->config_window.start >= 0x100000000ULL)
		f->fixes_seen |= FIX_BIT(FIX_PCI_CONFIG_ABOVE_4G);
	if (pci_seen || !f->npci)
		fact_set(f, F_BARS, "/proc/iomem", "32-bit 0x%" PRIx64 ", 64-bit 0x%" PRIx64 "%s",
			 f->bars32, f->bars64, f->npci ? "" : " (no PCI pass-through device)");
}

void probe_iomem(struct probe *p)
{
	struct facts *f = p->f;
	struct resource *root = NULL;
	struct hv_err err = { 0, "" };
	char *buf;
	size_t len;

	if (probe_read(p, F_IOMEM, "/proc/iomem", IOMEM_FILE_MAX, &buf, &len)) {
		fact_unknown(f, F_VRAM, "/proc/iomem", "%s", f->f[F_IOMEM].value);
		fact_unknown(f, F_CONFIG_WINDOW, "/proc/iomem", "%s", f->f[F_IOMEM].value);
		fact_unknown(f, F_BARS, "/proc/iomem", "%s", f->f[F_IOMEM].value);
		return;
	}
	switch (probe_kernel_text(buf, len, false, &err) ? IOMEM_MALFORMED :
		iomem_parse(buf, len, &root, &err)) {
	case IOMEM_OK:
		fact_set(f, F_IOMEM, "/proc/iomem", "read");
		scan(p, root);
		break;
	case IOMEM_ZEROED:
		fact_denied(f, F_IOMEM, "/proc/iomem", "unknown: every address reads 0: it was "
			     "read without CAP_SYS_ADMIN (run as root)");
		fact_unknown(f, F_VRAM, "/proc/iomem", "unknown: /proc/iomem shows only zeros");
		fact_unknown(f, F_CONFIG_WINDOW, "/proc/iomem", "unknown: /proc/iomem shows only zeros");
		fact_unknown(f, F_BARS, "/proc/iomem", "unknown: /proc/iomem shows only zeros");
		break;
	default:
		free(buf);
		probe_bad_file(p, F_IOMEM, "/proc/iomem", &err);
		probe_bad_file(p, F_VRAM, "/proc/iomem", &err);
		probe_bad_file(p, F_CONFIG_WINDOW, "/proc/iomem", &err);
		probe_bad_file(p, F_BARS, "/proc/iomem", &err);
		return;
	}
	res_free(root);
	free(buf);
}
