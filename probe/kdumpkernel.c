// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The kernel the kdump service loads, which need not be the running one:
 * kdump-tools' KDUMP_KERNEL and KDUMP_INITRD (the packaged file sets
 * /var/lib/kdump/vmlinuz and initrd.img, links to the chosen kernel and its
 * kdump initrd; unset, kdump-config's locate_kdump_kernel() takes the
 * running kernel from /boot),
 * kdumpctl's KDUMP_KERNELVER, or the recorded kexec command. Its release
 * names its config and modules.builtin, read here too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strcopy.h"
#include "probe.h"

#define FILE_CAP		(16u << 20)

/*
 * Follows @path's links inside the sysroot (at most 8) to the file name
 * that carries a release; the last target is left in @final.
 */
static bool release_of(struct probe *p, const char *path, char *release, size_t len,
		       char *final, size_t flen)
{
	char cur[512], target[250];
	int i;

	hv_strcopy(cur, sizeof(cur), path);
	for (i = 0; i < 8; i++) {
		if (release_from_name(cur, release, len))
			break;
		if (hv_path_readlink(p->pc, cur, target, sizeof(target)))
			break;
		if (target[0] == '/') {
			hv_strcopy(cur, sizeof(cur), target);
		} else {
			const char *slash = strrchr(cur, '/');
			char dir[250];

			snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - cur) : 0, cur);
			snprintf(cur, sizeof(cur), "%s/%s", dir, target);
		}
	}
	hv_strcopy(final, flen, cur);
	return release_from_name(cur, release, len);
}

/* Its modules.builtin and config, when it is another release. */
static void other_build(struct probe *p)
{
	struct facts *f = p->f;
	struct hv_err err;
	char path[512], *buf;
	size_t len;

	/* a file that is not a list of module paths is left unknown */
	f->kdump_builtin_known = !probe_modules_builtin(p, f->kdump_release, &f->kdump_builtin,
							path, sizeof(path), &err);
	snprintf(path, sizeof(path), "/boot/config-%s", f->kdump_release);
	if (!hv_path_read(p->pc, path, FILE_CAP, &buf, &len)) {
		f->kdump_sysfb = kconfig_get(buf, len, "CONFIG_SYSFB") != 'n';
		f->kdump_sysfb_known = true;
		/* the remedies load only a driver its config has (CONFIG_DRM_HYPERV ...) */
		f->kdump_drivers_absent = probe_drivers_absent(buf, len);
		f->kdump_drivers_known = true;
		free(buf);
	}
}

/*
 * kdump-tools' kdump-config (Debian 1:1.8.1; tests/kdump-config-real runs
 * it), locate_kdump_kernel(), with KDUMP_KERNEL unset:
 * a relocatable running kernel (CONFIG_RELOCATABLE=y in /boot/config-REL)
 * is loaded from /boot/vmlinuz-REL (or vmlinux-REL) with /boot/initrd.img-REL
 * when that file exists -- the ordinary initrd, not a kdump one. Otherwise
 * it finds no kernel (without KDUMP_CONFIG, which we do not follow): false.
 */
static bool locate_kdump_kernel(struct probe *p, char *image, size_t ilen, char *initrd,
				size_t rlen)
{
	const char *rel = p->f->release;
	char path[512], *buf;
	size_t len;
	bool reloc;

	snprintf(path, sizeof(path), "/boot/config-%s", rel);
	if (!rel[0] || hv_path_read(p->pc, path, FILE_CAP, &buf, &len))
		return false;
	reloc = kconfig_get(buf, len, "CONFIG_RELOCATABLE") == 'y';
	free(buf);
	if (!reloc)
		return false;
	snprintf(image, ilen, "/boot/vmlinuz-%s", rel);
	if (hv_path_exists(p->pc, image))
		snprintf(image, ilen, "/boot/vmlinux-%s", rel);
	snprintf(path, sizeof(path), "/boot/initrd.img-%s", rel);
	if (!hv_path_exists(p->pc, path))
		hv_strcopy(initrd, rlen, path);
	return true;
}

