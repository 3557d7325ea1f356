// SPDX-License-Identifier: GPL-2.0-or-later
/* kexec-tools' version and the crash kernel's state. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "util/strcopy.h"
#include "probe.h"

/* "kexec-tools 2.0.22" (kexec --version) -> 20022 */
static unsigned int parse_kexec_version(const char *text)
{
	const char *s = strstr(text, "kexec-tools ");

	return s ? kexec_tools_version(s + 12) : 0;
}

/* kexec --version as collect kept it, or as the live binary answers: 0 if neither */
static unsigned int binary_version(struct probe *p, const char **src)
{
	char *buf, line[256] = "";
	unsigned int v;
	size_t len;
	FILE *cmd;

	if (!hv_path_read(p->pc, "/hvkdump/kexec-version", 4096, &buf, &len)) {
		v = parse_kexec_version(buf);
		free(buf);
		*src = "/hvkdump/kexec-version (kexec --version)";
		return v;
	}
	if (!hv_path_is_live(p->pc) || !(cmd = popen("kexec --version 2>/dev/null", "r")))
		return 0;
	if (!fgets(line, sizeof(line), cmd))
		line[0] = '\0';
	pclose(cmd);
	*src = "kexec --version";
	if (strstr(line, "kexec-tools"))
		hv_strcopy(p->kexec_version_line, sizeof(p->kexec_version_line), line);
	return parse_kexec_version(line);
}

/*
 * dpkg's status (0.5 to 1 MB on a cloud image) read a piece at a time, until
 * the stanza of an installed kexec-tools ends: 0 and @ver, 1 when it is not
 * installed, -1 when the file does not read (none, or over 64 MiB, as
 * before).
 */
static int dpkg_status(const struct probe *p, char *ver, size_t vlen)
{
	struct dpkg_scan scan;
	struct stat st;
	char buf[16384];
	ssize_t n;
	int fd = hv_path_open_regular(p->pc, "/var/lib/dpkg/status", &st);

	if (fd < 0)
		return -1;
	if (st.st_size > (64 << 20)) {
		close(fd);
		return -1;
	}
	dpkg_scan_init(&scan, "kexec-tools");
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		if (dpkg_scan_feed(&scan, buf, (size_t)n))
			break;
	close(fd);
	if (n < 0)
		return -1;
	return dpkg_scan_end(&scan, ver, vlen) ? 1 : 0;
}

/*
 * The package's version string (dpkg's status, or a sos report's dpkg -l; on
 * rpm systems what collect kept of rpm -q, a sos report's installed-rpms, the
 * rpm database, or the live rpm's answer): its release
 * decides backported defaults. 0 and @ver, or -1 with @bad naming a source
 * that could not answer and @why its reason.
 */
static int package_version(struct probe *p, char *ver, size_t vlen, char *src, size_t slen,
			   const char **bad, char *why, size_t wlen)
{
	char *buf;
	size_t len;
	int rc = dpkg_status(p, ver, vlen);

	if (rc >= 0) {
		snprintf(src, slen, "/var/lib/dpkg/status");
		if (!rc && kexec_tools_version(ver))
			return 0;
		if (!rc) {	/* installed, with a version that names no release */
			*bad = "/var/lib/dpkg/status";
			snprintf(why, wlen, "%s: kexec-tools is installed with Version \"%.40s\", "
				 "which names no kexec-tools release", *bad, probe_printable(ver));
		}
	}
	/* a sos report: dpkg -l's answer */
	if (!*bad && !hv_path_read(p->pc, SOS_DPKG_LIST, 64u << 20, &buf, &len)) {
		rc = dpkg_list_version(buf, len, "kexec-tools", ver, vlen);
		free(buf);
		snprintf(src, slen, "%s (dpkg -l)", SOS_DPKG_LIST);
		if (!rc && kexec_tools_version(ver))
			return 0;
	}
	return probe_rpm_version(p, "kexec-tools", "/hvkdump/kexec-package", kexec_tools_version,
				 ver, vlen, src, slen, bad, why, wlen, p->rpm_kexec_tools,
				 sizeof(p->rpm_kexec_tools));
}

/*
 * Without a package version, the distribution's release can still name the
 * package: RHEL 9.3 and later (and its rebuilds) ship kexec-tools
 * 2.0.26-8.el9 or later, with the -a default backported, while kexec
 * --version says only 2.0.26 (RHEL 9.2 and 8.x did not backport it).
 * @bin: the binary's version, 0 unknown. 0 with @ver and @src, or -1.
 */
static int release_package(const struct probe *p, unsigned int bin, char *ver, size_t vlen,
			   char *src, size_t slen)
{
	unsigned int major, minor;
	bool rhel = !strcmp(p->os_id, "rhel") || strstr(p->os_like, "rhel");

	if (!rhel || sscanf(p->os_version, "%u.%u", &major, &minor) != 2 || major != 9 ||
	    minor < 3 || (bin && bin != 20026))
		return -1;
	snprintf(ver, vlen, "2.0.26-8.el9");
	snprintf(src, slen, "/etc/os-release (%s %s ships kexec-tools 2.0.26-8.el9 or later)",
		 p->os_id, p->os_version);
	return 0;
}

