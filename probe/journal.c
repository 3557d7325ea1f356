// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The kernel's messages of the last boot in systemd's binary journal under
 * a sysroot (/var/log/journal/MACHINE-ID/, /run/log/journal/...): Debian 12
 * keeps its kernel log there and nowhere else. Read with libsystemd's
 * sd-journal from descriptors opened through the path context, so that the
 * files are the sysroot's; a static build has no libsystemd and says so.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#if HAVE_SYSTEMD
#include <systemd/sd-journal.h>
#endif

#include "dynlib.h"
#include "probe.h"

#define JOURNAL_MAX_FILES 64

#if HAVE_SYSTEMD
/* The journal files of every machine directory under @dir, opened: how many. */
static unsigned int open_files(struct probe *p, const char *dir, int *fds, unsigned int n)
{
	char **machines, **files, path[512];
	size_t nm, nf, i, k;

	if (hv_path_list(p->pc, dir, &machines, &nm))
		return n;
	for (i = 0; i < nm && n < JOURNAL_MAX_FILES; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, machines[i]);
		if (hv_path_list(p->pc, path, &files, &nf))
			continue;
		for (k = 0; k < nf && n < JOURNAL_MAX_FILES; k++) {
			size_t len = strlen(files[k]);
			int fd;

			if (len < 9 || strcmp(files[k] + len - 8, ".journal"))
				continue;
			snprintf(path, sizeof(path), "%s/%s/%s", dir, machines[i], files[k]);
			if ((fd = hv_path_open_regular(p->pc, path, NULL)) >= 0)
				fds[n++] = fd;
		}
		hv_path_free_list(files, nf);
	}
	hv_path_free_list(machines, nm);
	return n;
}

/* The MESSAGE of each kernel entry of the last boot, a line each. */
static int kernel_messages(sd_journal *j, size_t cap, char **out, size_t *outlen)
{
	char match[64], *buf = NULL;
	size_t len = 0, alloc = 0;
	sd_id128_t boot;
	uint64_t usec;

	if (hv_systemd.sd_journal_seek_tail(j) < 0 || hv_systemd.sd_journal_previous(j) <= 0 ||
	    hv_systemd.sd_journal_get_monotonic_usec(j, &usec, &boot) < 0)
		return -1;
	snprintf(match, sizeof(match), "_BOOT_ID=" SD_ID128_FORMAT_STR, SD_ID128_FORMAT_VAL(boot));
	if (hv_systemd.sd_journal_add_match(j, match, 0) < 0 ||
	    hv_systemd.sd_journal_add_match(j, "_TRANSPORT=kernel", 0) < 0 ||
	    hv_systemd.sd_journal_seek_head(j) < 0)
		return -1;
	while (hv_systemd.sd_journal_next(j) > 0) {
		const void *data;
		size_t n;

		if (hv_systemd.sd_journal_get_data(j, "MESSAGE", &data, &n) < 0 || n < 8)
			continue;
		n -= 8;		/* "MESSAGE=" */
		if (len + n + 2 > alloc) {
			size_t want = alloc ? alloc * 2 : 1 << 16;
			char *nb;

			while (want < len + n + 2)
				want *= 2;
			if (want > cap)
				break;
			if (!(nb = realloc(buf, want))) {
				free(buf);
				return -1;
			}
			buf = nb;
			alloc = want;
		}
		memcpy(buf + len, (const char *)data + 8, n);
		len += n;
		buf[len++] = '\n';
	}
	if (!len) {
		free(buf);
		return -1;
	}
	buf[len] = '\0';
	*out = buf;
	*outlen = len;
	return 0;
}
#endif

int probe_journal(struct probe *p, size_t cap, char **out, size_t *outlen, const char **src,
		  char *why, size_t wlen)
{
#if HAVE_SYSTEMD
	int fds[JOURNAL_MAX_FILES], rc = -1;
	unsigned int n = 0, i;
	sd_journal *j = NULL;
	struct hv_err err = { 0 };

	n = open_files(p, "/var/log/journal", fds, n);
	n = open_files(p, "/run/log/journal", fds, n);
	if (!n)
		return -ENOENT;
	*src = "/var/log/journal (the kernel's messages of the last boot)";
	if (!hv_systemd_load(&err)) {
		for (i = 0; i < n; i++)
			close(fds[i]);
		snprintf(why, wlen, "libsystemd could not be loaded: %s", err.msg);
		return -ENOTSUP;
	}
	if (hv_systemd.sd_journal_open_files_fd(&j, fds, n, 0) >= 0) {
		rc = kernel_messages(j, cap, out, outlen);
		hv_systemd.sd_journal_close(j);
	}
	for (i = 0; i < n; i++)
		close(fds[i]);
	return rc ? -EINVAL : 0;
#else
	(void)cap;
	(void)out;
	(void)outlen;
	*src = "/var/log/journal";
	snprintf(why, wlen, "this static build cannot read it (no libsystemd)");
	return hv_path_exists(p->pc, "/var/log/journal") ? -ENOENT : -ENOTSUP;
#endif
}