void probe_kdump_kernel(struct probe *p)
{
	struct facts *f = p->f;
	char image[512] = "", initrd[512] = "", final[512];
	const char *src = "the kdump configuration";
	bool named = true;

	if (p->recorded_cmd &&
	    !kexec_cmd_parse(f->recorded_args, image, sizeof(image), initrd, sizeof(initrd))) {
		src = f->recorded_source;
	} else if (f->crash_loaded && p->kdump_log_cmd[0] &&
		   !kexec_cmd_parse(p->kdump_log_cmd, image, sizeof(image), initrd, sizeof(initrd))) {
		/* loaded now: what kdumpctl loaded last is what a crash meets */
		src = "/var/log/kdump.log";
	} else if (p->kdump_kernelver[0]) {
		hv_strcopy(f->kdump_release, sizeof(f->kdump_release), p->kdump_kernelver);
		snprintf(f->kdump_image, sizeof(f->kdump_image), "/boot/vmlinuz-%s",
			 p->kdump_kernelver);
		snprintf(f->kdump_initrd, sizeof(f->kdump_initrd), "/boot/initramfs-%skdump.img",
			 p->kdump_kernelver);
		src = p->kdump_kernel_src;
	} else if (f->distro == DISTRO_DEBIAN && p->kdump_kernel[0]) {
		/* KDUMP_INITRD unset: kdump-config passes no --initrd */
		hv_strcopy(image, sizeof(image), p->kdump_kernel);
		hv_strcopy(initrd, sizeof(initrd), p->kdump_initrd);
		src = p->kdump_kernel_src;
	} else if (f->distro == DISTRO_DEBIAN) {
		src = "kdump-config's locate_kdump_kernel() (KDUMP_KERNEL unset)";
		if (!locate_kdump_kernel(p, image, sizeof(image), initrd, sizeof(initrd))) {
			fact_unknown(f, F_KDUMP_KERNEL, src,
				     "unknown: KDUMP_KERNEL is unset and /boot/config-%s does not "
				     "say CONFIG_RELOCATABLE=y: kdump-config finds no kernel to load "
				     "(assumed the running kernel)", f->release);
			hv_strcopy(f->kdump_release, sizeof(f->kdump_release), f->release);
			f->kdump_same = true;
			return;
		}
	} else {
		named = false;
	}
	if (image[0]) {
		hv_strcopy(f->kdump_image, sizeof(f->kdump_image), image);
		if (!release_of(p, image, f->kdump_release, sizeof(f->kdump_release), final,
				sizeof(final)))
			f->kdump_release[0] = '\0';
		if (initrd[0]) {
			char rel[128];

			release_of(p, initrd, rel, sizeof(rel), final, sizeof(final));
			hv_strcopy(f->kdump_initrd, sizeof(f->kdump_initrd), final);
		}
	}
	if (!named && f->release[0]) {
		/* kdumpctl, SUSE and Azure Linux load the running kernel by default */
		hv_strcopy(f->kdump_release, sizeof(f->kdump_release), f->release);
		src = "the running kernel (the service's default)";
	}
	if (!f->kdump_release[0]) {
		fact_unknown(f, F_KDUMP_KERNEL, src,
			     "unknown: %s names no release (assumed the running kernel)",
			     f->kdump_image[0] ? f->kdump_image : "nothing");
		hv_strcopy(f->kdump_release, sizeof(f->kdump_release), f->release);
		f->kdump_same = true;
		return;
	}
	f->kdump_same = !strcmp(f->kdump_release, f->release);
	if (!f->kdump_same)
		other_build(p);
	fact_set(f, F_KDUMP_KERNEL, src, "%s%s", f->kdump_release,
		 f->kdump_same ? " (the running kernel)" : " (NOT the running kernel)");
}
