// SPDX-License-Identifier: GPL-2.0-or-later
/* hvkdump check's remedies: each change proven by running the model again (remedies.h). */
#include <stdio.h>
#include <string.h>

#include "util/strcopy.h"
#include "check.h"
#include "fixes.h"
#include "remedies.h"
#include "model/linux/releases.h"

/*
 * Adds @change as a remedy if the simulation proves it saves the vmcore:
 * the remedy added, or NULL.
 */
static struct check_remedy *try_remedy(struct check_result *r, const struct scenario *changed,
				       int size, const char *kind, const char *id,
				       const char *change)
{
	struct check_remedy *rm;
	struct sim_result s;
	bool saved;

	if (r->nremedies == CHECK_MAX_REMEDIES)
		return NULL;
	if (simulate(changed, &s, false)) {
		sim_result_free(&s);
		return NULL;
	}
	saved = s.saved;
	sim_result_free(&s);
	if (!saved)
		return NULL;
	rm = &r->remedies[r->nremedies++];
	rm->size = size;
	hv_strcopy(rm->id, sizeof(rm->id), id);
	hv_strcopy(rm->kind, sizeof(rm->kind), kind);
	hv_strcopy(rm->change, sizeof(rm->change), change);
	return rm;
}

/* A setting @rm makes: @variable in @file (NULL: none known) to hold @value. */
static void remedy_edit(struct check_remedy *rm, const char *file, const char *variable,
			const char *value)
{
	struct check_edit *e;

	if (!rm || !file || rm->nedits == sizeof(rm->edits) / sizeof(rm->edits[0]))
		return;
	e = &rm->edits[rm->nedits++];
	e->file = file;
	e->variable = variable;
	hv_strcopy(e->value, sizeof(e->value), value);
}

/* The kdump service's configuration file and its kexec arguments' variable. */
static const char *kexec_args_file(enum distro_family d, const char **variable)
{
	*variable = d == DISTRO_DEBIAN ? "KDUMP_KEXEC_ARGS" : "KEXEC_ARGS";
	return d == DISTRO_DEBIAN ? "/etc/default/kdump-tools" :
	       d == DISTRO_RHEL ? "/etc/sysconfig/kdump" : NULL;
}

/*
 * Under Secure Boot or lockdown, kexec_file_load loads only a signed kernel
 * (kernel/kexec_file.c kimage_validate_signature(), CONFIG_KEXEC_SIG): said
 * wherever either is on or not known to be off.
 */
static const char *signed_caveat(const struct facts *f)
{
	bool sb_off = f->f[F_SECURE_BOOT].known && !f->secure_boot;
	bool ld_off = f->f[F_LOCKDOWN].known && f->lockdown == LOCKDOWN_NONE;

	return sb_off && ld_off ? "" : " (with Secure Boot or lockdown on, kexec_file_load "
	       "loads only a kdump kernel signed with a key the running kernel trusts, as the "
	       "distribution's signed images are)";
}

/*
 * kexec_file_load: -s in what the kdump service passes to kexec. The run
 * that proves it refuses it where kexec-tools refuses the arguments
 * (model/kexec-tools/kexec/options.c: each option's first version) and
 * where the running kernel lacks CONFIG_KEXEC_FILE or checks a signature
 * the image lacks (model/linux/kernel/kexec_file.c).
 */
static void remedy_kexec_file(const struct facts *f, struct check_result *r,
			      const struct scenario *sc)
{
	struct check_remedy *rm;
	struct scenario t = *sc;
	const char *var, *file = kexec_args_file(f->distro, &var);
	char text[640];

	t.kexec = KEXEC_REQ_FILE;
	/* the last syscall option wins: -s after what the service passes */
	snprintf(t.kexec_args, sizeof(t.kexec_args), "%.240s -s", sc->kexec_args);
	if (f->distro == DISTRO_DEBIAN)
		snprintf(text, sizeof(text), "use kexec_file_load: %s KDUMP_KEXEC_ARGS in "
			 "/etc/default/kdump-tools%s",
			 strstr(f->kexec_args, "-c") ? "replace -c with -s in" : "add -s to",
			 signed_caveat(f));
	else if (f->distro == DISTRO_RHEL)
		snprintf(text, sizeof(text), "use kexec_file_load: put -s in KEXEC_ARGS in "
			 "/etc/sysconfig/kdump (and no -c)%s", signed_caveat(f));
	else
		snprintf(text, sizeof(text), "use kexec_file_load: make the kdump service "
			 "run kexec -s%s", signed_caveat(f));
	rm = try_remedy(r, &t, 1, "config", "kexec_file_load", text);
	if (rm)
		rm->kexec_file = true;
	remedy_edit(rm, file, var, "-s");
}

