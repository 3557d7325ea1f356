// SPDX-License-Identifier: GPL-2.0-or-later
/* The kernel: release, architecture, config (plain or gzip), built-in drivers. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "util/strcopy.h"
#include "gunzip.h"
#include "probe.h"

#define OSRELEASE "/proc/sys/kernel/osrelease"

#define CONFIG_CAP	(16u << 20)


int probe_modules_builtin(struct probe *p, const char *release, unsigned int *mask,
			  char *path, size_t plen, struct hv_err *err)
{
	unsigned int m;
	char *buf;
	size_t len;
	int rc = 0;

	snprintf(path, plen, "/lib/modules/%s/modules.builtin", release);
	rc = hv_path_read(p->pc, path, CONFIG_CAP, &buf, &len);
	if (rc == -EFBIG) {
		hv_err_set(err, 0, "larger than %u bytes: too large to read", CONFIG_CAP);
		return -2;
	}
	if (rc)
		return -1;
	if (modules_builtin_check(buf, len, err)) {
		rc = -2;
	} else {
		*mask = 0;
		for (m = 0; m < MOD_COUNT; m++)
			if (modules_builtin_has(buf, len, module_name(m)))
				*mask |= MOD_BIT(m);
	}
	free(buf);
	return rc;
}
static const char *const builtin_configs[MOD_COUNT] = {
	"CONFIG_PCI_HYPERV", "CONFIG_DRM_HYPERV", "CONFIG_FB_HYPERV",
};

unsigned int probe_drivers_absent(const char *cfg, size_t len)
{
	unsigned int m, absent = 0;
	char v;

	for (m = 0; m < MOD_COUNT; m++) {
		v = kconfig_get(cfg, len, builtin_configs[m]);
		if (v != 'y' && v != 'm')
			absent |= MOD_BIT(m);
	}
	return absent;
}

static void from_config(struct probe *p, const char *src, const char *cfg, size_t len,
			bool have_builtin_list)
{
	struct facts *f = p->f;
	char v, names[64];
	unsigned int m;

	if (!f->f[F_ARCH].known) {
		if (kconfig_get(cfg, len, "CONFIG_X86_64") == 'y') {
			f->arch = ARCH_X86_64;
			fact_set(f, F_ARCH, src, "x86_64 (CONFIG_X86_64=y)");
		} else if (kconfig_get(cfg, len, "CONFIG_ARM64") == 'y') {
			f->arch = ARCH_ARM64;
			fact_set(f, F_ARCH, src, "arm64 (CONFIG_ARM64=y)");
		}
	}
	/* a driver the kernel is built without: no initramfs can load it */
	f->drivers_absent = probe_drivers_absent(cfg, len);
	f->drivers_known = true;
	if (!have_builtin_list) {
		f->builtin = 0;
		for (m = 0; m < MOD_COUNT; m++)
			if (kconfig_get(cfg, len, builtin_configs[m]) == 'y')
				f->builtin |= MOD_BIT(m);
		module_set_str(f->builtin, names, sizeof(names));
		fact_set(f, F_BUILTIN, src, "%s (=y in the config)", names);
	}
	v = kconfig_get(cfg, len, "CONFIG_SYSFB");
	f->sysfb = v != 'n';
	fact_set(f, F_SYSFB, src, "%s (CONFIG_SYSFB%s)", f->sysfb ? "yes" : "no",
		 v == 'y' ? "=y" : v == 'n' ? " is not set" : " absent: older kernels read screen_info");
	v = kconfig_get(cfg, len, "CONFIG_KEXEC_FILE");
	f->kexec_file = v == 'y';
	fact_set(f, F_KEXEC_FILE, src, "%s (CONFIG_KEXEC_FILE%s)", f->kexec_file ? "yes" : "no",
		 v == 'y' ? "=y" : " is not set");
	v = kconfig_get(cfg, len, "CONFIG_DRM_FBDEV_LEAK_PHYS_SMEM");
	f->hide_smem = v != 'y';
	fact_set(f, F_HIDE_SMEM, src, "%s (CONFIG_DRM_FBDEV_LEAK_PHYS_SMEM%s)",
		 f->hide_smem ? "yes" : "no", v == 'y' ? "=y" : " is not set");
}

/* A kernel config that is none: what only it tells is unknown. */
static void config_bad(struct probe *p, const char *path, const struct hv_err *err,
		       bool builtin_told)
{
	probe_bad_file(p, F_SYSFB, path, err);
	probe_bad_file(p, F_KEXEC_FILE, path, err);
	probe_bad_file(p, F_HIDE_SMEM, path, err);
	if (!p->f->f[F_ARCH].known)
		probe_bad_file(p, F_ARCH, path, err);
	if (!builtin_told)
		probe_bad_file(p, F_BUILTIN, path, err);
}

/*
 * The upstream version a distribution's release string hides ("6.1.0-57-
 * cloud-amd64" is Debian's ABI name): Debian's /proc/version names it,
 * Ubuntu's /proc/version_signature too; a sos report keeps neither, but
 * its `uname -a` holds the same version field. The release table reads it.
 */
