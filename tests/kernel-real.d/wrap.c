// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Ours: tests/fixtures/replay/wrap.hvr run on the cut kernel functions (the
 * boot-VERSION.c that compare.py writes, named by -DBOOT_C): a VMBus range
 * and fb_range ending at 2^64-1, the fb_range held by a busy region. Prints
 * where the VRAM request lands, then whether the config window request
 * returns within 3 seconds (the kernel's loop spins where it does not).
 */
#define main boot_main
#include BOOT_C
#undef main
#include <signal.h>
#include <unistd.h>

static void spinning(int sig)
{
	(void)sig;
	printf("pci-cfg spins\n");
	_exit(0);
}

int main(void)
{
	static struct hv_device dev = { { "x" } };
	struct acpi_resource crs = { 0 };
	struct resource *n = NULL;
	int rc;

	setvbuf(stdout, NULL, _IONBF, 0);
	crs.type = ACPI_RESOURCE_TYPE_ADDRESS64;
	crs.data.address64.address.minimum = 0xffffffffff000000ULL;
	crs.data.address64.address.maximum = UINT64_MAX;
	vmbus_walk_resources(&crs, NULL);
	fb_mmio = __request_region(hyperv_mmio, 0xffffffffff000000ULL, 16 << 20, fb_mmio_name, 0);
	if (!fb_mmio || !request_mem_region(0xffffffffff000000ULL, 16 << 20, "EFI VGA"))
		return 1;
	rc = vmbus_allocate_mmio(&n, &dev, 0, UINT64_MAX, 8 << 20, 1 << 20, true);
	if (rc)
		printf("vram rc %d\n", rc);
	else
		printf("vram 0x%llx-0x%llx\n", (unsigned long long)n->start,
		       (unsigned long long)n->end);
	signal(SIGALRM, spinning);
	alarm(3);
	rc = vmbus_allocate_mmio(&n, &dev, 0, UINT64_MAX, 8192, 4096, false);
	printf("pci-cfg rc %d\n", rc);
	return 0;
}