/*
 * How the distribution adds @mod to the kdump initramfs and rebuilds it:
 * Debian's kdump-tools builds it with initramfs-tools (its postinst.d hook
 * takes the release), kdumpctl and Azure Linux's from /etc/kdump.conf's
 * extra_modules, SUSE's mkdumprd with dracut's configuration.
 */
static void add_driver_how(const struct facts *f, const char *mod, char *buf, size_t len)
{
	const char *rel = f->kdump_release[0] ? f->kdump_release : f->release;

	if (f->distro == DISTRO_DEBIAN)
		snprintf(buf, len, "add %s to /etc/initramfs-tools/modules, then rebuild the "
			 "kdump initramfs: `/etc/kernel/postinst.d/kdump-tools %.100s`", mod, rel);
	else if (f->distro == DISTRO_RHEL || f->distro == DISTRO_AZURELINUX)
		snprintf(buf, len, "add the line `extra_modules %s` to /etc/kdump.conf, then "
			 "`systemctl restart kdump` rebuilds it", mod);
	else if (f->distro == DISTRO_SUSE)
		snprintf(buf, len, "add add_drivers+=\" %s \" to a file in /etc/dracut.conf.d/, "
			 "then `mkdumprd -f` rebuilds it", mod);
	else
		snprintf(buf, len, "add %s to the kdump initramfs and rebuild it", mod);
}

/* The kdump kernel's config has CONFIG_DRM_HYPERV: known, from its /boot/config-REL. */
static bool kdump_has_drm(const struct facts *f)
{
	if (f->kdump_same)
		return f->drivers_known && !(f->drivers_absent & MOD_BIT(MOD_HYPERV_DRM));
	return f->kdump_drivers_known && !(f->kdump_drivers_absent & MOD_BIT(MOD_HYPERV_DRM));
}

/* hyperv_drm in the kdump initramfs, first: only where the kdump kernel is built with it */
static void remedy_hyperv_drm(const struct facts *f, struct check_result *r,
			      const struct scenario *sc)
{
	struct scenario t = *sc;
	char text[640], how[300];

	if (!sc->video || !kdump_has_drm(f))
		return;
	t.kdump_modules |= MOD_BIT(MOD_HYPERV_DRM);
	t.probe_order[0] = MOD_HYPERV_DRM;
	t.probe_order[1] = MOD_PCI_HYPERV;
	t.probe_order[2] = MOD_HYPERV_FB;
	if (t.fb_driver != FB_HYPERV_DRM && (t.builtin & MOD_BIT(MOD_HYPERV_FB)))
		return;
	add_driver_how(f, "hyperv_drm", how, sizeof(how));
	snprintf(text, sizeof(text), "load hyperv_drm in the kdump initramfs, before pci_hyperv%s: "
		 "it moves VRAM before the config window is placed; %s",
		 f->blacklist & MOD_BIT(MOD_HYPERV_DRM) ?
		 " (remove its blacklist from modprobe.d)" : "", how);
	try_remedy(r, &t, 2, "initramfs", "initramfs_hyperv_drm", text);
}

/* kdump loads the running kernel: where the service is told which kernel */
static void remedy_running_kernel(const struct facts *f, struct check_result *r,
				  const struct scenario *t)
{
	struct check_remedy *rm;
	char text[640], path[256];

	snprintf(text, sizeof(text), "have kdump load the running kernel %.60s, which carries "
		 "fixes %.60s lacks: point KDUMP_KERNEL and KDUMP_INITRD (or the links "
		 "/var/lib/kdump/vmlinuz and initrd.img) at it, then reload kdump",
		 f->release, f->kdump_release);
	rm = try_remedy(r, t, 2, "config", "kdump_running_kernel", text);
	if (f->distro == DISTRO_RHEL) {
		remedy_edit(rm, "/etc/sysconfig/kdump", "KDUMP_KERNELVER", f->release);
		return;
	}
	if (f->distro != DISTRO_DEBIAN)
		return;
	snprintf(path, sizeof(path), "/boot/vmlinuz-%.200s", f->release);
	remedy_edit(rm, "/etc/default/kdump-tools", "KDUMP_KERNEL", path);
	snprintf(path, sizeof(path), "/boot/initrd.img-%.200s", f->release);
	remedy_edit(rm, "/etc/default/kdump-tools", "KDUMP_INITRD", path);
}

