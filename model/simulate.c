// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Ours: the two-kernel simulation and its verdict (SPEC section 6): the host's
 * VRAM, the first kernel, the kdump load, the kdump kernel on the same host
 * state, and whether the dump target is reachable from it.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>

#include "kernel.h"

const char *sim_syscall_name(enum sim_syscall s)
{
	static const char *const n[] = { "none", "kexec_load", "kexec_file_load" };

	return n[s];
}

const char *sim_reason_code_name(enum sim_reason_code c)
{
	static const char *const n[] = {
		"not_loaded", "d0_refused", "bars_on_vram", "no_mmio", "no_pci_driver", "fb_hang",
	};

	return c < REASON_COUNT ? n[c] : "?";
}

static void reason(struct sim_result *r, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void reason(struct sim_result *r, int code, const char *fmt, ...)
{
	va_list ap;

	if (code >= 0)
		r->codes |= 1u << code;
	/* a lean run keeps the codes, not the words */
	if (!r->trace.enabled || r->nreasons == SIM_MAX_REASONS)
		return;
	va_start(ap, fmt);
	vsnprintf(r->reasons[r->nreasons++], sizeof(r->reasons[0]), fmt, ap);
	va_end(ap);
}

static struct sim_device *device(struct sim_kernel *k, const char *name, bool ok)
{
	struct sim_device *d;

	if (k->ndevices == SIM_MAX_DEVICES)
		return NULL;
	d = &k->devices[k->ndevices++];
	d->name = name;
	d->ok = ok;
	d->reason[0] = '\0';
	return d;
}

#define dev_reason(d, ...) do { if (d) snprintf((d)->reason, sizeof((d)->reason), __VA_ARGS__); } while (0)

/* The fate of each device in one kernel. */
static void list_devices(const struct scenario *sc, struct sim_kernel *k)
{
	struct sim_device *d;
	bool pci_devs = k->pci_ok && !k->bars_on_vram && !k->bars_missing;

	d = sc->pci_buses ? device(k, "pci_hyperv (PCI pass-through bus)", pci_devs) : NULL;
	if (!k->pci_probed)
		dev_reason(d, "pci_hyperv is neither built in nor loaded");
	else if (!k->config_window.set)
		dev_reason(d, "no MMIO for the 8 KiB config window");
	else if (k->d0_refused)
		dev_reason(d, "D0 entry refused: config window 0x%" PRIx64 "-0x%" PRIx64
			   " on live VRAM", k->config_window.start, k->config_window.end);
	else if (k->bars_missing)
		dev_reason(d, "no MMIO for the BARs' bridge window");
	else if (k->bars_on_vram)
		dev_reason(d, "a BAR window lies on live VRAM");
	else
		dev_reason(d, "D0 entry accepted, config window 0x%" PRIx64 "-0x%" PRIx64,
			   k->config_window.start, k->config_window.end);

	if (k->video_driver) {
		d = device(k, k->video_driver, k->vram.set || k->vram_in_ram);
		dev_reason(d, k->vram.set ? "VRAM at 0x%" PRIx64 "-0x%" PRIx64 :
			   k->vram_in_ram ? "VRAM in guest RAM" : "no VRAM",
			   k->vram.start, k->vram.end);
	}
	if (k->fw_fb.set) {
		d = device(k, k->fw_fb_driver, !k->fw_fb_hang);
		dev_reason(d, "%s at 0x%" PRIx64 "%s", k->fw_fb_hang ? "drew" : "draws",
			   k->fw_fb.start, k->fw_fb_hang ? ", where the host maps no VRAM" :
			   k->fw_fb_removed ? ", on VRAM, until a native driver removed it" :
			   ", on VRAM");
	}
	switch (sc->dump_target) {
	case DUMP_NVME:
		d = device(k, "NVMe disk (behind pci_hyperv)", pci_devs);
		dev_reason(d, pci_devs ? "appears" : "never appears: its PCI bus is not up");
		break;
	case DUMP_NET_VF:
		d = device(k, "SR-IOV VF NIC (behind pci_hyperv)", pci_devs);
		dev_reason(d, pci_devs ? "appears" : "never appears: its PCI bus is not up");
		break;
	case DUMP_SCSI:
		d = device(k, "SCSI disk (storvsc)", true);
		dev_reason(d, "a VMBus device: needs no PCI pass-through");
		break;
	case DUMP_NET_SYNTHETIC:
		d = device(k, "synthetic NIC (netvsc)", true);
		dev_reason(d, "a VMBus device: needs no PCI pass-through");
		break;
	}
}

static const char *target_words(enum dump_target t)
{
	switch (t) {
	case DUMP_NVME: return "the NVMe disk";
	case DUMP_NET_VF: return "the SR-IOV VF NIC";
	case DUMP_SCSI: return "the SCSI disk on storvsc";
	case DUMP_NET_SYNTHETIC: return "the synthetic NIC (netvsc)";
	}
	return "?";
}

/*
 * The pass-through device the dump goes to (NVMe, a VF NIC): false, with
 * the reason, when the kdump kernel never gets it working.
 */
static bool pci_target_reachable(const struct scenario *sc, struct sim_result *r)
{
	const struct sim_kernel *k = &r->kdump;

	if (!k->pci_probed) {
		reason(r, REASON_NO_PCI_DRIVER,
		       "pci_hyperv is neither built into the kdump kernel nor in its "
		       "initramfs: %s never appears", target_words(sc->dump_target));
	} else if (!k->config_window.set) {
		reason(r, REASON_NO_MMIO, "the kdump kernel finds no MMIO for hv_pci's "
		       "config window: %s never appears", target_words(sc->dump_target));
	} else if (k->d0_refused) {
		char why[160] = "";

		if (!k->fb_range.set)
			snprintf(why, sizeof(why), "%s, so it reserved no fb_range; ",
				 sc->gen == 1 ? "the kdump kernel found no legacy video device" :
				 !r->kdump.lfb_base ? "the kdump kernel was handed lfb_base 0" :
				 "fb_range did not fit");
		reason(r, REASON_D0_REFUSED,
		       "%shv_pci's config window 0x%" PRIx64 "-0x%" PRIx64 " landed on VRAM "
		       "the host still maps at 0x%" PRIx64 "-0x%" PRIx64 "; the host refused "
		       "D0 entry (0xc0370048) and %s never appears", why,
		       k->config_window.start, k->config_window.end,
		       k->vram_at_pci.start, k->vram_at_pci.end,
		       target_words(sc->dump_target));
	} else if (k->bars_missing) {
		reason(r, REASON_NO_MMIO, "the kdump kernel finds no MMIO for the "
		       "pass-through BARs: %s does not work", target_words(sc->dump_target));
	} else if (k->bars_on_vram) {
		reason(r, REASON_BARS_ON_VRAM,
		       "a BAR window of the kdump kernel lies on live VRAM at 0x%" PRIx64
		       "-0x%" PRIx64 ": %s does not work",
		       k->vram_at_pci.start, k->vram_at_pci.end,
		       target_words(sc->dump_target));
	} else {
		return true;
	}
	return false;
}

/* Why the dump is saved: the path to its target. */
static void saved_because(const struct scenario *sc, struct sim_result *r, bool needs_pci)
{
	const struct sim_kernel *k = &r->kdump;

	if (needs_pci && k->fb_range.set)
		reason(r, -1, "the kdump kernel reserved fb_range 0x%" PRIx64 "-0x%" PRIx64
		       ", so hv_pci's config window went to 0x%" PRIx64 "-0x%" PRIx64 ", off the "
		       "VRAM; D0 entry is accepted and %s appears",
		       k->fb_range.start, k->fb_range.end, k->config_window.start,
		       k->config_window.end, target_words(sc->dump_target));
	else if (needs_pci)
		reason(r, -1, "hv_pci's config window 0x%" PRIx64 "-0x%" PRIx64 " lies off the "
		       "VRAM%s; D0 entry is accepted and %s appears",
		       k->config_window.start, k->config_window.end,
		       k->vram_at_pci.set ? "" : " (the host maps none)",
		       target_words(sc->dump_target));
	else
		reason(r, -1, "the dump goes to %s, which needs no PCI pass-through%s",
		       target_words(sc->dump_target),
		       k->pci_probed && !k->pci_ok ? " (pci_hyperv does fail in the kdump kernel)" : "");
}

/* Saved or not, and why: the verdict of one run of the model. */
static void verdict(const struct scenario *sc, struct sim_result *r)
{
	const struct sim_kernel *k = &r->kdump;
	bool needs_pci = sc->dump_target == DUMP_NVME || sc->dump_target == DUMP_NET_VF;
	bool reachable = true;

	if (r->handoff.syscall == SYSCALL_NONE) {
		reason(r, REASON_NOT_LOADED, "no crash kernel is loaded: %s", r->handoff.why);
		r->saved = false;
		return;
	}
	if (k->fw_fb_hang) {
		r->hang = true;
		reason(r, REASON_FB_HANG,
		       "the kdump kernel's %s draws at 0x%" PRIx64 "-0x%" PRIx64 ", the lfb_base "
		       "it was handed, but the host maps VRAM at %s: the writes go nowhere and "
		       "the kdump kernel can hang before the dump is written",
		       k->fw_fb_driver, k->fw_fb.start, k->fw_fb.end,
		       k->vram.set ? "another place (the first kernel moved it)" : "no address");
	}
	if (needs_pci)
		reachable = pci_target_reachable(sc, r);
	if (k->mmio_spins) {
		/* any dump target: the kernel never gets past the probe */
		r->hang = true;
		reason(r, REASON_NO_MMIO, "the kdump kernel spins for good in "
		       "vmbus_allocate_mmio(), holding hyperv_mmio_lock (its loop's address "
		       "wraps past 2^64 and finds no room): no dump is written");
	}
	r->saved = reachable && !r->hang;
	if (!r->saved)
		return;
	saved_because(sc, r, needs_pci);
}

/* Whether the first kernel itself, before any crash, has its PCI devices. */
static void first_kernel_verdict(struct sim_result *r)
{
	const struct sim_kernel *k = &r->first;

	r->first_ok = !k->pci_probed || (k->pci_ok && !k->bars_on_vram && !k->bars_missing);
	if (r->first_ok)
		return;
	if (!k->config_window.set)
		snprintf(r->first_why, sizeof(r->first_why), "the first kernel finds no MMIO for "
			 "hv_pci's config window");
	else if (k->d0_refused)
		snprintf(r->first_why, sizeof(r->first_why),
			 "the first kernel's hv_pci config window 0x%" PRIx64 "-0x%" PRIx64
			 " lies on VRAM at 0x%" PRIx64 "-0x%" PRIx64 "%s: D0 entry is refused",
			 k->config_window.start, k->config_window.end, k->vram_at_pci.start,
			 k->vram_at_pci.end, k->fb_range.set ? "" : " (it reserved no fb_range)");
	else if (k->bars_missing)
		snprintf(r->first_why, sizeof(r->first_why),
			 "the first kernel finds no MMIO for the pass-through BARs");
	else
		snprintf(r->first_why, sizeof(r->first_why),
			 "a BAR window of the first kernel lies on live VRAM");
}

static int run_kernel(const struct scenario *sc, struct sim_result *r, bool kdump,
		      struct hv_host *host)
{
	const struct kernel_build first = {
		.fixes = sc->fixes, .builtin = sc->builtin, .sysfb = sc->sysfb,
		.sysfb_gate = sc->sysfb_gate, .gen1_pci_bar = sc->gen1_pci_bar,
		.hvfb_clear_si = sc->hvfb_clear_si,
	};
	struct hv_kernel k = {
		.sc = sc, .build = kdump ? &sc->kdump : &first, .kdump = kdump, .phase = kdump ? PHASE_KDUMP : PHASE_FIRST,
		.trace = &r->trace, .host = host, .out = kdump ? &r->kdump : &r->first,
	};
	int rc = boot_kernel(&k);

	kernel_teardown(&k);
	if (!rc && r->trace.enabled)
		list_devices(sc, k.out);
	return rc;
}

static int simulate_run(const struct scenario *sc, struct sim_result *r, bool trace)
{
	struct hv_host host = { { false, 0, 0 }, false, false };

	/* the reasons (8 KiB) are written before they are counted: only the rest zeroed */
	memset(r, 0, offsetof(struct sim_result, reasons));
	r->nreasons = 0;
	r->codes = 0;
	memset(&r->trace, 0, sizeof(r->trace));
	r->trace.enabled = trace;

	if (trace) {
		/* the layout's story: the host's rules, and what was given by hand */
		struct scenario told = *sc;

		scenario_resolve(&told, &r->trace);
	}
	hv_host_power_on(sc, &host, &r->trace);

	/* the first kernel boots with the firmware's screen_info */
	if (sc->gen == 2) {
		r->first.lfb_base = sc->fb_base;
	} else if (sc->fb_driver == FB_VESAFB && sc->video_bar.set) {
		r->first.lfb_base = sc->video_bar.start;
	}
	r->first.lfb_size = r->first.lfb_base ? (uint32_t)sc->fb_size : 0;
	r->first.efi_boot = sc->gen == 2;
	/*
	 * Its video type: the EFI stub's setup_graphics() writes VIDEO_TYPE_EFI
	 * with a GOP and leaves the zeroed boot_params alone without one
	 * (drivers/firmware/efi/libstub/x86-stub.c; measured in lab/run: 0);
	 * from BIOS, text mode on a VGA adapter is 1 (arch/x86/boot/video-vga.c
	 * vga_probe(), and GRUB's text type), a VESA framebuffer VIDEO_TYPE_VLFB.
	 */
	if (r->first.lfb_base)
		r->first.orig_video_isVGA = sc->gen == 2 ? 0x70 : 0x23;
	else
		r->first.orig_video_isVGA = sc->gen == 2 ? 0 : 1;
	if (run_kernel(sc, r, false, &host))
		return -ENOMEM;
	r->first.modelled_vram = host.vram;
	if (sc->observed_vram.set) {
		bool same = host.vram.set && host.vram.start == sc->observed_vram.start &&
			    host.vram.end == sc->observed_vram.end;

		host.vram = sc->observed_vram;
		r->first.vram = host.vram;
		trace_add(&r->trace, PHASE_FIRST, false, "observed",
			  "/proc/iomem shows VRAM at 0x%" PRIx64 "-0x%" PRIx64 "%s",
			  host.vram.start, host.vram.end,
			  same ? ", as the model has it" :
			  ": the model's first kernel differs, the observed place is used");
	}

	kdump_load(sc, &r->first, &r->handoff, &r->trace);
	if (r->handoff.syscall != SYSCALL_NONE) {
		if (host.vram.set)
			trace_add(&r->trace, PHASE_KDUMP, false, "crash_kexec",
				  "the first kernel crashes; the kdump kernel boots with lfb_base 0x%"
				  PRIx64 "; the host still maps VRAM at 0x%" PRIx64 "-0x%" PRIx64,
				  r->handoff.lfb_base, host.vram.start, host.vram.end);
		else
			trace_add(&r->trace, PHASE_KDUMP, false, "crash_kexec",
				  "the first kernel crashes; the kdump kernel boots with lfb_base 0x%"
				  PRIx64 "; the host maps %s", r->handoff.lfb_base,
				  host.vram_in_ram ? "VRAM in the first kernel's RAM, on no MMIO"
				  : "no VRAM");
		r->kdump.lfb_base = r->handoff.lfb_base;
		/* raw as handed: 64 KiB units when kexec-tools took it from /dev/fb0 */
		r->kdump.lfb_size = r->handoff.lfb_base ? r->handoff.lfb_size : 0;
		r->kdump.efi_boot = r->handoff.efi;
		if (run_kernel(sc, r, true, &host))
			return -ENOMEM;
	}
	first_kernel_verdict(r);
	verdict(sc, r);
	return r->trace.oom ? -ENOMEM : 0;
}

int simulate(const struct scenario *sc, struct sim_result *r, bool trace)
{
	struct scenario other;
	struct sim_result alt;
	int rc = simulate_run(sc, r, trace);

	if (rc)
		return rc;
	r->d0_assumed = r->first.d0_assumed || r->kdump.d0_assumed;
	r->d0_refuse = host_fw_vram_refuses(sc);
	r->flip_saved = r->saved;
	r->flip_first_ok = r->first_ok;
	r->si_assumed = sc->hvfb_clear_si_assumed && r->first.si_cleared &&
			r->handoff.syscall == SYSCALL_KEXEC_FILE_LOAD;
	r->si_flip_saved = r->saved;
	if (r->si_assumed) {
		/* c25a19afb81c backported: screen_info kept, kexec_file_load hands it */
		other = *sc;
		other.hvfb_clear_si = false;
		other.hvfb_clear_si_assumed = false;
		if (!(sc->manual & SC_SET_KDUMP_BUILD) || !sc->kdump_kernel[0])
			other.kdump.hvfb_clear_si = false;
		rc = simulate_run(&other, &alt, false);
		r->si_flip_saved = alt.saved;
		sim_result_free(&alt);
		if (rc)
			return rc;
	}
	if (!r->d0_assumed)
		return 0;
	/* the host's unpublished answer the other way */
	other = *sc;
	other.host_fw_vram_d0 = r->d0_refuse ? HOST_FW_VRAM_ACCEPT : HOST_FW_VRAM_REFUSE;
	rc = simulate_run(&other, &alt, false);
	r->flip_saved = alt.saved;
	r->flip_first_ok = alt.first_ok;
	sim_result_free(&alt);
	return rc;
}

const char *sim_short_reason(const struct scenario *sc, const struct sim_result *r)
{
	const struct sim_kernel *k = &r->kdump;

	if (r->codes & (1u << REASON_NOT_LOADED))
		return sc->lockdown != LOCKDOWN_NONE ? "nothing loaded: kexec refused under lockdown" :
		       "nothing loaded: kexec refused";
	if (r->codes & (1u << REASON_FB_HANG))
		return "stale lfb_base: firmware framebuffer off VRAM, hang";
	if (r->codes & (1u << REASON_NO_PCI_DRIVER))
		return "no pci_hyperv in the kdump kernel";
	if (r->codes & (1u << REASON_D0_REFUSED))
		return k->fb_range.set ? "config window on VRAM: D0 refused" :
		       "no fb_range: config window on VRAM, D0 refused";
	if (r->codes & (1u << REASON_BARS_ON_VRAM))
		return "BAR window on VRAM";
	if (r->codes & (1u << REASON_NO_MMIO))
		return "no MMIO for hv_pci";
	if (sc->dump_target == DUMP_SCSI || sc->dump_target == DUMP_NET_SYNTHETIC)
		return "dump target needs no PCI pass-through";
	if (k->fb_range.set)
		return "fb_range reserved: config window off VRAM";
	return "config window off VRAM";
}

void sim_result_free(struct sim_result *r)
{
	free(r->first.iomem);
	free(r->kdump.iomem);
	r->first.iomem = r->kdump.iomem = NULL;
	trace_free(&r->trace);
}
