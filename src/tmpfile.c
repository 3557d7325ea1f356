// SPDX-License-Identifier: GPL-2.0-or-later
#define _GNU_SOURCE
/*
 * Temporaries that no kill leaves behind (open(2) O_TMPFILE, linkat(2)).
 * Rule for the named fallback: .BASE.hvkdump-PID belongs to the process
 * PID; when no process PID runs (kill(PID, 0) says ESRCH), it was killed
 * before it renamed or removed it, and the next run for the same BASE in
 * the same directory removes it. Nothing else is ever removed.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tmpfile.h"

#define TMP_TAG ".hvkdump-"

bool hv_tmp_name_parse(const char *name, const char *base, long *pid)
{
	size_t bl = strlen(base), tl = strlen(TMP_TAG);
	const char *p;
	char *end;

	if (name[0] != '.' || strncmp(name + 1, base, bl) || strncmp(name + 1 + bl, TMP_TAG, tl))
		return false;
	p = name + 1 + bl + tl;
	if (*p < '1' || *p > '9')
		return false;
	errno = 0;
	*pid = strtol(p, &end, 10);
	return !*end && !errno && *pid > 0;
}

/* Removes the .BASE.hvkdump-PID whose process is gone. */
static void remove_stale(int dirfd, const char *base)
{
	struct dirent *de;
	DIR *d;
	int fd = openat(dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	long pid;

	if (fd < 0)
		return;
	d = fdopendir(fd);
	if (!d) {
		close(fd);
		return;
	}
	while ((de = readdir(d)))
		if (hv_tmp_name_parse(de->d_name, base, &pid) &&
		    (pid == (long)getpid() || (kill((pid_t)pid, 0) < 0 && errno == ESRCH)))
			unlinkat(dirfd, de->d_name, 0);
	closedir(d);
}

int hv_tmp_open(int dirfd, const char *base, struct hv_tmp *t)
{
	t->fd = -1;
	t->named = false;
	if (snprintf(t->name, sizeof(t->name), "." "%s" TMP_TAG "%ld", base,
		     (long)getpid()) >= (int)sizeof(t->name))
		return -ENAMETOOLONG;
	/* ours from an earlier process of the same PID is stale too */
	remove_stale(dirfd, base);
	t->fd = openat(dirfd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
	if (t->fd >= 0)
		return 0;
	/* no O_TMPFILE in this kernel (EISDIR) or filesystem (EOPNOTSUPP) */
	if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL)
		return -errno;
	t->fd = openat(dirfd, t->name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		       0600);
	if (t->fd < 0)
		return -errno;
	t->named = true;
	return 0;
}

/* Gives an O_TMPFILE file the name @name in @dirfd. */
static int link_anonymous(int dirfd, const struct hv_tmp *t, const char *name)
{
	char proc[64];

	/* AT_EMPTY_PATH wants CAP_DAC_READ_SEARCH; /proc/self/fd does not */
	if (!linkat(t->fd, "", dirfd, name, AT_EMPTY_PATH))
		return 0;
	if (errno != EPERM && errno != ENOENT)
		return -errno;
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", t->fd);
	return linkat(AT_FDCWD, proc, dirfd, name, AT_SYMLINK_FOLLOW) ? -errno : 0;
}

int hv_tmp_replace(int dirfd, struct hv_tmp *t, const char *base)
{
	int rc;

	/* renameat() needs a name: the window between link and rename is all a kill may hit */
	if (!t->named) {
		rc = link_anonymous(dirfd, t, t->name);
		if (rc)
			return rc;
		t->named = true;
	}
	if (renameat(dirfd, t->name, dirfd, base))
		return -errno;
	t->named = false;
	return 0;
}

int hv_tmp_link(int dirfd, struct hv_tmp *t, const char *name)
{
	if (!t->named)
		return link_anonymous(dirfd, t, name);
	if (linkat(dirfd, t->name, dirfd, name, 0))
		return -errno;
	unlinkat(dirfd, t->name, 0);
	t->named = false;
	return 0;
}

void hv_tmp_close(int dirfd, struct hv_tmp *t)
{
	if (t->fd >= 0)
		close(t->fd);
	t->fd = -1;
	if (t->named)
		unlinkat(dirfd, t->name, 0);
	t->named = false;
}
