/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Ours: just enough of the kernel's types and helpers for the functions
 * tests/kernel-real cuts out of Debian's kernel sources to compile and run
 * in user space: the resource tree, VMBus's MMIO ranges, hyperv_fb's VRAM
 * setup, pci-hyperv's windows. Locks are no-ops (one thread); printing is
 * dropped (the harness compares results, not messages).
 */
#ifndef KERNEL_REAL_SHIM_H
#define KERNEL_REAL_SHIM_H

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef uint64_t u64;
typedef uint32_t u32;
typedef uint32_t __u32;
typedef uint16_t u16;
typedef uint8_t u8;
typedef uint64_t resource_size_t;
typedef uint64_t phys_addr_t;
typedef uint64_t dma_addr_t;
typedef unsigned int uint;
typedef int acpi_status;

#define __maybe_unused		__attribute__((unused))
#define EXPORT_SYMBOL_GPL(x)
#define GFP_KERNEL		0
#define GFP_ATOMIC		0
#define __GFP_ZERO		0
#define __GFP_NOWARN		0
#define kzalloc(n, f)		calloc(1, (n))
#define kzalloc_obj(obj, ...)	calloc(1, sizeof(obj))	/* 7.x */
#define kfree(p)		free(p)
#define pr_info(...)		((void)0)
#define pr_warn(...)		((void)0)
#define pr_err(...)		((void)0)
#define dev_err(...)		((void)0)
#define max_t(t, a, b)		((t)(a) > (t)(b) ? (t)(a) : (t)(b))
#define min(a, b)		((a) < (b) ? (a) : (b))
#define upper_32_bits(n)	((u32)((n) >> 32))
#define SZ_1M			0x00100000ULL
#define SZ_128M			0x08000000ULL
#define SZ_4G			0x100000000ULL
#define IS_ENABLED(c)		(c)
/* CONFIG_SYSFB: boot-SYSFB0 is built with -DCONFIG_SYSFB=0 */
#ifndef CONFIG_SYSFB
#define CONFIG_SYSFB		1
#endif
#define PAGE_SIZE		4096ULL
#define round_up(x, y)		((((x) - 1) | ((y) - 1)) + 1)

#define IORESOURCE_TYPE_BITS	0x00001f00
#define IORESOURCE_MEM		0x00000200
#define IORESOURCE_EXT_TYPE_BITS 0x01000000
#define IORESOURCE_WINDOW	0x00200000
#define IORESOURCE_MUXED	0x00400000
#define IORESOURCE_EXCLUSIVE	0x08000000
#define IORESOURCE_BUSY		0x80000000
#define IORES_DESC_DEVICE_PRIVATE_MEMORY 6

struct resource {
	resource_size_t start, end;
	const char *name;
	unsigned long flags, desc;
	struct resource *parent, *sibling, *child;
};

static inline unsigned long resource_type(const struct resource *r)
{
	return r->flags & IORESOURCE_TYPE_BITS;
}
static inline unsigned long resource_ext_type(const struct resource *r)
{
	return r->flags & IORESOURCE_EXT_TYPE_BITS;
}
static inline resource_size_t resource_size(const struct resource *r)
{
	return r->end - r->start + 1;
}

extern struct resource iomem_resource;
#define DECLARE_WAITQUEUE(w, t)	int w __attribute__((unused)) = 0
#define current			0
#define add_wait_queue(q, w)	((void)0)
#define remove_wait_queue(q, w)	((void)0)
#define set_current_state(s)	((void)0)
#define schedule()		((void)0)
#define wake_up(q)		((void)0)
#define write_lock(l)		((void)0)
#define write_unlock(l)		((void)0)
#define mutex_lock(l)		((void)0)
#define mutex_unlock(l)		((void)0)
#define alloc_resource(f)	((struct resource *)calloc(1, sizeof(struct resource)))
#define free_resource(r)	free(r)
#define revoke_iomem(r)		((void)0)

struct resource *__request_region(struct resource *parent, resource_size_t start,
				  resource_size_t n, const char *name, int flags);
void __release_region(struct resource *parent, resource_size_t start, resource_size_t n);
#define request_mem_region_exclusive(start, n, name) \
	__request_region(&iomem_resource, (start), (n), (name), IORESOURCE_EXCLUSIVE)
#define request_mem_region(start, n, name) \
	__request_region(&iomem_resource, (start), (n), (name), 0)
#define release_mem_region(start, n)	__release_region(&iomem_resource, (start), (n))

/* ACPI _CRS as vmbus_walk_resources() reads it */
#define AE_OK			0
#define AE_ERROR		1
#define AE_NO_MEMORY		2
#define ACPI_RESOURCE_TYPE_ADDRESS32	 12
#define ACPI_RESOURCE_TYPE_ADDRESS64	 13
#define ACPI_RESOURCE_TYPE_EXTENDED_IRQ	 15
struct acpi_address { u64 minimum, maximum; };
struct acpi_resource {
	u32 type;
	union {
		struct { struct acpi_address address; } address32, address64;
		struct { u32 interrupts[1]; } extended_irq;
	} data;
};
#define acpi_dev_resource_interrupt(res, i, r)	false
static int vmbus_interrupt, vmbus_irq;
#ifndef VTPM_BASE_ADDRESS
#define VTPM_BASE_ADDRESS	0xfed40000
#endif

