// SPDX-License-Identifier: GPL-2.0-or-later
/* hvkdump check's remedies: each change proven by running the model again (remedies.h). */
#include <stdio.h>
#include <string.h>

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
	snprintf(rm->id, sizeof(rm->id), "%s", id);
	snprintf(rm->kind, sizeof(rm->kind), "%s", kind);
	snprintf(rm->change, sizeof(rm->change), "%s", change);
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
	snprintf(e->value, sizeof(e->value), "%s", value);
}

/* The kdump service's configuration file and its kexec arguments' variable. */
static const char *kexec_args_file(enum distro_family d, const char **variable)
{
	*variable = d == DISTRO_DEBIAN ? "KDUMP_KEXEC_ARGS" : "KEXEC_ARGS";
	return d == DISTRO_DEBIAN ? "/etc/default/kdump-tools" :
	       d == DISTRO_RHEL ? "/etc/sysconfig/kdump" : NULL;
}

/* kexec_file_load: -s in what the kdump service passes to kexec. */
static void remedy_kexec_file(const struct facts *f, struct check_result *r,
			      const struct scenario *sc)
{
	struct check_remedy *rm;
	struct scenario t = *sc;
	const char *var, *file = kexec_args_file(f->distro, &var);
	char text[400];

	t.kexec = KEXEC_REQ_FILE;
	/* the last syscall option wins: -s after what the service passes */
	snprintf(t.kexec_args, sizeof(t.kexec_args), "%.240s -s", sc->kexec_args);
	if (f->distro == DISTRO_DEBIAN)
		snprintf(text, sizeof(text), "use kexec_file_load: %s KDUMP_KEXEC_ARGS in "
			 "/etc/default/kdump-tools",
			 strstr(f->kexec_args, "-c") ? "replace -c with -s in" : "add -s to");
	else if (f->distro == DISTRO_RHEL)
		snprintf(text, sizeof(text), "use kexec_file_load: put -s in KEXEC_ARGS in "
			 "/etc/sysconfig/kdump (and no -c)");
	else
		snprintf(text, sizeof(text), "use kexec_file_load: make the kdump service "
			 "run kexec -s");
	rm = try_remedy(r, &t, 1, "config", "kexec_file_load", text);
	if (rm)
		rm->kexec_file = true;
	remedy_edit(rm, file, var, "-s");
}

/* kdump loads the running kernel: where the service is told which kernel */
static void remedy_running_kernel(const struct facts *f, struct check_result *r,
				  const struct scenario *t)
{
	struct check_remedy *rm;
	char text[400], path[256];

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

void remedies_find(const struct facts *f, struct check_result *r,
			  const struct scenario *sc)
{
	struct scenario t;
	char text[400], id[48], *p;
	unsigned int i;

	if (sc->kexec != KEXEC_REQ_FILE)
		remedy_kexec_file(f, r, sc);
	/* only where the kdump kernel is built with it */
	if (sc->video && !(f->kdump_same && (f->drivers_absent & MOD_BIT(MOD_HYPERV_DRM)))) {
		t = *sc;
		t.kdump_modules |= MOD_BIT(MOD_HYPERV_DRM);
		t.probe_order[0] = MOD_HYPERV_DRM;
		t.probe_order[1] = MOD_PCI_HYPERV;
		t.probe_order[2] = MOD_HYPERV_FB;
		if (t.fb_driver == FB_HYPERV_DRM || !(t.builtin & MOD_BIT(MOD_HYPERV_FB)))
			try_remedy(r, &t, 2, "initramfs", "initramfs_hyperv_drm",
				   f->blacklist & MOD_BIT(MOD_HYPERV_DRM) ?
				   "load hyperv_drm in the kdump initramfs, before pci_hyperv (remove "
				   "its blacklist from modprobe.d): it moves VRAM before the config "
				   "window is placed" :
				   "load hyperv_drm in the kdump initramfs, before pci_hyperv: it moves "
				   "VRAM before the config window is placed");
	}
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
	/* kernels that exist: the proposed config-window patch is never offered */
	for (i = 0; i < KC_TRACKED; i++) {
		const struct kernel_change_info *ci = kernel_change(i);
		char where[300];

		if ((sc->kdump.fixes & ci->fixes) == ci->fixes)
			continue;
		t = *sc;
		t.fixes |= ci->fixes;
		t.kdump.fixes |= ci->fixes;
		kernel_change_where(i, where, sizeof(where));
		snprintf(text, sizeof(text), "a kernel with %s (\"%s\"): %s", ci->commit,
			 ci->subject, where);
		snprintf(id, sizeof(id), "kernel_%s", fix_name(kernel_change_fix(i)));
		for (p = id; (p = strchr(p, '-'));)
			*p = '_';
		try_remedy(r, &t, 4, "kernel", id, text);
	}
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
