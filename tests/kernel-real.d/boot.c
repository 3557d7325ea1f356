// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Ours: one kernel's boot, as far as MMIO goes, driven through the
 * functions tests/kernel-real cut out of a Debian kernel source (compiled
 * in after this file): vmbus_walk_resources() over the _CRS ranges,
 * vmbus_reserve_fb(), the firmware framebuffer's claim (efifb's
 * request_mem_region() of its size_remap), then pci-hyperv's
 * hv_allocate_config_window() and hv_pci_allocate_bridge_windows() and
 * hyperv_fb's hvfb_getmem() (with hvfb_get_phymem(): on Gen1, VRAM in
 * RAM where the buddy allocator has the order; "ram" lines) in the probe
 * order given. Gen1 (BAR_START
 * given): BIOS boot, the PCI root windows over the _CRS ranges and the
 * legacy video device's BAR0 in the tree first, as PCI enumeration leaves
 * them. Prints each allocation, the screen_info left and /proc/iomem, one
 * line each, for the harness to compare with hvkdump simulate --json.
 *   boot LOW_START LOW_END HIGH_START HIGH_END LFB_BASE LFB_SIZE VRAM_MB ORDER
 *        [BAR_START BAR_END]
 * The host is no kernel code: it stands here as the model has it (D0 entry
 * refused on VRAM a driver placed; on VRAM where the firmware left it,
 * refused on Gen2 and accepted on Gen1, the model's assumptions), with
 * KR_HOST_VRAM="START END PLACED" as the first kernel left it for a kdump
 * kernel; on a refusal hv_pci_probe() frees the config window
 * (hv_free_config_window(), cut too) and stops.
 * ORDER: a string of p (a pci-hyperv bus), f (hyperv_fb) and d (hyperv_drm,
 * whose probe removes the firmware framebuffers first: in 6.1 inside
 * hyperv_setup_vram(), since 6.8 in hyperv_vmbus_probe() before it, which
 * D stands for), e.g. "pf", "ppf", "pD".
 */
#include "shim.h"

struct resource iomem_resource = {
	.start = 0, .end = UINT64_MAX, .name = "PCI mem", .flags = IORESOURCE_MEM,
};
struct sysfb_display_info sysfb_primary_display;
int shim_efi_boot = 1;
static struct resource *efifb;
static uint64_t efifb_start, efifb_len;
static struct pci_dev video_pci;	/* Gen1: 1414:5353 */
static bool video_pci_present;
static struct { uint64_t start, end; bool set, placed, ram; } host_vram;

static struct resource *__request_resource(struct resource *root, struct resource *new);
static acpi_status vmbus_walk_resources(struct acpi_resource *res, void *ctx);
static void vmbus_reserve_fb(void);
static int hv_allocate_config_window(struct hv_pcibus_device *hbus);
static int hv_pci_allocate_bridge_windows(struct hv_pcibus_device *hbus);
static int hvfb_getmem(struct hv_device *hdev, struct fb_info *info);
static int hyperv_setup_vram(struct hyperv_drm_device *hv, struct hv_device *hdev);
static void hv_free_config_window(struct hv_pcibus_device *hbus);
static unsigned int efifb_size_remap(unsigned int yres, unsigned int line_length);

static void vram_placed(const struct resource *r)
{
	host_vram.start = r->start;
	host_vram.end = r->end;
	host_vram.set = host_vram.placed = true;
}

static bool d0_refused(const struct resource *cw)
{
	if (!host_vram.set || cw->start > host_vram.end || host_vram.start > cw->end)
		return false;
	return host_vram.placed || shim_efi_boot;
}

struct pci_dev *pci_get_device(unsigned int vendor, unsigned int device, struct pci_dev *from)
{
	(void)from;
	if (vendor != PCI_VENDOR_ID_MICROSOFT || device != PCI_DEVICE_ID_HYPERV_VIDEO)
		return NULL;
	return video_pci_present ? &video_pci : NULL;
}

/* A non-busy resource under @parent, as PCI enumeration inserts windows and BARs. */
static void pci_region(struct resource *parent, uint64_t start, uint64_t end, const char *name)
{
	struct resource *r = calloc(1, sizeof(*r));

	r->start = start;
	r->end = end;
	r->name = name;
	r->flags = IORESOURCE_MEM;
	if (__request_resource(parent, r))
		exit(3);
}

static void show_tree(const struct resource *parent, int depth)
{
	const struct resource *r;

	for (r = parent->child; r; r = r->sibling) {
		printf("iomem %d 0x%llx-0x%llx\n", depth, (unsigned long long)r->start,
		       (unsigned long long)r->end);
		show_tree(r, depth + 1);
	}
}

/* the firmware framebuffer goes: its region is released */
void shim_aperture_remove(void)
{
	if (!efifb)
		return;
	release_mem_region(efifb_start, efifb_len);
	efifb = NULL;
}

static void alloc_line(const char *driver, const char *what, int rc, const struct resource *r)
{
	if (rc)
		printf("alloc %s %s rc %d\n", driver, what, rc);
	else
		printf("alloc %s %s 0x%llx-0x%llx\n", driver, what, (unsigned long long)r->start,
		       (unsigned long long)r->end);
}

int main(int argc, char **argv)
{
	static struct hv_device vdev = { { "video" } }, pdev = { { "pci" } };
	struct acpi_resource crs = { 0 };
	struct hv_pcibus_device hbus;
	struct hvfb_par par = { 0 };
	struct fb_info info = { .par = &par };
	struct hyperv_drm_device hv = { 0 };
	const char *order;
	struct resource *r;
	int rc;

	if (argc != 9 && argc != 11)
		return 2;
	if (argc == 11) {
		uint64_t low0 = strtoull(argv[1], NULL, 0), low1 = strtoull(argv[2], NULL, 0);

		shim_efi_boot = 0;
		pci_region(&iomem_resource, low0, low1, "PCI Bus 0000:00");
		pci_region(&iomem_resource, strtoull(argv[3], NULL, 0), strtoull(argv[4], NULL, 0),
			   "PCI Bus 0000:00");
		video_pci.resource[0] = (struct resource){
			.start = strtoull(argv[9], NULL, 0), .end = strtoull(argv[10], NULL, 0),
			.name = "0000:00:08.0", .flags = IORESOURCE_MEM,
		};
		video_pci_present = true;
		pci_region(iomem_resource.child, video_pci.resource[0].start,
			   video_pci.resource[0].end, "0000:00:08.0");
	}
	crs.type = ACPI_RESOURCE_TYPE_ADDRESS32;
	crs.data.address32.address.minimum = strtoull(argv[1], NULL, 0);
	crs.data.address32.address.maximum = strtoull(argv[2], NULL, 0);
	vmbus_walk_resources(&crs, NULL);
	crs.type = ACPI_RESOURCE_TYPE_ADDRESS64;
	crs.data.address64.address.minimum = strtoull(argv[3], NULL, 0);
	crs.data.address64.address.maximum = strtoull(argv[4], NULL, 0);
	vmbus_walk_resources(&crs, NULL);
	screen_info.lfb_base = (u32)strtoull(argv[5], NULL, 0);
	screen_info.lfb_size = (u32)strtoull(argv[6], NULL, 0);
	screen_info.orig_video_isVGA = screen_info.lfb_base ? 0x70 : shim_efi_boot ? 0 : 1;
	screen_fb_size = (uint)strtoul(argv[7], NULL, 0) << 20;
	screen_width = 1024, screen_height = 768, screen_depth = 32;
	order = argv[8];
	if (getenv("KR_HOST_VRAM") && !strcmp(getenv("KR_HOST_VRAM"), "ram")) {
		host_vram.ram = true;
	} else if (getenv("KR_HOST_VRAM")) {
		unsigned long long s, e;
		int placed;

		if (sscanf(getenv("KR_HOST_VRAM"), "%llx %llx %d", &s, &e, &placed) == 3) {
			host_vram.start = s, host_vram.end = e;
			host_vram.set = true, host_vram.placed = placed;
		}
	} else if (shim_efi_boot && screen_info.lfb_base) {
		host_vram.start = screen_info.lfb_base;
		host_vram.end = host_vram.start + screen_info.lfb_size - 1;
		host_vram.set = true;
	} else if (video_pci_present) {
		uint64_t end = video_pci.resource[0].start + screen_fb_size - 1;

		host_vram.start = video_pci.resource[0].start;
		host_vram.end = end < video_pci.resource[0].end ? end : video_pci.resource[0].end;
		host_vram.set = true;
	}

	vmbus_reserve_fb();
	if (fb_mmio)
		printf("fb_range 0x%llx-0x%llx\n", (unsigned long long)fb_mmio->start,
		       (unsigned long long)fb_mmio->end);
	else
		printf("fb_range none\n");
	/*
	 * efifb_probe()'s claim: size_remap as its own lines compute it
	 * (efifb_size_remap(), cut by the harness) for Hyper-V UEFI's mode,
	 * 1024x768x32. Its device is sysfb's: FB_EFI selects SYSFB (6.12,
	 * 7.2), so without CONFIG_SYSFB there is no efifb.
	 */
	if (CONFIG_SYSFB && shim_efi_boot && screen_info.lfb_base && screen_info.lfb_size) {
		efifb_len = efifb_size_remap(768, 4096);
		efifb_start = screen_info.lfb_base;
		efifb = request_mem_region(efifb_start, efifb_len, "efifb");
	}
	for (; *order; order++) {
		if (*order == 'p') {
			/* one pass-through bus, one device needing 1 MiB of 64-bit BARs */
			hbus = (struct hv_pcibus_device){ .hdev = &pdev, .high_mmio_space = SZ_1M };
			rc = hv_allocate_config_window(&hbus);
			alloc_line("pci_hyperv", "config", rc, hbus.mem_config);
			if (rc)
				continue;
			if (d0_refused(hbus.mem_config)) {
				hv_free_config_window(&hbus);
				continue;
			}
			rc = hv_pci_allocate_bridge_windows(&hbus);
			alloc_line("pci_hyperv", "bar64", rc, hbus.high_mmio_res);
		} else if (*order == 'f') {
			rc = hvfb_getmem(&vdev, &info);
			if (!rc && !par.mem) {
				/* Gen1: hvfb_get_phymem() gave RAM; no MMIO taken */
				host_vram.set = false;
				host_vram.ram = true;
				printf("ram hyperv_fb 0x%llx\n", (unsigned long long)par.mmio_pp);
				continue;
			}
			alloc_line("hyperv_fb", "vram", rc, par.mem);
			if (!rc)
				vram_placed(par.mem);
		} else if (*order == 'd' || *order == 'D') {
			if (*order == 'D')
				shim_aperture_remove();
			hv.mmio_megabytes = screen_fb_size >> 20;
			rc = hyperv_setup_vram(&hv, &vdev);
			alloc_line("hyperv_drm", "vram", rc, hv.mem);
			if (!rc)
				vram_placed(hv.mem);
		}
	}
	printf("screen_info 0x%x 0x%x 0x%x\n", screen_info.orig_video_isVGA,
	       screen_info.lfb_base, screen_info.lfb_size);
	(void)r;
	show_tree(&iomem_resource, 0);
	if (host_vram.ram)
		printf("host_vram ram\n");
	else if (host_vram.set)
		printf("host_vram %llx %llx %d\n", (unsigned long long)host_vram.start,
		       (unsigned long long)host_vram.end, host_vram.placed);
	return 0;
}
