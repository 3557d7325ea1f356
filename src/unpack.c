// SPDX-License-Identifier: GPL-2.0-or-later
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#if HAVE_LIBARCHIVE
#include <archive.h>
#include <archive_entry.h>
#endif

#include "util/strcopy.h"
#include "cli.h"
#include "probe/dynlib.h"
#include "unpack.h"

/* what a captured system holds, with room: more is no sysroot of ours or sos's */
#define UNPACK_MAX_ENTRIES	100000u
#define UNPACK_MAX_BYTES	(1024ull << 20)

bool sysroot_is_archive(const char *path)
{
	struct stat st;

	return path && !stat(path, &st) && S_ISREG(st.st_mode);
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP)
		chmod(path, 0700);
	return remove(path) && errno != ENOENT ? -1 : 0;
}

void sysroot_unpacked_free(struct unpacked *u)
{
	if (u->tmp[0])
		nftw(u->tmp, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	u->tmp[0] = '\0';
}

/* the archive's one top directory (hvkdump-HOST-DATE/, sosreport-*), else the whole */
static void find_root(struct unpacked *u)
{
	DIR *d = opendir(u->tmp);
	struct dirent *e;
	char only[256] = "";
	unsigned int n = 0;

	hv_strcopy(u->root, sizeof(u->root), u->tmp);
	if (!d)
		return;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		n++;
		hv_strcopy(only, sizeof(only), e->d_name);
	}
	closedir(d);
	if (n == 1) {
		char path[512];
		struct stat st;

		snprintf(path, sizeof(path), "%s/%s", u->tmp, only);
		if (!lstat(path, &st) && S_ISDIR(st.st_mode))
			hv_strcopy(u->root, sizeof(u->root), path);
	}
}

#if HAVE_LIBARCHIVE
static int extract_now(const char *cmd, const char *path, struct unpacked *u)
{
	/* no "..", nothing written through a link, nothing replaced; no owners
	 * (absolute names are refused below: each name is put under u->tmp) */
	const int flags = ARCHIVE_EXTRACT_SECURE_NODOTDOT | ARCHIVE_EXTRACT_SECURE_SYMLINKS |
			  ARCHIVE_EXTRACT_NO_OVERWRITE;
	struct archive *a = hv_archive.archive_read_new();
	struct archive *disk = hv_archive.archive_write_disk_new();
	struct archive_entry *e;
	unsigned long long bytes = 0;
	unsigned int n = 0;
	char name[4096];
	int rc = -1, r;

	if (!a || !disk) {
		hv_warnx("%s: %s: %s", cmd, path, strerror(ENOMEM));
		goto out;
	}
	hv_archive.archive_read_support_filter_all(a);
	hv_archive.archive_read_support_format_tar(a);
	hv_archive.archive_read_support_format_gnutar(a);
	hv_archive.archive_write_disk_set_options(disk, flags);
	if (hv_archive.archive_read_open_filename(a, path, 64 << 10)) {
		hv_warnx("%s: %s: %s", cmd, path, hv_archive.archive_error_string(a));
		goto out;
	}
	while ((r = hv_archive.archive_read_next_header(a, &e)) == ARCHIVE_OK) {
		const char *p = hv_archive.archive_entry_pathname(e);
		mode_t type = hv_archive.archive_entry_filetype(e);

		if (++n > UNPACK_MAX_ENTRIES) {
			hv_warnx("%s: %s: more than %u members: no captured system", cmd, path,
				 UNPACK_MAX_ENTRIES);
			goto out;
		}
		bytes += (unsigned long long)hv_archive.archive_entry_size(e);
		if (bytes > UNPACK_MAX_BYTES) {
			hv_warnx("%s: %s: more than %llu MiB unpacked: no captured system", cmd,
				 path, UNPACK_MAX_BYTES >> 20);
			goto out;
		}
		/* files, directories and links only: no devices, FIFOs or hard links */
		if (!p || p[0] == '/' || (type != AE_IFREG && type != AE_IFDIR && type != AE_IFLNK) ||
		    hv_archive.archive_entry_hardlink(e))
			continue;
		if (snprintf(name, sizeof(name), "%s/%s", u->tmp, p) >= (int)sizeof(name))
			continue;
		hv_archive.archive_entry_set_pathname(e, name);
		hv_archive.archive_entry_set_perm(e, type == AE_IFDIR ? 0700 : 0600);
		r = hv_archive.archive_write_header(disk, e);
		if (r == ARCHIVE_OK && type == AE_IFREG) {
			const void *buf;
			size_t len;
			la_int64_t off;

			struct archive *bad = NULL;

			while (!bad) {
				r = hv_archive.archive_read_data_block(a, &buf, &len, &off);
				if (r != ARCHIVE_OK)
					break;
				if (hv_archive.archive_write_data_block(disk, buf, len, off) <
				    ARCHIVE_WARN)
					bad = disk;
			}
			if (bad || r != ARCHIVE_EOF) {
				hv_warnx("%s: %s: %s", cmd, path,
					 hv_archive.archive_error_string(bad ? bad : a));
				goto out;
			}
		} else if (r < ARCHIVE_WARN) {
			/* an unsafe name (/.., absolute, through a link): left out */
			continue;
		}
		hv_archive.archive_write_finish_entry(disk);
	}
	if (r != ARCHIVE_EOF) {
		hv_warnx("%s: %s: %s", cmd, path, hv_archive.archive_error_string(a));
		goto out;
	}
	rc = 0;
out:
	hv_archive.archive_read_free(a);
	hv_archive.archive_write_free(disk);
	return rc;
}

/* libarchive is loaded here, the first time a run unpacks (probe/dynlib.c) */
static int extract(const char *cmd, const char *path, struct unpacked *u)
{
	struct hv_err err = { 0, "" };

	if (!hv_archive_load(&err)) {
		hv_warnx("%s: %s: %s", cmd, path, err.msg);
		return -1;
	}
	return extract_now(cmd, path, u);
}
#else
static int extract(const char *cmd, const char *path, struct unpacked *u)
{
	(void)u;
	hv_warnx("%s: %s: not a directory, and this build reads no archive (no libarchive)",
		 cmd, path);
	return -1;
}
#endif

int sysroot_unpack(const char *cmd, const char *path, struct unpacked *u)
{
	const char *dir = getenv("TMPDIR");
	char real[PATH_MAX];

	u->tmp[0] = u->root[0] = '\0';
	snprintf(u->tmp, sizeof(u->tmp), "%s/hvkdump-XXXXXX", dir && *dir ? dir : "/tmp");
	if (!mkdtemp(u->tmp)) {
		hv_warnx("%s: %s: cannot make a directory to unpack it into: %s", cmd, path,
			 strerror(errno));
		u->tmp[0] = '\0';
		return -1;
	}
	/* its own path without links: the symlink check walks all of it */
	if (realpath(u->tmp, real) && strlen(real) < sizeof(u->tmp))
		memcpy(u->tmp, real, strlen(real) + 1);
	if (extract(cmd, path, u)) {
		sysroot_unpacked_free(u);
		return -1;
	}
	find_root(u);
	return 0;
}