/*
 * The distribution kernel packages known to carry a change, by os-release
 * ID and VERSION_ID (SPEC section 3: Debian's changelog.gz and sources),
 * each the first package version whose changelog names the change's
 * subject (linux-source-6.1 6.1.192-3's and linux-source-6.12
 * 6.12.118-1~deb12u1's changelog.Debian.gz), as /proc/version says it.
 */
static const struct carrier {
	enum kernel_change c;
	const char *os, *version;	/* "debian", "12" */
	const char *package;		/* the first version that carries it */
} carriers[] = {
	{ KC_016A25E4B0DF, "debian", "12", "6.1.177-1" },
	{ KC_016A25E4B0DF, "debian", "13", "6.12.95-1" },
	{ KC_304386373007, "debian", "13", "6.12.20-1" },
};

/* Debian's kernel flavours whose linux-image-FLAVOUR metapackage is confirmed */
static const char *const debian_flavours[] = { "amd64", "cloud-amd64", "arm64", "cloud-arm64" };

/*
 * The flavour of a Debian kernel release: the part from the first word
 * that starts with a letter ("6.1.0-50-cloud-amd64", "6.12.117+deb13-cloud-amd64"
 * are cloud-amd64); NULL where it is none of the confirmed ones.
 */
static const char *debian_flavour(const char *release)
{
	const char *p = release;
	unsigned int i;

	while ((p = strchr(p, '-')) && !(p[1] >= 'a' && p[1] <= 'z'))
		p++;
	for (i = 0; p && i < sizeof(debian_flavours) / sizeof(debian_flavours[0]); i++)
		if (!strcmp(p + 1, debian_flavours[i]))
			return debian_flavours[i];
	return NULL;
}

/* Where this distribution has change @c, how to get it and check it; or that none is known. */
static void kernel_carrier(const struct facts *f, enum kernel_change c, char *buf, size_t len)
{
	char os[32] = "", ver[16] = "", name[64] = "distribution";
	const char *flavour;
	unsigned int i;

	/* "ubuntu 22.04 (Ubuntu 22.04.4 LTS)": ID, VERSION_ID, and PRETTY_NAME to show */
	if (f->f[F_DISTRO].known) {
		sscanf(f->f[F_DISTRO].value, "%31s %15s", os, ver);
		sscanf(f->f[F_DISTRO].value, "%*[^(](%63[^)])", name);
	}
	for (i = 0; i < sizeof(carriers) / sizeof(carriers[0]); i++)
		if (carriers[i].c == c && !strcmp(carriers[i].os, os) &&
		    !strcmp(carriers[i].version, ver))
			break;
	if (i == sizeof(carriers) / sizeof(carriers[0])) {
		snprintf(buf, len, "No %s kernel package is known to carry it: its changelog "
			 "has to name it", name);
		return;
	}
	flavour = debian_flavour(f->release);
	if (flavour)
		snprintf(buf, len, "Debian %s carries it from linux %s: `apt-get update && apt-get "
			 "install linux-image-%s`, reboot, then /proc/version names Debian %s or "
			 "later", ver, carriers[i].package, flavour, carriers[i].package);
	else
		snprintf(buf, len, "Debian %s carries it from linux %s: install the linux-image "
			 "package of this kernel's flavour, reboot, then /proc/version names Debian "
			 "%s or later", ver, carriers[i].package, carriers[i].package);
}