/* efi, screen_info, the PCI video device */
#define EFI_BOOT		0
extern int shim_efi_boot;
#define efi_enabled(f)		shim_efi_boot
struct screen_info {
	u8 orig_video_isVGA;
	u32 lfb_base, lfb_size, ext_lfb_base;
};
struct sysfb_display_info { struct screen_info screen; };
extern struct sysfb_display_info sysfb_primary_display;
#define screen_info		sysfb_primary_display.screen
#define PCI_VENDOR_ID_MICROSOFT		0x1414
#define PCI_DEVICE_ID_HYPERV_VIDEO	0x5353
struct pci_dev { struct resource resource[1]; };
struct pci_dev *pci_get_device(unsigned int vendor, unsigned int device, struct pci_dev *from);
#define pci_dev_put(p)		((void)0)
#define pci_resource_start(p, b)	((p)->resource[b].start)
#define pci_resource_len(p, b)	resource_size(&(p)->resource[b])

/* VMBus devices */
struct device { const char *name; u64 coherent_dma_mask; };
struct hv_device { struct device device; };
#define dev_name(d)		((d)->name)

/* hyperv_fb */
struct fb_fix_screeninfo { unsigned long smem_start; u32 smem_len; };
struct fb_info {
	void *par;
	struct fb_fix_screeninfo fix;
	char *screen_base;
	unsigned long screen_size;
};
struct hvfb_par {
	struct resource *mem;
	phys_addr_t mmio_pp;
	unsigned char *mmio_vp, *dio_vp;
	bool need_docopy;
};
static uint screen_width, screen_height, screen_depth, screen_fb_size, dio_fb_size;
#define __iomem
#define ioremap_cache(a, n)	((void *)(uintptr_t)1)
#define iounmap(p)		((void)0)
#define vzalloc(n)		((unsigned char *)(uintptr_t)1)
#define __va(p)			((unsigned char *)(uintptr_t)(p))
#define KBUILD_MODNAME		"hyperv_fb"
void shim_aperture_remove(void);
#define aperture_remove_conflicting_devices(...)	shim_aperture_remove()
#define aperture_remove_all_conflicting_devices(...)	shim_aperture_remove()
/*
 * hvfb_get_phymem() (Gen1's framebuffer in RAM): the buddy allocator gives
 * any order it has (x86-64: MAX_ORDER 11 in 6.1, orders below it;
 * MAX_PAGE_ORDER 10 from 6.8, orders up to it); a larger size goes to
 * dma_alloc_coherent(), which only a CMA area can serve: Debian's cloud
 * kernels have "# CONFIG_CMA is not set", so it fails. The page handed
 * out stands at SHIM_RAM_PFN, below any MMIO range.
 */
#define PAGE_SHIFT		12
#define MAX_ORDER		11
#define MAX_PAGE_ORDER		10
#define SHIM_RAM_PFN		0x1000ULL
#define DMA_BIT_MASK(n)		(((n) == 64) ? ~0ULL : ((1ULL << (n)) - 1))
struct page { int unused; };
static struct page shim_ram_page;
static inline unsigned int get_order(unsigned long size)
{
	unsigned int order = 0;

	size = (size - 1) >> PAGE_SHIFT;
	while (size) {
		order++;
		size >>= 1;
	}
	return order;
}
#define alloc_pages(gfp, order)	(&shim_ram_page)
#define page_to_pfn(p)		((p) == &shim_ram_page ? SHIM_RAM_PFN : 0)
#define dma_alloc_coherent(d, n, h, f)	((void *)NULL)
#define virt_to_phys(v)		((phys_addr_t)(uintptr_t)(v))

/* hyperv_drm */
struct drm_device { int unused; };
struct hyperv_drm_device {
	struct drm_device dev;
	struct resource *mem;
	void __iomem *vram;
	unsigned long fb_base, fb_size;
	u32 mmio_megabytes;
};
struct drm_driver { const char *name; };
static const struct drm_driver hyperv_driver __attribute__((unused)) = { "hyperv_drm" };
#define drm_err(...)		((void)0)
#define drm_aperture_remove_conflicting_framebuffers(...)	shim_aperture_remove()

/* pci-hyperv */
struct pci_host_bridge { int windows; };
struct hv_pcibus_device {
	struct hv_device *hdev;
	struct resource *mem_config, *low_mmio_res, *high_mmio_res;
	resource_size_t low_mmio_space, high_mmio_space;
	struct pci_host_bridge *bridge;
};
#define pci_add_resource(w, r)	((void)0)
#define PCI_CONFIG_MMIO_LENGTH	0x2000

static struct resource *hyperv_mmio, *fb_mmio;
static const char *fb_mmio_name = "fb_range";
int vmbus_allocate_mmio(struct resource **new, struct hv_device *device_obj,
			resource_size_t min, resource_size_t max, resource_size_t size,
			resource_size_t align, bool fb_overlap_ok);
void vmbus_free_mmio(resource_size_t start, resource_size_t size);

#endif
