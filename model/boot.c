// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Ours: a kernel boot as far as MMIO goes, in the order Linux runs it: PCI
 * enumeration (Gen1), the VMBus ranges and framebuffer reservation
 * (drivers/hv/vmbus_drv.c vmbus_acpi_add(), v4.6 ... v7.1; the mechanisms
 * under model/linux/drivers/hv/), the firmware framebuffer, then the
 * drivers: built-in ones first, then the modules this kernel loads, each
 * group in probe order.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel.h"
#include "util/strbuf.h"

int kernel_allocate_mmio(struct hv_kernel *k, const char *driver, const char *what,
			 uint64_t min, uint64_t max, uint64_t size, uint64_t align,
			 bool fb_overlap_ok, struct sim_alloc **rec)
{
	struct sim_kernel *o = k->out;
	struct sim_alloc *a, spare = { 0 };
	struct resource *new;

	a = o->nallocs < SIM_MAX_ALLOCS ? &o->allocs[o->nallocs++] : &spare;
	*a = (struct sim_alloc){
		.what = what, .driver = driver, .min = min, .max = max,
		.size = size, .align = align, .fb_overlap_ok = fb_overlap_ok,
	};
	a->rc = vmbus_allocate_mmio(&k->vm, &new, driver, min, max, size, align,
				    fb_overlap_ok);
	if (a->rc == VMBUS_MMIO_SPINS) {
		/* the probe never returns: for the verdict, the allocation failed */
		a->rc = -ENXIO;
		o->mmio_spins = true;
		ktrace(k, false, "vmbus_allocate_mmio",
		       "%s %s: min 0x%" PRIx64 " max 0x%" PRIx64 " size 0x%" PRIx64
		       " align 0x%" PRIx64 " fb_overlap_ok %d: the loop's address wraps past "
		       "2^64 and never finds room: the kernel would spin here, holding "
		       "hyperv_mmio_lock", driver, what, min, max, size, align, fb_overlap_ok);
	} else if (!a->rc) {
		a->start = new->start;
		a->end = new->end;
		ktrace(k, !k->vm.wrapped, "vmbus_allocate_mmio",
		       "%s %s: min 0x%" PRIx64 " max 0x%" PRIx64 " size 0x%" PRIx64
		       " align 0x%" PRIx64 " fb_overlap_ok %d -> 0x%" PRIx64 "-0x%" PRIx64 "%s",
		       driver, what, min, max, size, align, fb_overlap_ok, a->start, a->end,
		       k->vm.wrapped ? " (the fb_range loop's address wrapped past 2^64 to 0: "
		       "outside every VMBus range)" : "");
	} else {
		ktrace(k, true, "vmbus_allocate_mmio",
		       "%s %s: min 0x%" PRIx64 " max 0x%" PRIx64 " size 0x%" PRIx64
		       " align 0x%" PRIx64 " fb_overlap_ok %d -> %s",
		       driver, what, min, max, size, align, fb_overlap_ok,
		       a->rc == -ENXIO ? "-ENXIO" : "-ENOMEM");
	}
	if (k->vm.steps > VMBUS_MMIO_LONG_LOOP && !o->mmio_spins)
		ktrace(k, false, "vmbus_allocate_mmio", "%s %s: the kernel tries about 2^%u "
		       "candidates here, one by one, holding hyperv_mmio_lock: minutes or more",
		       driver, what, 63 - (unsigned int)__builtin_clzll(k->vm.steps));
	*rec = a;
	return a->rc;
}

/* Gen1: the PCI root bus windows and the legacy video device's BAR0. */
static void pci_enumerate(struct hv_kernel *k)
{
	const struct scenario *sc = k->sc;

	if (sc->gen != 1)
		return;
	res_request_nested(k->iomem, sc->low.start, sc->low.end - sc->low.start + 1,
			   "PCI Bus 0000:00", IORESOURCE_MEM | IORESOURCE_WINDOW, NULL);
	if (sc->high.set)
		res_request_nested(k->iomem, sc->high.start, sc->high.end - sc->high.start + 1,
				   "PCI Bus 0000:00", IORESOURCE_MEM | IORESOURCE_WINDOW, NULL);
	if (sc->video && sc->video_bar.set) {
		res_request_nested(k->iomem, sc->video_bar.start,
				   sc->video_bar.end - sc->video_bar.start + 1,
				   "0000:00:08.0", IORESOURCE_MEM, NULL);
		ktrace(k, true, "pci_scan_root_bus",
		       "legacy video device 1414:5353, BAR0 0x%" PRIx64 "-0x%" PRIx64,
		       sc->video_bar.start, sc->video_bar.end);
	}
}