static void upstream(struct probe *p)
{
	struct facts *f = p->f;
	char line[512], ver[32], pkg[96], src[sizeof(f->f[0].source)];
	const char *file = NULL, *who = NULL;

	if (!f->release[0])
		return;
	if (!probe_read_line(p, -1, "/proc/version_signature", sizeof(line), line, sizeof(line)) &&
	    !version_signature_upstream(line, ver, sizeof(ver), pkg, sizeof(pkg))) {
		file = "/proc/version_signature";
		who = "Ubuntu";
	} else if (!probe_read_line(p, -1, "/proc/version", sizeof(line), line, sizeof(line)) &&
		   !proc_version_upstream(line, ver, sizeof(ver), pkg, sizeof(pkg))) {
		file = "/proc/version";
		who = "Debian";
	} else if (!probe_read_line(p, -1, SOS_UNAME, sizeof(line), line, sizeof(line)) &&
		   !proc_version_upstream(line, ver, sizeof(ver), pkg, sizeof(pkg))) {
		file = SOS_UNAME;
		who = "Debian";
	}
	if (!file)
		return;
	hv_strcopy(f->upstream, sizeof(f->upstream), ver);
	snprintf(f->upstream_source, sizeof(f->upstream_source), "%s (%s %s)", file, who,
		 probe_printable(pkg));
	hv_strcopy(src, sizeof(src), f->f[F_KERNEL].source);
	fact_set(f, F_KERNEL, src, "%s (upstream %s: %s)", f->release, ver, f->upstream_source);
}

/*
 * A sos report without /proc/sys/kernel/osrelease: its `uname -a`
 * ("Linux HOST RELEASE #1 SMP ... MACHINE GNU/Linux") names the release and
 * the machine.
 */
static void sos_uname(struct probe *p)
{
	struct facts *f = p->f;
	char line[512], rel[128];
	const char *machine;

	if (probe_read_line(p, -1, SOS_UNAME, sizeof(line), line, sizeof(line)) ||
	    sscanf(line, "Linux %*s %127s", rel) != 1 || !kernel_release_valid(rel))
		return;
	hv_strcopy(f->release, sizeof(f->release), rel);
	fact_set(f, F_KERNEL, SOS_UNAME, "%s", f->release);
	if (f->f[F_ARCH].known)
		return;
	machine = strstr(line, " x86_64 ") ? "x86_64" : strstr(line, " aarch64 ") ? "arm64" : NULL;
	if (!machine)
		return;
	f->arch = machine[0] == 'x' ? ARCH_X86_64 : ARCH_ARM64;
	fact_set(f, F_ARCH, SOS_UNAME, "%s", machine);
}

/* The running kernel's release: uname(2) (and the arch) live, else OSRELEASE. */
static void kernel_release(struct probe *p)
{
	struct facts *f = p->f;
	struct hv_err err = { 0, "" };
	char *buf;
	size_t len;

	if (hv_path_is_live(p->pc)) {
		struct utsname u;

		if (!uname(&u)) {
			hv_strcopy(f->release, sizeof(f->release), u.release);
			fact_set(f, F_KERNEL, "uname(2)", "%s", u.release);
			if (!strcmp(u.machine, "x86_64") || !strcmp(u.machine, "aarch64")) {
				f->arch = u.machine[0] == 'x' ? ARCH_X86_64 : ARCH_ARM64;
				fact_set(f, F_ARCH, "uname(2)", "%s", f->arch == ARCH_X86_64 ?
					 "x86_64" : "arm64");
			}
		}
	} else if (!probe_read(p, F_KERNEL, OSRELEASE, 256, &buf, &len)) {
		if (probe_kernel_text(buf, len, false, &err)) {
			probe_bad_file(p, F_KERNEL, OSRELEASE, &err);
		} else {
			buf[len - 1] = '\0';
			if (kernel_release_valid(buf)) {
				hv_strcopy(f->release, sizeof(f->release), buf);
				fact_set(f, F_KERNEL, OSRELEASE, "%s", f->release);
			} else {
				hv_err_set(&err, 1, "\"%.40s\" is no kernel release",
					   probe_printable(buf));
				probe_bad_file(p, F_KERNEL, OSRELEASE, &err);
			}
		}
		free(buf);
	}
}

/*
 * /lib/modules/RELEASE/modules.builtin: 1 read (F_BUILTIN set), 0 none,
 * -1 not a list to trust (F_BUILTIN unknown; @why, when short enough to
 * stand beside what the config says).
 */
static int builtin_list(struct probe *p, char *why, size_t wlen)
{
	struct facts *f = p->f;
	struct hv_err err = { 0, "" };
	char path[512], names[64];
	int brc = probe_modules_builtin(p, f->release, &f->builtin, path, sizeof(path), &err);

	if (brc == -2) {
		/* not a list to trust: the kernel config may still say */
		if (err.line)
			fact_unknown(f, F_BUILTIN, path, "unknown: %s:%lu: %s", path,
				     err.line, err.msg);
		else
			fact_unknown(f, F_BUILTIN, path, "unknown: %s: %s", path, err.msg);
		if (!err.line)
			/* a long reason is cut to the room the summary has */
			snprintf(why, wlen, "modules.builtin is %.*s",
				 (int)(wlen - sizeof("modules.builtin is ")), err.msg);
		return -1;
	}
	if (!brc) {
		module_set_str(f->builtin, names, sizeof(names));
		fact_set(f, F_BUILTIN, path, "%s", names);
		return 1;
	}
	return 0;
}

