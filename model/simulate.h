/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The two-kernel simulation: the first kernel boots and its drivers take
 * their MMIO; the kdump service loads the crash kernel and hands it a
 * screen_info; after the crash the kdump kernel boots on the same host
 * state. The verdict comes out of those mechanisms: the allocations, where
 * the host maps VRAM, and what screen_info the kdump kernel got.
 */
#ifndef HVKDUMP_SIMULATE_H
#define HVKDUMP_SIMULATE_H

#include <stdbool.h>
#include <stdint.h>

#include "scenario.h"
#include "trace.h"

#define SIM_MAX_ALLOCS	32	/* 3 per pass-through bus, VRAM, and spare */
#define SIM_MAX_DEVICES	8
#define SIM_MAX_REASONS	6

/* One vmbus_allocate_mmio() call. */
struct sim_alloc {
	const char *what;	/* "config window", "VRAM", "32-bit BAR window", ... */
	const char *driver;	/* "pci_hyperv", "hyperv_drm", ... */
	uint64_t min, max, size, align;
	bool fb_overlap_ok;
	int rc;			/* 0 or -ENXIO */
	uint64_t start, end;
};

struct sim_device {
	const char *name;
	bool ok;
	char reason[192];
};

struct sim_kernel {
	struct mmio_span fb_range;	/* vmbus_reserve_fb()'s claim */
	struct mmio_span vram;		/* where the host maps VRAM when this kernel is up */
	bool vram_in_ram;		/* ... in guest RAM, on no MMIO (Gen1 hyperv_fb) */
	struct mmio_span fw_fb;		/* the firmware framebuffer it drives, if any */
	const char *fw_fb_driver;	/* "efifb", "simpledrm", "vesafb" or NULL */
	bool fw_fb_removed;		/* a native driver removed it */
	struct mmio_span config_window;
	struct mmio_span low_window, high_window;
	struct mmio_span vram_at_pci;	/* the host's VRAM when pci_hyperv probed */
	struct mmio_span modelled_vram;	/* VRAM as the model left it, before observed-vram */
	uint64_t lfb_base;		/* the screen_info it booted with */
	uint32_t lfb_size;		/* raw: bytes, or 64 KiB units from kexec-tools' fb0 path */
	uint8_t orig_video_isVGA;	/* the screen_info's video type it booted with */
	bool efi_boot;			/* booted through EFI (Gen2, and not kexec_load --noefi) */
	/*
	 * hyperv_fb set the global screen_info's lfb_base, lfb_size and
	 * orig_video_isVGA to 0 (3cb73bc3fa2a ... c25a19afb81c); the boot-time
	 * copy, /sys/kernel/boot_params/data, keeps the fields above
	 */
	bool si_cleared;
	const char *video_driver;	/* the one that bound the video device, or NULL */
	bool pci_probed;		/* pci_hyperv was there to probe */
	bool pci_ok;			/* the bus came up */
	bool d0_refused;		/* the host refused D0 entry */
	bool bars_on_vram;		/* a bridge window lies on live VRAM */
	bool bars_missing;		/* a bridge window could not be allocated */
	bool fw_fb_hang;		/* its firmware framebuffer is where no VRAM is */
	bool mmio_spins;		/* a vmbus_allocate_mmio() loop never returns */
	bool d0_assumed;		/* D0 entry met VRAM no driver moved: host-fw-vram-d0 decided */
	/*
	 * its log has 016a25e4b0df's "hv_mmio=%pR,%pR fb=%pR" line (boot.c
	 * vmbus_acpi_add()): what the log's silence can tell apart
	 */
	bool hv_mmio_logged;
	struct sim_alloc allocs[SIM_MAX_ALLOCS];
	unsigned int nallocs;
	struct sim_device devices[SIM_MAX_DEVICES];
	unsigned int ndevices;
	char *iomem;			/* its /proc/iomem at the end (with trace) */
};

