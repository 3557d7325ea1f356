// SPDX-License-Identifier: GPL-2.0-or-later
/* kexec-tools' version and the crash kernel's state. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probe.h"

/* "kexec-tools 2.0.22" (kexec --version) -> 20022 */
static unsigned int parse_kexec_version(const char *text)
{
	const char *s = strstr(text, "kexec-tools ");

	return s ? kexec_tools_version(s + 12) : 0;
}

/* The package's version string @ver, when it names a kexec-tools release. */
static bool package(struct facts *f, const char *ver, const char *src)
{
	char shown[16];

	f->kexec_tools = kexec_tools_version(ver);
	if (!f->kexec_tools)
		return false;
	snprintf(f->kexec_package, sizeof(f->kexec_package), "%.47s", ver);
	fact_set(f, F_KEXEC_TOOLS, src, "%s (package %s)",
		 kexec_tools_str(f->kexec_tools, shown, sizeof(shown)), ver);
	return true;
}

static void version(struct probe *p)
{
	struct facts *f = p->f;
	char *buf, ver[128], shown[16];
	size_t len;

	/* what collect captured of `kexec --version` */
	if (!hv_path_read(p->pc, "/hvkdump/kexec-version", 4096, &buf, &len)) {
		f->kexec_tools = parse_kexec_version(buf);
		free(buf);
		if (f->kexec_tools) {
			fact_set(f, F_KEXEC_TOOLS, "/hvkdump/kexec-version (kexec --version)", "%s",
				 kexec_tools_str(f->kexec_tools, shown, sizeof(shown)));
			return;
		}
	}
	if (!hv_path_read(p->pc, "/var/lib/dpkg/status", 64u << 20, &buf, &len)) {
		int rc = dpkg_installed_version(buf, len, "kexec-tools", ver, sizeof(ver));

		free(buf);
		if (!rc && package(f, ver, "/var/lib/dpkg/status"))
			return;
	}
	/* rpm systems: what collect kept of rpm -q, or the live rpm's answer */
	if (!hv_path_read(p->pc, "/hvkdump/kexec-package", 4096, &buf, &len)) {
		int rc = rpm_version_parse(buf, len, ver, sizeof(ver));

		free(buf);
		if (!rc && package(f, ver, "/hvkdump/kexec-package (rpm -q kexec-tools)"))
			return;
		fact_unknown(f, F_KEXEC_TOOLS, "/hvkdump/kexec-package",
			     "unknown: /hvkdump/kexec-package:1: not a kexec-tools VERSION-RELEASE");
		return;
	}
	if (hv_path_is_live(p->pc) && !rpm_query_version("kexec-tools", ver, sizeof(ver)) &&
	    package(f, ver, "rpm -q kexec-tools"))
		return;
	if (hv_path_is_live(p->pc)) {
		FILE *cmd = popen("kexec --version 2>/dev/null", "r");

		if (cmd) {
			char line[256] = "";

			if (!fgets(line, sizeof(line), cmd))
				line[0] = '\0';
			pclose(cmd);
			f->kexec_tools = parse_kexec_version(line);
			if (f->kexec_tools) {
				fact_set(f, F_KEXEC_TOOLS, "kexec --version", "%s",
					 kexec_tools_str(f->kexec_tools, shown, sizeof(shown)));
				return;
			}
		}
	}
	fact_unknown(f, F_KEXEC_TOOLS, "/var/lib/dpkg/status",
		     "unknown: no kexec-tools package (dpkg, rpm) or kexec --version found");
}

/*
 * What stops every kdump service before kexec: no crashkernel= on the
 * kernel command line (kdump-config checks /proc/cmdline), no memory
 * reserved (SUSE's kdump checks /sys/kernel/kexec_crash_size).
 */
static void reserved(struct probe *p)
{
	struct facts *f = p->f;
	char line[4096];

	if (f->service_stops)
		return;
	if (!probe_read_line(p, -1, "/proc/cmdline", sizeof(line), line, sizeof(line)) &&
	    !strstr(line, "crashkernel=")) {
		f->service_stops = true;
		snprintf(f->service_noload, sizeof(f->service_noload),
			 "no crashkernel= on the kernel command line (/proc/cmdline): no memory is "
			 "reserved and the service loads nothing");
		return;
	}
	if (!probe_read_line(p, -1, "/sys/kernel/kexec_crash_size", 64, line, sizeof(line)) &&
	    !strcmp(line, "0")) {
		f->service_stops = true;
		snprintf(f->service_noload, sizeof(f->service_noload),
			 "/sys/kernel/kexec_crash_size is 0: no memory is reserved for a crash kernel");
	}
}

void probe_kexec(struct probe *p)
{
	struct facts *f = p->f;
	char *buf;
	size_t len;

	version(p);
	reserved(p);
	if (hv_path_read(p->pc, "/sys/kernel/kexec_crash_loaded", 64, &buf, &len)) {
		fact_unknown(f, F_CRASH_KERNEL, "/sys/kernel/kexec_crash_loaded",
			     "unknown: /sys/kernel/kexec_crash_loaded cannot be read");
		return;
	}
	f->crash_loaded = len && buf[0] == '1';
	free(buf);
	fact_set(f, F_CRASH_KERNEL, "/sys/kernel/kexec_crash_loaded", "%s",
		 f->crash_loaded ? "loaded" : "not loaded now");
}
