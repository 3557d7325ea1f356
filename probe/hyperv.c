// SPDX-License-Identifier: GPL-2.0-or-later
/* Is this a Hyper-V guest, which generation, which VMBus devices (SPEC section 7). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

#include "util/strcopy.h"
#include "probe.h"

#define VMBUS_DEVICES	"/sys/bus/vmbus/devices"
#define CLASS_VIDEO	"{da0a7802-e377-4aac-8e77-0558eb1073f8}"
#define CLASS_PCI	"{44c4f61d-4444-4400-9d52-802e27ede19f}"

/*
 * CPUID leaf 0x40000000: the hypervisor's vendor signature (live x86 only).
 * Returns false where there is no CPUID to ask; @sig is "" on bare metal.
 */
bool probe_cpuid_signature(char sig[13])
{
#if defined(__x86_64__) || defined(__i386__)
	unsigned int eax, ebx, ecx, edx;

	sig[0] = '\0';
	__cpuid(1, eax, ebx, ecx, edx);
	if (!(ecx & (1u << 31)))
		return true;
	__cpuid(0x40000000, eax, ebx, ecx, edx);
	memcpy(sig, &ebx, 4);
	memcpy(sig + 4, &ecx, 4);
	memcpy(sig + 8, &edx, 4);
	sig[12] = '\0';
	return true;
#else
	(void)sig;
	return false;
#endif
}

static void vmbus_devices(struct probe *p, size_t *ndev, bool *listed)
{
	struct facts *f = p->f;
	char **names, path[512], cls[128], bad[600] = "";
	struct hv_err err = { 0, "" };
	size_t n, i;

	*ndev = 0;
	*listed = !hv_path_list(p->pc, VMBUS_DEVICES, &names, &n);
	if (!*listed)
		return;
	*ndev = n;
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), VMBUS_DEVICES "/%s/class_id", names[i]);
		/* a device of unknown class could be the video or a PCI bus */
		if (probe_read_line(p, -1, path, 4096, cls, sizeof(cls))) {
			err.line = 0;
			snprintf(err.msg, sizeof(err.msg), "cannot be read");
		} else if (!guid_valid(cls, true)) {
			err.line = 1;
			snprintf(err.msg, sizeof(err.msg), "\"%.40s\" is not a GUID",
				 probe_printable(cls));
		} else {
			err.msg[0] = '\0';
		}
		if (err.msg[0]) {
			probe_warn(p, path, &err);
			if (!bad[0])
				snprintf(bad, sizeof(bad), "%.300s%s: %.200s", path,
					 err.line ? ":1" : "", err.msg);
			continue;
		}
		if (!strcasecmp(cls, CLASS_VIDEO) && !f->video_dev) {
			f->video_dev = true;
			hv_strcopy(f->video_guid, sizeof(f->video_guid), names[i]);
		} else if (!strcasecmp(cls, CLASS_PCI) && f->npci < 4) {
			hv_strcopy(f->pci_guid[f->npci++], sizeof(f->pci_guid[0]), names[i]);
		}
	}
	hv_path_free_list(names, n);
	if (f->video_dev)
		fact_set(f, F_VIDEO_DEV, VMBUS_DEVICES "/*/class_id", "%s (synthetic video)",
			 f->video_guid);
	else if (bad[0])
		fact_unknown(f, F_VIDEO_DEV, VMBUS_DEVICES "/*/class_id", "unknown: no device "
			     "is the synthetic video, and %s", bad);
	else
		fact_set(f, F_VIDEO_DEV, VMBUS_DEVICES "/*/class_id", "none");
	if (f->npci)
		fact_set(f, F_PCI_DEV, VMBUS_DEVICES "/*/class_id", "%u device%s, first %s",
			 f->npci, f->npci > 1 ? "s" : "", f->pci_guid[0]);
	else if (bad[0])
		fact_unknown(f, F_PCI_DEV, VMBUS_DEVICES "/*/class_id", "unknown: no device "
			     "is a PCI pass-through bus, and %s", bad);
	else
		fact_set(f, F_PCI_DEV, VMBUS_DEVICES "/*/class_id", "none");
}

