/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Ours: one booting kernel in the simulation, and the host it runs on.
 * Private to model/: the mechanism files under model/linux/ and
 * model/boot.c work on it; model/simulate.c runs two of them.
 */
#ifndef HVKDUMP_KERNEL_H
#define HVKDUMP_KERNEL_H

#include "model/hyperv-host/host.h"
#include "model/linux/kernel/resource.h"
#include "simulate.h"
#include "model/linux/drivers/hv/vmbus.h"

struct hv_kernel {
	const struct scenario *sc;
	const struct kernel_build *build;	/* this kernel's: sc's own, or sc->kdump */
	bool kdump;
	enum trace_phase phase;
	struct trace *trace;
	struct hv_host *host;
	struct resource *iomem;		/* iomem_resource of this kernel */
	struct vmbus_mmio vm;
	struct sim_kernel *out;
};

static inline bool span_overlaps(const struct mmio_span *a, uint64_t start, uint64_t end)
{
	return a->set && start <= a->end && a->start <= end;
}

static inline bool span_holds(const struct mmio_span *a, uint64_t start, uint64_t end)
{
	return a->set && a->start <= start && end <= a->end;
}

#define ktrace(k, detail, func, ...) \
	trace_add((k)->trace, (k)->phase, (detail), (func), __VA_ARGS__)

/* vmbus_allocate_mmio() with the call recorded in k->out->allocs. */
int kernel_allocate_mmio(struct hv_kernel *k, const char *driver, const char *what,
			 uint64_t min, uint64_t max, uint64_t size, uint64_t align,
			 bool fb_overlap_ok, struct sim_alloc **rec);

/* linux/drivers/firmware/sysfb.c: the firmware framebuffer of screen_info */
void sysfb_init(struct hv_kernel *k, const char *driver);
void aperture_remove_conflicting_devices(struct hv_kernel *k, const char *by);

/* linux/drivers/pci/controller/pci-hyperv.c */
void hv_pci_probe(struct hv_kernel *k);

/* linux/drivers/gpu/drm/hyperv/hyperv_drm_drv.c: hyperv_drm and hyperv_fb */
void hyperv_video_probe(struct hv_kernel *k, enum hv_module drv);

/* boot.c: VMBus, the framebuffer reservation, then every driver in order */
int boot_kernel(struct hv_kernel *k);
void kernel_teardown(struct hv_kernel *k);

/* kexec-tools/kexec/kexec.c: the kdump load in the first kernel */
void kdump_load(const struct scenario *sc, const struct sim_kernel *first,
		struct sim_handoff *h, struct trace *t);

#endif