/* Kernels that exist, one per change the kdump kernel lacks (never the proposed patch). */
static void remedy_kernels(const struct facts *f, struct check_result *r,
			   const struct scenario *sc)
{
	char text[640], id[48], where[300], how[240], *p;
	struct scenario t;
	unsigned int i;

	for (i = 0; i < KC_TRACKED; i++) {
		const struct kernel_change_info *ci = kernel_change(i);

		if ((sc->kdump.fixes & ci->fixes) == ci->fixes)
			continue;
		t = *sc;
		t.fixes |= ci->fixes;
		t.kdump.fixes |= ci->fixes;
		kernel_change_where(i, where, sizeof(where));
		kernel_carrier(f, (enum kernel_change)i, how, sizeof(how));
		snprintf(text, sizeof(text), "a kernel with %.12s (\"%.90s\"): %.300s. %.200s",
			 ci->commit, ci->subject, where, how);
		snprintf(id, sizeof(id), "kernel_%s", fix_name(kernel_change_fix(i)));
		for (p = id; (p = strchr(p, '-'));)
			*p = '_';
		try_remedy(r, &t, 4, "kernel", id, text);
	}
}

void remedies_find(const struct facts *f, struct check_result *r,
			  const struct scenario *sc)
{
	struct scenario t;

	if (sc->kexec != KEXEC_REQ_FILE)
		remedy_kexec_file(f, r, sc);
	remedy_hyperv_drm(f, r, sc);
	if (sc->video && sc->vram_mb > 8) {
		t = *sc;
		t.vram_mb = 8;
		t.observed_vram.set = false;
		try_remedy(r, &t, 3, "vm", "vram_8mib", "keep the VM's VRAM within the reserved fb_range: "
			   "8 MiB (a lower maximum resolution on the host)");
	}
	/* the running kernel carries what the kdump kernel lacks */
	if (!f->kdump_same && f->release[0] &&
	    (fixes_of(f, KERNEL_RUNNING) & ~sc->kdump.fixes)) {
		t = *sc;
		scenario_same_kdump_kernel(&t);
		remedy_running_kernel(f, r, &t);
	}
	remedy_kernels(f, r, sc);
	if (sc->dump_target == DUMP_NVME || sc->dump_target == DUMP_NET_VF) {
		t = *sc;
		t.dump_target = DUMP_SCSI;
		try_remedy(r, &t, 5, "storage", "dump_to_scsi", "write the vmcore to a SCSI (storvsc) data disk: "
			   "point the dump directory at a file system on it");
	}
}

/* Loading (or reloading) the crash kernel as a remedy: what the next load's verdict proves. */
void remedy_load(const struct facts *f, struct check_result *r, const char *unit)
{
	struct check_remedy *rm;

	if (!unit || r->nremedies == CHECK_MAX_REMEDIES)
		return;
	if (f->unit_disabled && !f->service_stops) {
		/* what the configuration loads, once the unit starts it */
		if (check_verdict_of(f) != 1)
			return;
		rm = &r->remedies[r->nremedies++];
		rm->size = 1;
		snprintf(rm->id, sizeof(rm->id), "enable_kdump_service");
		snprintf(rm->kind, sizeof(rm->kind), "service");
		snprintf(rm->change, sizeof(rm->change), "load the crash kernel now and at each "
			 "boot: `%s%s%ssystemctl enable --now %s`; then "
			 "/sys/kernel/kexec_crash_loaded reads 1", strstr(f->unit_why, "masked") ?
			 "systemctl unmask " : "", strstr(f->unit_why, "masked") ? unit : "",
			 strstr(f->unit_why, "masked") ? " && " : "", unit);
		return;
	}
	if (r->sim.saved || !r->has_next || !r->next_sim.saved)
		return;
	rm = &r->remedies[r->nremedies++];
	rm->size = 1;
	snprintf(rm->id, sizeof(rm->id), r->stale ? "reload_crash_kernel" : "load_crash_kernel");
	snprintf(rm->kind, sizeof(rm->kind), "service");
	if (r->stale)
		snprintf(rm->change, sizeof(rm->change), "reload the crash kernel: `systemctl "
			 "restart %s` (%s the load recorded in %.200s)", unit, f->recorded_stale ?
			 "the configuration changed after" : "the configuration differs from",
			 f->recorded_source);
	else
		snprintf(rm->change, sizeof(rm->change), "load the crash kernel: `systemctl "
			 "restart %s`; then /sys/kernel/kexec_crash_loaded reads 1", unit);
}