/*
 * A sos report keeps no /sys/firmware: its `efibootmgr -v` tells a UEFI boot
 * (Generation 2) from a BIOS one (Generation 1). True when it told.
 */
static bool sos_uefi(struct probe *p)
{
	struct facts *f = p->f;
	int uefi = probe_sos_answer(p, SOS_EFIBOOTMGR, efibootmgr_uefi);

	if (uefi < 0)
		return false;
	f->gen = uefi ? 2 : 1;
	fact_set(f, F_GEN, SOS_EFIBOOTMGR, "%s", uefi ? "2 (UEFI boot)" :
		 "1 (no EFI variables: BIOS boot)");
	return true;
}

void probe_hyperv(struct probe *p)
{
	struct facts *f = p->f;
	char vendor[128] = "", product[128] = "", sig[13] = "";
	char line[64] = "";
	const char *cpuid_src;
	bool dmi, listed, cpuid;
	size_t ndev;

	vmbus_devices(p, &ndev, &listed);
	dmi = !probe_read_line(p, -1, "/sys/class/dmi/id/sys_vendor", 4096, vendor, sizeof(vendor));
	probe_read_line(p, -1, "/sys/class/dmi/id/product_name", 4096, product, sizeof(product));
	if (hv_path_is_live(p->pc)) {
		cpuid = probe_cpuid_signature(sig);
		cpuid_src = "CPUID 0x40000000";
	} else {
		/* what collect asked the CPU on the machine it ran on */
		cpuid = !probe_read_line(p, -1, CPUID_COLLECTED, 64, line, sizeof(line));
		hv_strcopy(sig, 13, probe_printable(line));
		cpuid_src = CPUID_COLLECTED " (CPUID 0x40000000)";
	}

	if (ndev) {
		f->hyperv = true;
		fact_set(f, F_HYPERV, VMBUS_DEVICES, "yes (%zu VMBus devices)", ndev);
	} else if (dmi && !strcmp(vendor, "Microsoft Corporation") &&
		   !strcmp(product, "Virtual Machine")) {
		f->hyperv = true;
		fact_set(f, F_HYPERV, "/sys/class/dmi/id/sys_vendor, product_name",
			 "yes (DMI \"%s\" \"%s\"; no VMBus devices listed)", vendor, product);
	} else if (cpuid && !strcmp(sig, "Microsoft Hv")) {
		f->hyperv = true;
		fact_set(f, F_HYPERV, cpuid_src, "yes (\"Microsoft Hv\")");
	} else if (cpuid) {
		f->hyperv = false;
		fact_set(f, F_HYPERV, cpuid_src, "no (%s%s%s)",
			 sig[0] ? "hypervisor \"" : "no hypervisor", sig, sig[0] ? "\"" : "");
	} else if (!listed && !hv_path_exists(p->pc, "/sys/bus")) {
		f->hyperv = false;
		fact_set(f, F_HYPERV, "/sys/bus", "no (no VMBus bus in /sys/bus)");
	} else if (dmi || listed) {
		f->hyperv = false;
		fact_set(f, F_HYPERV, dmi ? "/sys/class/dmi/id/sys_vendor" : VMBUS_DEVICES,
			 "no (%s%s%s)", listed ? "no VMBus devices" : "no VMBus",
			 dmi ? "; DMI sys_vendor " : "", dmi ? vendor : "");
	} else {
		fact_unknown(f, F_HYPERV, VMBUS_DEVICES,
			     "unknown: neither " VMBUS_DEVICES ", DMI nor %s could be read",
			     hv_path_is_live(p->pc) ? "CPUID" : CPUID_COLLECTED);
	}

	if (!hv_path_exists(p->pc, "/sys/firmware/efi")) {
		f->gen = 2;
		fact_set(f, F_GEN, "/sys/firmware/efi", "2 (UEFI boot)");
	} else if (!hv_path_exists(p->pc, "/sys/firmware")) {
		f->gen = 1;
		fact_set(f, F_GEN, "/sys/firmware/efi", "1 (no /sys/firmware/efi: BIOS boot)");
	} else if (!sos_uefi(p)) {
		fact_unknown(f, F_GEN, "/sys/firmware", "unknown: /sys/firmware is missing");
	}
}