enum sim_syscall { SYSCALL_NONE, SYSCALL_KEXEC_LOAD, SYSCALL_KEXEC_FILE_LOAD };

/* Why the verdict is what it is, as codes for fleet metrics. */
enum sim_reason_code {
	REASON_NOT_LOADED,	/* no crash kernel loaded */
	REASON_D0_REFUSED,	/* config window on live VRAM */
	REASON_BARS_ON_VRAM,	/* a bridge window on live VRAM */
	REASON_NO_MMIO,		/* an allocation failed */
	REASON_NO_PCI_DRIVER,	/* pci_hyperv not in the kdump kernel */
	REASON_FB_HANG,		/* firmware framebuffer where no VRAM is */
	REASON_COUNT,
};

struct sim_handoff {
	enum sim_syscall syscall;
	const char *flag;		/* "-c", "-s" or "-a" as run */
	uint64_t lfb_base;		/* what the kdump kernel gets */
	uint32_t lfb_size;
	char why[256];			/* why this syscall (or none) */
	char lfb_why[256];		/* where lfb_base came from */
	const char *fb0_id;		/* /dev/fb0 fix.id at load time, NULL: none */
	uint64_t fb0_smem_start;
	/* the screen_info fields exactly as handed (x86) */
	uint8_t orig_video_isVGA;	/* 0x23 VIDEO_TYPE_VLFB, 0x70 VIDEO_TYPE_EFI, 0: none */
	uint32_t ext_lfb_base;		/* lfb_base's high 32 bits (2.0.19+) */
	bool noefi, reuse_video_type;	/* the options kexec ran with */
	bool efi;			/* the crash kernel boots through EFI */
	bool fell_back;			/* -a fell back to kexec_load */
	bool retried;			/* the service ran kexec a second time (kexec_retry) */
	const char *file_rc;		/* what kexec_file_load answered, NULL: not called */
};

struct sim_result {
	struct sim_kernel first, kdump;
	struct sim_handoff handoff;
	bool saved;
	bool hang;
	bool first_ok;			/* the first kernel has its PCI pass-through devices */
	/* host-fw-vram-d0 decided a D0 entry; the verdicts with the other answer */
	bool d0_assumed;
	bool d0_refuse;			/* the answer assumed: refuse (else accept) */
	bool flip_saved, flip_first_ok;
	/* kexec_file_load handed a screen_info hyperv_fb cleared, on an assumption */
	bool si_assumed;
	bool si_flip_saved;		/* the verdict were c25a19afb81c there */
	char first_why[256];		/* why not, when !first_ok */
	char reasons[SIM_MAX_REASONS][512];
	unsigned int nreasons;
	unsigned int codes;		/* 1 << enum sim_reason_code */
	struct trace trace;
};

/*
 * The system call kexec -p with @args starts with, as @sc's kexec-tools
 * reads them: "kexec_load", "kexec_file_load", or for -a "kexec_file_load,
 * then kexec_load"; NULL for arguments it refuses.
 */
const char *kexec_first_call(const struct scenario *sc, const char *args);
/*
 * The errnos of kexec_file_load on which kexec -a with kexec-tools @version
 * falls back to kexec_load, NULL-terminated; NULL: it never falls back.
 */
const char *const *kexec_auto_fallback_on(unsigned int version);

/*
 * Runs @sc. With @trace the result keeps every step, each kernel's
 * /proc/iomem, the reasons in words and each device's fate; without it the
 * run is lean (matrix, remedies, flips): the verdict, its codes and the
 * addresses only. Returns 0, or -ENOMEM.
 */
int simulate(const struct scenario *sc, struct sim_result *res, bool trace);
void sim_result_free(struct sim_result *res);

/* The verdict in a few words, for one matrix row. */
const char *sim_short_reason(const struct scenario *sc, const struct sim_result *r);

const char *sim_syscall_name(enum sim_syscall s);
const char *sim_reason_code_name(enum sim_reason_code c);

#endif
