// SPDX-License-Identifier: GPL-2.0-or-later
/* Blacklisted drivers: modprobe.d through libkmod (kmod_config_get_blacklists()). */
#if HAVE_KMOD
#include <libkmod.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probe.h"

#if HAVE_KMOD
static const char *const conf_dirs[] = {
	"/etc/modprobe.d", "/run/modprobe.d", "/usr/local/lib/modprobe.d",
	"/lib/modprobe.d", "/usr/lib/modprobe.d",
};
#define NDIRS (sizeof(conf_dirs) / sizeof(conf_dirs[0]))

/*
 * Under a sysroot libkmod reads the files itself, with plain open(): it is
 * handed only directories whose every entry was checked, through the path
 * context, not to be a link that could lead out of the sysroot. The files
 * are read once through the path context too, so that collect takes them.
 */
static int sysroot_dirs(struct probe *p, char paths[NDIRS][600], const char *argv[NDIRS + 1])
{
	unsigned int n = 0, d;

	for (d = 0; d < NDIRS; d++) {
		char **names, file[512], *buf;
		size_t count, i, len;

		if (hv_path_is_symlink(p->pc, conf_dirs[d]) != 0 ||
		    hv_path_list(p->pc, conf_dirs[d], &names, &count))
			continue;
		for (i = 0; i < count; i++) {
			snprintf(file, sizeof(file), "%s/%s", conf_dirs[d], names[i]);
			if (hv_path_is_symlink(p->pc, file) != 0) {
				fact_unknown(p->f, F_BLACKLIST, conf_dirs[d], "unknown: %s is a "
					     "link: under a sysroot modprobe.d links are not followed", file);
				hv_path_free_list(names, count);
				return -1;
			}
			if (!hv_path_read(p->pc, file, 1 << 20, &buf, &len))
				free(buf);
		}
		hv_path_free_list(names, count);
		snprintf(paths[n], sizeof(paths[n]), "%s%s", p->pc->sysroot, conf_dirs[d]);
		argv[n] = paths[n];
		n++;
	}
	argv[n] = NULL;
	return 0;
}

void probe_blacklist(struct probe *p)
{
	struct facts *f = p->f;
	char paths[NDIRS][600], names[64];
	const char *argv[NDIRS + 1];
	struct kmod_config_iter *it;
	struct kmod_ctx *ctx;
	unsigned int m;

	if (!hv_path_is_live(p->pc) && sysroot_dirs(p, paths, argv))
		return;
	ctx = kmod_new(hv_path_is_live(p->pc) ? NULL : "/nonexistent",
		       hv_path_is_live(p->pc) ? NULL : argv);
	if (!ctx) {
		fact_unknown(f, F_BLACKLIST, "modprobe.d", "unknown: libkmod could not start");
		return;
	}
	f->blacklist = 0;
	it = kmod_config_get_blacklists(ctx);
	while (it && kmod_config_iter_next(it)) {
		const char *key = kmod_config_iter_get_key(it);

		for (m = 0; m < MOD_COUNT; m++) {
			const char *want = module_name((enum hv_module)m);
			size_t i;

			for (i = 0; want[i] && key[i]; i++)
				if ((key[i] == '-' ? '_' : key[i]) != want[i])
					break;
			if (!want[i] && !key[i])
				f->blacklist |= MOD_BIT(m);
		}
	}
	kmod_config_iter_free_iter(it);
	kmod_unref(ctx);
	module_set_str(f->blacklist, names, sizeof(names));
	fact_set(f, F_BLACKLIST, "modprobe.d (libkmod)", "%s", f->blacklist ? names :
		 "none of pci_hyperv, hyperv_drm, hyperv_fb");
}
#else
void probe_blacklist(struct probe *p)
{
	fact_unknown(p->f, F_BLACKLIST, "modprobe.d",
		     "unknown: this hvkdump is a static build, without libkmod");
}
#endif