/* %pR of a VMBus range: "[mem 0x...-0x...]", "(null)" for none */
static void pr_resource(char *buf, size_t len, const struct resource *r)
{
	if (r)
		snprintf(buf, len, "[mem 0x%" PRIx64 "-0x%" PRIx64 "]", r->start, r->end);
	else
		snprintf(buf, len, "(null)");
}

/* 016a25e4b0df: pr_info("hv_mmio=%pR,%pR fb=%pR\n", ...), as the kernel log has it */
static void log_hv_mmio(struct hv_kernel *k, const struct resource *fb)
{
	const struct resource *low = k->vm.hyperv_mmio;
	char a[48], b[48], c[48];

	pr_resource(a, sizeof(a), low);
	pr_resource(b, sizeof(b), low ? low->sibling : NULL);
	pr_resource(c, sizeof(c), fb);
	ktrace(k, true, "vmbus_reserve_fb", "hv_mmio=%s,%s fb=%s", a, b, c);
}

/* drivers/hv/vmbus_drv.c: vmbus_acpi_add() */
static int vmbus_acpi_add(struct hv_kernel *k)
{
	const struct scenario *sc = k->sc;
	struct sim_kernel *o = k->out;
	struct vmbus_fb_info fb = {
		.efi_boot = o->efi_boot,
		.sysfb = k->build->sysfb,
		.sysfb_gate = k->build->sysfb_gate,
		.gen1_screen_info = !k->build->gen1_pci_bar,
		.lfb_base = (uint32_t)o->lfb_base,
		.lfb_size = o->lfb_size,
		.video_bar = sc->gen == 1 && sc->video && sc->video_bar.set,
		.bar_start = sc->video_bar.start,
		.bar_len = sc->video_bar.end - sc->video_bar.start + 1,
		.improved = k->build->fixes & FIX_BIT(FIX_VMBUS_RESERVE_FB_LOW_BASE),
	};
	const struct mmio_span *crs[2] = { &sc->low, &sc->high };
	struct vmbus_fb_out out;
	struct resource *r;
	unsigned int i;

	/* 016a25e4b0df carries the vTPM cut; old kernels may carry it alone */
	k->vm.vtpm_fix = k->build->fixes &
			 (FIX_BIT(FIX_VTPM) | FIX_BIT(FIX_VMBUS_RESERVE_FB_LOW_BASE));
	for (i = 0; i < 2; i++) {
		if (!crs[i]->set)
			continue;
		if (vmbus_walk_resources(&k->vm, crs[i]->start, crs[i]->end))
			return -ENOMEM;
	}
	for (r = k->vm.hyperv_mmio; r; r = r->sibling)
		ktrace(k, true, "vmbus_walk_resources", "hyperv mmio 0x%" PRIx64 "-0x%" PRIx64,
		       r->start, r->end);

	r = vmbus_reserve_fb(&k->vm, &fb, &out);
	if (out.warn_low)
		ktrace(k, true, "vmbus_reserve_fb", "Unexpected low mmio base 0x%016" PRIx64
		       " (016a25e4b0df keeps the classic size)", out.low_base);
	if (out.warn_zero)
		ktrace(k, true, "vmbus_reserve_fb", "Unexpected framebuffer mmio base of zero");
	if (r) {
		o->fb_range = (struct mmio_span){ true, r->start, r->end };
		ktrace(k, false, "vmbus_reserve_fb", "fb_range = 0x%" PRIx64 "-0x%" PRIx64 " (%s)",
		       r->start, r->end,
		       sc->gen == 1 ? (fb.gen1_screen_info ? "from screen_info.lfb_base, at least "
				       "64 MiB (before 2a8a8afba0c3)" : "BAR0 of the legacy video device") :
		       out.start == o->lfb_base ? "from screen_info.lfb_base" :
		       "from the low MMIO base: lfb_base was 0 (016a25e4b0df)");
	} else if (!out.start) {
		ktrace(k, false, "vmbus_reserve_fb", "fb_range = none: %s",
		       sc->gen == 1 ? (fb.gen1_screen_info ? "screen_info.lfb_base is 0" :
				       "no legacy video device") :
		       fb.sysfb_gate && !fb.sysfb ? "CONFIG_SYSFB is off, screen_info is not read" :
		       "screen_info.lfb_base is 0");
	} else {
		ktrace(k, false, "vmbus_reserve_fb",
		       "fb_range = none: 0x%" PRIx64 " (0x%" PRIx64 " bytes, halved down to 1 MiB) "
		       "does not fit in the first range", out.start, out.size);
	}
	/*
	 * drivers/hv/vmbus_drv.c with 016a25e4b0df (v7.1; 6.1.177, 6.6.144 ...
	 * 7.0.13; Debian's 6.1.192-3): vmbus_acpi_add() calls vmbus_reserve_fb()
	 * only once hyperv_mmio is found, and vmbus_reserve_fb() prints its
	 * pr_info("hv_mmio=...") last, after returning early where start is 0:
	 * Gen2 without lfb_base and a usable low base, or (v6.7+, a07b50d80ab6)
	 * without CONFIG_SYSFB; Gen1 without the legacy video device's BAR0.
	 */
	o->hv_mmio_logged = out.logged && k->vm.hyperv_mmio;
	if (o->hv_mmio_logged)
		log_hv_mmio(k, r);
	return 0;
}