/*
 * The binary's own version is the truth about which kexec runs; the
 * package's adds the distribution's release. Both agreeing, the package's
 * string is kept; disagreeing (a kexec installed by hand), the binary wins.
 */
static void version(struct probe *p)
{
	const char *bsrc = NULL, *bad = NULL;
	struct facts *f = p->f;
	char ver[128], shown[16], why[256] = "", psrc[160];
	unsigned int bin = binary_version(p, &bsrc);
	bool pkg = !package_version(p, ver, sizeof(ver), psrc, sizeof(psrc), &bad, why,
				    sizeof(why));

	/* no package database at all (one that cannot answer leaves it unknown) */
	if (!pkg && !bad && !release_package(p, bin, ver, sizeof(ver), psrc, sizeof(psrc))) {
		f->kexec_tools = kexec_tools_version(ver);
		snprintf(f->kexec_package, sizeof(f->kexec_package), "%.47s", ver);
		fact_set(f, F_KEXEC_TOOLS, psrc, "%s (package %s or later, by the distribution's "
			 "release: no package database)",
			 kexec_tools_str(f->kexec_tools, shown, sizeof(shown)), ver);
		return;
	}
	if (pkg && (!bin || bin == kexec_tools_version(ver))) {
		f->kexec_tools = kexec_tools_version(ver);
		snprintf(f->kexec_package, sizeof(f->kexec_package), "%.47s", ver);
		fact_set(f, F_KEXEC_TOOLS, psrc, "%s (package %s)",
			 kexec_tools_str(f->kexec_tools, shown, sizeof(shown)), ver);
	} else if (bin && pkg) {
		f->kexec_tools = bin;
		fact_set(f, F_KEXEC_TOOLS, bsrc, "%s (the binary; the package says %s)",
			 kexec_tools_str(bin, shown, sizeof(shown)), ver);
	} else if (bin) {
		f->kexec_tools = bin;
		fact_set(f, F_KEXEC_TOOLS, bsrc, "%s", kexec_tools_str(bin, shown, sizeof(shown)));
	} else if (bad) {
		fact_unknown(f, F_KEXEC_TOOLS, bad, "unknown: %s", why);
	} else {
		fact_unknown(f, F_KEXEC_TOOLS, "/var/lib/dpkg/status",
			     "unknown: no kexec-tools package (dpkg, rpm) or kexec --version found");
	}
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

/*
 * Does the kdump service start at boot? systemctl enable links its unit
 * into a target's .wants directory under /etc/systemd/system; mask links
 * it to /dev/null. Said only where the directory shows enabled units at
 * all (a capture may leave it out): otherwise nothing is concluded.
 */
static void unit(struct probe *p)
{
	static const char dir[] = "/etc/systemd/system";
	const char *unit = kdump_service_unit(p->f->distro);
	struct facts *f = p->f;
	char name[64], path[512], target[64];
	bool wants = false;
	char **names;
	size_t n, i;

	if (!unit || hv_path_list(p->pc, dir, &names, &n))
		return;
	snprintf(name, sizeof(name), "%s.service", unit);
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (hv_path_is_symlink(p->pc, path) == 1 &&
	    !hv_path_readlink(p->pc, path, target, sizeof(target)) && !strcmp(target, "/dev/null")) {
		f->unit_disabled = true;
		snprintf(f->unit_why, sizeof(f->unit_why), "%.40s is masked (%.100s links to /dev/null)",
			 name, path);
		hv_path_free_list(names, n);
		return;
	}
	for (i = 0; i < n; i++) {
		size_t len = strlen(names[i]);

		if (len < 6 || strcmp(names[i] + len - 6, ".wants"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (hv_path_exists(p->pc, path))	/* a directory, as a capture keeps it */
			continue;
		wants = true;
		snprintf(path, sizeof(path), "%s/%s/%s", dir, names[i], name);
		if (hv_path_is_symlink(p->pc, path) == 1 || !hv_path_exists(p->pc, path))
			break;
	}
	if (wants && i == n) {
		f->unit_disabled = true;
		snprintf(f->unit_why, sizeof(f->unit_why), "%s is not enabled (no link to it in "
			 "%s/*.wants)", name, dir);
	}
	hv_path_free_list(names, n);
}

void probe_kexec(struct probe *p)
{
	struct facts *f = p->f;

	version(p);
	reserved(p);
	unit(p);
	if (probe_read_bool(p, F_CRASH_KERNEL, "/sys/kernel/kexec_crash_loaded", &f->crash_loaded))
		return;
	fact_set(f, F_CRASH_KERNEL, "/sys/kernel/kexec_crash_loaded", "%s",
		 f->crash_loaded ? "loaded" : "not loaded now");
}