/*
 * /proc/config.gz unpacked into @cfg: 1; 0 when there is none (@none says
 * why when it is too large); -1 when it cannot be read and the config
 * facts say so already (@builtin_known: modules.builtin said its part).
 */
static int proc_config(struct probe *p, char **cfg, size_t *cfglen, char *none, size_t nlen,
		       bool builtin_known)
{
	struct facts *f = p->f;
	struct hv_err err = { 0, "" };
	char *buf = NULL;
	size_t len;
	int crc = hv_path_read(p->pc, "/proc/config.gz", CONFIG_CAP, &buf, &len), rc;

	if (crc == -EFBIG && !none[0])
		snprintf(none, nlen, "/proc/config.gz is larger than %u bytes: too "
			 "large to read", CONFIG_CAP);
	if (crc)
		return 0;
	rc = hv_gunzip(buf, len, CONFIG_CAP, cfg, cfglen, &err);
	free(buf);
	if (rc == -2) {
		fact_unknown(f, F_SYSFB, "/proc/config.gz", "unknown: %s, and there is no "
			     "/boot/config-*", err.msg);
		fact_unknown(f, F_KEXEC_FILE, "/proc/config.gz", "%s", f->f[F_SYSFB].value);
		fact_unknown(f, F_HIDE_SMEM, "/proc/config.gz", "%s", f->f[F_SYSFB].value);
		return -1;
	}
	if (rc) {
		snprintf(err.msg, sizeof(err.msg), "not a gzip file of at most %u bytes",
			 CONFIG_CAP);
		config_bad(p, "/proc/config.gz", &err, builtin_known);
		return -1;
	}
	return 1;
}

/* No kernel config: the facts it would give unknown, for the reason @none. */
static void no_config(struct probe *p, char *none, size_t nlen, bool builtin_known)
{
	struct facts *f = p->f;

	if (!f->f[F_ARCH].known)
		fact_unknown(f, F_ARCH, "/boot/config-*", "unknown: %s (x86_64 assumed)",
			     none[0] ? none : "no kernel config to tell it");
	if (!none[0])
		snprintf(none, nlen, "no kernel config to read");
	fact_unknown(f, F_SYSFB, "/boot/config-*", "unknown: %s", none);
	fact_unknown(f, F_KEXEC_FILE, "/boot/config-*", "unknown: %s", none);
	fact_unknown(f, F_HIDE_SMEM, "/boot/config-*", "unknown: %s", none);
	if (!builtin_known)
		fact_unknown(f, F_BUILTIN, "/lib/modules/*/modules.builtin",
			     "unknown: neither modules.builtin nor the kernel config could be read");
}

void probe_kernel(struct probe *p)
{
	struct facts *f = p->f;
	char path[512], none[600] = "", builtin_why[96] = "", *cfg = NULL;
	size_t cfglen;
	bool have_builtin = false, builtin_bad = false;
	struct hv_err err = { 0, "" };
	int crc;

	kernel_release(p);
	if (!f->release[0])
		sos_uname(p);
	upstream(p);
	if (f->release[0]) {
		int brc = builtin_list(p, builtin_why, sizeof(builtin_why));

		have_builtin = brc > 0;
		builtin_bad = brc < 0;
		snprintf(path, sizeof(path), "/boot/config-%s", f->release);
		crc = hv_path_read(p->pc, path, CONFIG_CAP, &cfg, &cfglen);
		if (!crc)
			goto have_config;
		if (crc == -EFBIG)
			snprintf(none, sizeof(none), "%s is larger than %u bytes: too large to "
				 "read", path, CONFIG_CAP);
	}
	crc = proc_config(p, &cfg, &cfglen, none, sizeof(none), have_builtin || builtin_bad);
	if (crc < 0)
		return;
	if (crc > 0) {
		snprintf(path, sizeof(path), "/proc/config.gz");
		goto have_config;
	}
	no_config(p, none, sizeof(none), have_builtin || builtin_bad);
	return;
have_config:
	if (kconfig_check(cfg, cfglen, &err)) {
		free(cfg);
		config_bad(p, path, &err, have_builtin || builtin_bad);
		return;
	}
	from_config(p, path, cfg, cfglen, have_builtin);
	if (builtin_bad && builtin_why[0] && f->f[F_BUILTIN].known) {
		/* the list was skipped: say why beside what the config says */
		size_t n = strlen(f->f[F_BUILTIN].value);

		snprintf(f->f[F_BUILTIN].value + n, sizeof(f->f[F_BUILTIN].value) - n,
			 "; %s", builtin_why);
	}
	if (!f->f[F_ARCH].known)
		fact_unknown(f, F_ARCH, path, "unknown: neither CONFIG_X86_64 nor CONFIG_ARM64 "
			     "is set (x86_64 assumed)");
	free(cfg);
}