/* The modules this kernel loads, as a bit set. */
static unsigned int loaded_modules(const struct hv_kernel *k)
{
	const struct scenario *sc = k->sc;
	unsigned int mods;

	if (k->kdump)
		return sc->kdump_modules;
	/* the first kernel: udev loads pci_hyperv and the video driver in use */
	mods = MOD_BIT(MOD_PCI_HYPERV);
	if (sc->fb_driver == FB_HYPERV_DRM)
		mods |= MOD_BIT(MOD_HYPERV_DRM);
	else if (sc->fb_driver == FB_HYPERV_FB)
		mods |= MOD_BIT(MOD_HYPERV_FB);
	return mods;
}

static void probe(struct hv_kernel *k, enum hv_module m, bool builtin)
{
	ktrace(k, true, "do_init_module", "%s %s", module_name(m),
	       builtin ? "(built in) probes" : "(module) probes");
	if (m == MOD_PCI_HYPERV)
		hv_pci_probe(k);
	else
		hyperv_video_probe(k, m);
}

static const char *fw_fb_driver(const struct scenario *sc)
{
	if (sc->fb_driver == FB_SIMPLEDRM)
		return "simpledrm";
	return sc->gen == 2 ? "efifb" : "vesafb";
}

int boot_kernel(struct hv_kernel *k)
{
	const struct scenario *sc = k->sc;
	unsigned int mods = loaded_modules(k), i;
	bool fw_fb;

	k->iomem = iomem_root_new();
	if (!k->iomem)
		return -ENOMEM;
	vmbus_init(&k->vm, k->iomem);
	k->out->vram = k->host->vram;
	k->out->vram_in_ram = k->host->vram_in_ram;
	pci_enumerate(k);
	if (vmbus_acpi_add(k))
		return -ENOMEM;
	/*
	 * The firmware framebuffer driver (efifb, vesafb or simpledrm: built in
	 * wherever there is a /dev/fb0 at all) draws on whatever screen_info
	 * this kernel has; with fb-driver none there is none.
	 */
	fw_fb = sc->fb_driver != FB_NONE;
	if (fw_fb && k->build->sysfb)
		sysfb_init(k, fw_fb_driver(sc));
	for (i = 0; i < MOD_COUNT; i++)
		if (k->build->builtin & MOD_BIT(sc->probe_order[i]))
			probe(k, sc->probe_order[i], true);
	for (i = 0; i < MOD_COUNT; i++) {
		enum hv_module m = sc->probe_order[i];

		if ((mods & MOD_BIT(m)) && !(k->build->builtin & MOD_BIT(m)))
			probe(k, m, false);
	}
	if (!k->out->pci_probed && sc->pci_buses)
		ktrace(k, false, "hv_pci_probe",
		       "pci_hyperv is neither built in nor loaded: no PCI pass-through bus");
	k->out->vram = k->host->vram;
	k->out->vram_in_ram = k->host->vram_in_ram;
	return 0;
}

void kernel_teardown(struct hv_kernel *k)
{
	if (k->trace && k->trace->enabled && k->iomem) {
		struct strbuf sb = STRBUF_INIT;

		iomem_show(k->iomem, &sb);
		k->out->iomem = sb.oom ? NULL : sb.buf;
		if (sb.oom)
			sb_release(&sb);
		else if (!sb.buf)
			k->out->iomem = strdup("");
	}
	vmbus_release(&k->vm);
	res_free(k->iomem);
	k->iomem = NULL;
}
