// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * modules.builtin, and the other line files: dpkg status, rpm's answer,
 * mountinfo, the kernel log; and an rpm database's header image
 */
#include <string.h>

#include "lib/formats/parsers.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	const char *t = (const char *)data;
	struct kmsg_facts k;
	struct mount_src m;
	struct hv_err err;
	char ver[64], name[32];

	modules_builtin_check(t, size, &err);
	modules_builtin_has(t, size, "pci_hyperv");
	modules_builtin_has(t, size, "hyperv_drm");
	dpkg_installed_version(t, size, "kexec-tools", ver, sizeof(ver));
	if (!rpm_version_parse(t, size, ver, sizeof(ver)) && strlen(ver) >= sizeof(ver))
		__builtin_trap();
	if (!rpm_header_version(data, size, name, sizeof(name), ver, sizeof(ver)) &&
	    (strlen(name) >= sizeof(name) || strlen(ver) >= sizeof(ver)))
		__builtin_trap();
	mountinfo_find(t, size, "/var/crash", &m, &err);
	kmsg_scan(t, size, &k);
	return 0;
}
