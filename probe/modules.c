// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Blacklisted drivers: modprobe.d and the kernel command line, read as
 * libkmod reads them (kmod 30, libkmod/libkmod-config.c kmod_config_new()),
 * every file through the path context.
 *
 * Why not libkmod itself: it takes directory names and opens what is in
 * them with plain open(), following any link: under a sysroot a link could
 * lead to the host's files, a FIFO blocks it forever, a device or a huge
 * file is read whole. And it always reads the running kernel's
 * /proc/cmdline, which under a sysroot is this machine's, not the captured
 * system's. A private copy of the checked files would still leave that
 * read, and a temporary directory a kill could leave behind. The verdict
 * needs one keyword, blacklist: lib/formats/modprobe.c reads it as
 * kmod_config_parse() does (tests/test_modprobe.c holds it against libkmod).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "probe.h"

/*
 * libkmod's default_config_paths[] in its order: kmod 30 has no
 * /usr/lib/modprobe.d; later ones read DISTCONFDIR's (/usr/lib) before /lib's
 */
static const char *const conf_dirs[] = {
	"/etc/modprobe.d", "/run/modprobe.d", "/usr/local/lib/modprobe.d",
	"/usr/lib/modprobe.d", "/lib/modprobe.d",
};
#define NDIRS (sizeof(conf_dirs) / sizeof(conf_dirs[0]))

/* Caps no real system reaches: a modprobe.d file is a few KiB, a directory holds tens. */
#define MODPROBE_FILE_MAX	(1u << 20)
#define MODPROBE_DIR_MAX	4096u

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool seen_before(char **const names[NDIRS], const size_t count[NDIRS], unsigned int d,
			const char *name)
{
	unsigned int e;

	for (e = 0; e < d; e++)
		if (names[e] && bsearch(&name, names[e], count[e], sizeof(char *), cmp_name))
			return true;
	return false;
}

/*
 * One file: 0 and its blacklist in *@set, 1 when libkmod would skip it
 * (gone, a directory, a link to /dev/null that masks it), -1 with the fact
 * made unknown.
 */
const struct modnames *probe_modnames(void)
{
	static const char *names[MOD_COUNT];
	static const struct modnames mn = { names, MOD_COUNT };
	unsigned int m;

	for (m = 0; m < MOD_COUNT; m++)
		names[m] = module_name((enum hv_module)m);
	return &mn;
}

static int one_file(struct probe *p, const char *path, unsigned int *set)
{
	char target[16], *buf;
	struct stat st;
	size_t len;
	int rc;

	/* a link to /dev/null masks a file of that name (as systemd does) */
	if (hv_path_is_symlink(p->pc, path) == 1 &&
	    !hv_path_readlink(p->pc, path, target, sizeof(target)) && !strcmp(target, "/dev/null"))
		return 1;
	rc = hv_path_stat(p->pc, path, &st);
	/* conf_files_filter_out() skips a directory; open() fails on a dangling link */
	if (rc == -ENOENT || (!rc && S_ISDIR(st.st_mode)))
		return 1;
	rc = rc ? rc : hv_path_read(p->pc, path, MODPROBE_FILE_MAX, &buf, &len);
	if (rc == -EFBIG)
		fact_unknown(p->f, F_BLACKLIST, path, "unknown: %s is larger than %u bytes: too "
			     "large to read", path, MODPROBE_FILE_MAX);
	else if (rc == -EINVAL)
		fact_unknown(p->f, F_BLACKLIST, path, "unknown: %s is not a regular file: not "
			     "read", path);
	else if (rc)
		fact_unknown(p->f, F_BLACKLIST, path, "unknown: %s: %s", path, strerror(-rc));
	if (rc)
		return -1;
	*set |= modprobe_blacklisted(buf, len, probe_modnames());
	free(buf);
	return 0;
}

void probe_blacklist(struct probe *p)
{
	struct facts *f = p->f;
	char **names[NDIRS] = { NULL }, path[600], shown[64], *buf;
	size_t count[NDIRS] = { 0 }, i, len;
	unsigned int d, set = 0;
	int rc = 0;

	for (d = 0; d < NDIRS && !rc; d++) {
		rc = hv_path_list(p->pc, conf_dirs[d], &names[d], &count[d]);
		/* a directory that is not there is skipped, as libkmod skips it */
		if (rc == -ENOENT || rc == -ENOTDIR) {
			rc = 0;
			continue;
		}
		if (rc) {
			fact_unknown(f, F_BLACKLIST, conf_dirs[d], "unknown: %s: %s", conf_dirs[d],
				     strerror(-rc));
			break;
		}
		if (count[d] > MODPROBE_DIR_MAX) {
			fact_unknown(f, F_BLACKLIST, conf_dirs[d], "unknown: %s holds %zu names, more "
				     "than %u: too large to read", conf_dirs[d], count[d],
				     MODPROBE_DIR_MAX);
			rc = -1;
			break;
		}
		/* in name order; a name in an earlier directory hides this one */
		for (i = 0; i < count[d] && !rc; i++) {
			if (!modprobe_conf_name(names[d][i]) ||
			    seen_before(names, count, d, names[d][i]))
				continue;
			snprintf(path, sizeof(path), "%s/%s", conf_dirs[d], names[d][i]);
			rc = one_file(p, path, &set) < 0 ? -1 : 0;
		}
	}
	for (d = 0; d < NDIRS; d++)
		hv_path_free_list(names[d], count[d]);
	if (rc)
		return;
	/* modprobe.blacklist= on the kernel command line (the captured one under a sysroot) */
	if (!hv_path_read(p->pc, "/proc/cmdline", 4096, &buf, &len)) {
		set |= kcmdline_blacklisted(buf, len, probe_modnames());
		free(buf);
	}
	f->blacklist = set;
	module_set_str(set, shown, sizeof(shown));
	fact_set(f, F_BLACKLIST, "modprobe.d", "%s", set ? shown :
		 "none of pci_hyperv, hyperv_drm, hyperv_fb");
}
