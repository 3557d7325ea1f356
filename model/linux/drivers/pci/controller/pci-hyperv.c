// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * pci_hyperv: Linux v4.6 ... v7.1, drivers/pci/controller/pci-hyperv.c
 * (drivers/pci/host/ before v4.19) hv_pci_probe(); the host's answer to D0
 * entry is model/hyperv-host/host.c.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>

#include "model/kernel.h"

#define HV_PCI_CONFIG_SIZE	0x2000	/* HV_PCI_CONFIG_SPACE_SIZE: 8 KiB */

static uint64_t rounddown_pow_of_two(uint64_t x)
{
	uint64_t p = 1;

	while (p <= x / 2)
		p <<= 1;
	return p;
}

/* hv_allocate_config_window() */
static bool allocate_config_window(struct hv_kernel *k)
{
	bool above4g = k->build->fixes & FIX_BIT(FIX_PCI_CONFIG_ABOVE_4G);
	struct sim_alloc *a;

	if (kernel_allocate_mmio(k, "pci_hyperv", "config window", above4g ? SZ_4G : 0,
				 UINT64_MAX, HV_PCI_CONFIG_SIZE, 0x1000, false, &a)) {
		ktrace(k, false, "hv_allocate_config_window",
		       "no room for the 8 KiB config window%s: the probe fails",
		       above4g ? " above 4 GiB" : "");
		return false;
	}
	k->out->config_window = (struct mmio_span){ true, a->start, a->end };
	ktrace(k, false, "hv_allocate_config_window",
	       "config window at 0x%" PRIx64 "-0x%" PRIx64 "%s", a->start, a->end,
	       above4g ? " (allocated from 4 GiB up: the proposed patch, not merged)" : "");
	return true;
}

/* hv_pci_enter_d0(): the host checks the config window against VRAM */
static bool enter_d0(struct hv_kernel *k)
{
	const struct mmio_span *cw = &k->out->config_window;
	int attempt;

	for (attempt = 0; attempt < 2; attempt++) {
		bool assumed = false;

		if (hv_host_d0_entry(k->host, cw->start, cw->end, host_fw_vram_refuses(k->sc),
				     &assumed)) {
			ktrace(k, false, "hv_pci_enter_d0",
			       "D0 entry accepted: the host is told the config window base 0x%" PRIx64
			       "%s", cw->start, assumed ? " (assumed: it lies on VRAM no driver "
			       "moved, where the host's answer is not published; a Gen1 capture, "
			       "linux-hyperv, August 2022, shows D0 accepted there)" : "");
			k->out->d0_assumed |= assumed;
			return true;
		}
		k->out->d0_assumed |= assumed;
		if (assumed) {
			ktrace(k, false, "hv_pci_enter_d0",
			       "D0 entry refused (assumed: the config window 0x%" PRIx64 "-0x%" PRIx64
			       " lies on VRAM no driver moved, where the host's answer is not "
			       "published; refused as on VRAM a driver placed)", cw->start, cw->end);
			return false;
		}
		ktrace(k, attempt == 1, "hv_pci_enter_d0",
		       "PCI Pass-through VSP failed D0 Entry with status %x: the config window "
		       "0x%" PRIx64 "-0x%" PRIx64 " lies on VRAM the host maps at 0x%" PRIx64 "-0x%" PRIx64 "%s",
		       HV_D0_REFUSED_STATUS, cw->start, cw->end, k->host->vram.start,
		       k->host->vram.end, attempt ? " (the retry fails the same way)" : "");
	}
	return false;
}

/* hv_pci_allocate_bridge_windows(): one window for the 32-bit or 64-bit BARs */
static void bridge_window(struct hv_kernel *k, bool low, uint64_t need)
{
	struct sim_kernel *o = k->out;
	struct mmio_span *w = low ? &o->low_window : &o->high_window;
	struct sim_alloc *a;

	if (!need)
		return;
	if (kernel_allocate_mmio(k, "pci_hyperv", low ? "32-bit BAR window" : "64-bit BAR window",
				 low ? 0 : SZ_4G, low ? 0xffffffffULL : UINT64_MAX, need,
				 rounddown_pow_of_two(need), false, &a)) {
		o->bars_missing = true;
		ktrace(k, false, "hv_pci_allocate_bridge_windows",
		       "Need %#" PRIx64 " of %s MMIO space. Consider reconfiguring the VM.",
		       need, low ? "low" : "high");
		return;
	}
	*w = (struct mmio_span){ true, a->start, a->end };
	if (span_overlaps(&k->host->vram, a->start, a->end)) {
		o->bars_on_vram = true;
		ktrace(k, false, "hv_pci_allocate_bridge_windows",
		       "%s BAR window 0x%" PRIx64 "-0x%" PRIx64 " lies on live VRAM: the devices "
		       "whose BARs land there do not work", low ? "32-bit" : "64-bit",
		       a->start, a->end);
		return;
	}
	ktrace(k, true, "hv_pci_allocate_bridge_windows", "%s BAR window at 0x%" PRIx64 "-0x%" PRIx64,
	       low ? "32-bit" : "64-bit", a->start, a->end);
}

/* drivers/pci/controller/pci-hyperv.c: hv_pci_probe() of one bus */
static void probe_bus(struct hv_kernel *k)
{
	struct sim_kernel *o = k->out;

	if (!allocate_config_window(k))
		return;
	if (!enter_d0(k)) {
		o->d0_refused = true;
		/* the probe's error path: free_config, hv_free_config_window() */
		vmbus_free_mmio(&k->vm, o->config_window.start, HV_PCI_CONFIG_SIZE);
		ktrace(k, true, "hv_pci_probe", "probe failed: the config window is freed "
		       "(hv_free_config_window()); no PCI bus, no device behind it");
		return;
	}
	bridge_window(k, true, k->sc->bars32);
	bridge_window(k, false, k->sc->bars64);
	o->pci_ok = true;
	ktrace(k, true, "hv_pci_probe", "root bus created");
}

/*
 * hv_pci_probe() runs once per pass-through bus the host offers, each with
 * its own config window and bridge windows. The dump target is taken to be
 * behind the first bus; the others' results are traced and take MMIO.
 */
void hv_pci_probe(struct hv_kernel *k)
{
	struct sim_kernel *o = k->out, first;
	unsigned int i;

	if (!k->sc->pci_buses) {
		ktrace(k, true, "hv_pci_probe", "pci_hyperv: the host offers no PCI pass-through "
		       "device, nothing to probe");
		return;
	}
	o->pci_probed = true;
	o->vram_at_pci = k->host->vram;
	for (i = 0; i < k->sc->pci_buses; i++) {
		if (i)
			first = *o;
		ktrace(k, true, "hv_pci_probe", "pci_hyperv probes the PCI pass-through device%s",
		       k->sc->pci_buses == 1 ? "" : i ? " of another bus" : " of the first bus");
		probe_bus(k);
		if (!i)
			continue;
		/* the first bus's outcome is the one the verdict reads */
		o->config_window = first.config_window;
		o->low_window = first.low_window;
		o->high_window = first.high_window;
		o->d0_refused = first.d0_refused;
		o->pci_ok = first.pci_ok;
		o->bars_on_vram = first.bars_on_vram;
		o->bars_missing = first.bars_missing;
	}
}
