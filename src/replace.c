// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The one writer of whole files (replace.h): a temporary beside the target
 * (tmpfile.h), synced and renamed over it; for fix --apply first a check
 * that the file is still the one read, and a backup of it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/strcopy.h"
#include "probe/path.h"
#include "replace.h"
#include "tmpfile.h"

int hv_fill_stream(FILE *out, int (*fill)(FILE *out, void *ctx), void *ctx)
{
	int rc;

	errno = 0;
	rc = fill(out, ctx);
	if (!rc && (fflush(out) || ferror(out)))
		rc = errno ? -errno : -EIO;
	return rc;
}

int hv_replace_fill_buf(FILE *out, void *ctx)
{
	const struct hv_replace_buf *b = ctx;

	if (b->len && fwrite(b->data, 1, b->len, out) != b->len)
		return errno ? -errno : -EIO;
	return 0;
}

/* What the name holds now: nothing or a regular file, else -errno. */
static int check_target(int dirfd, const char *base)
{
	struct stat st;

	if (fstatat(dirfd, base, &st, AT_SYMLINK_NOFOLLOW))
		return errno == ENOENT ? 0 : -errno;
	if (S_ISLNK(st.st_mode))
		return -ELOOP;
	if (S_ISDIR(st.st_mode))
		return -EISDIR;
	return S_ISREG(st.st_mode) ? 0 : -ENODEV;
}

/* -errno of the call that just failed (never 0: its st is not to be read) */
static int neg_errno(void)
{
	int e = errno;

	return e > 0 ? -e : -EIO;
}

/*
 * Still the file that was read, and writable by its owner? Its stat in
 * @st, and *@like pointed at it, when it is.
 */
static int check_old(int dirfd, const char *base, const struct hv_replace *r, struct stat *st,
		     const struct stat **like)
{
	char *now = NULL;
	size_t nowlen = 0;
	int fd, rc;

	if (!r->was)
		return -EINVAL;
	fd = openat(dirfd, base, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return neg_errno();
	/* *@st is read only after an fstat() that succeeded */
	if (fstat(fd, st) < 0) {
		rc = neg_errno();
		close(fd);
		return rc;
	}
	rc = st->st_ino != r->was->st_ino || st->st_dev != r->was->st_dev ? -ESTALE : 0;
	if (!rc)
		rc = hv_read_fd(fd, r->oldlen + 1, &now, &nowlen);
	if (!rc && (!now || nowlen != r->oldlen || memcmp(now, r->old, r->oldlen)))
		rc = -ESTALE;
	if (rc == -EFBIG)
		rc = -ESTALE;
	close(fd);
	free(now);
	if (!rc && !(st->st_mode & S_IWUSR))
		rc = -EROFS;
	if (!rc)
		*like = st;
	return rc;
}

/* @like's owner and mode on @fd, or @mode less the umask when there is none. */
static int set_owner_mode(int fd, const struct stat *like, unsigned int mode)
{
	struct stat st;
	mode_t mask;

	if (like) {
		mode = like->st_mode & 07777;
		if (!fstat(fd, &st) && (st.st_uid != like->st_uid || st.st_gid != like->st_gid) &&
		    fchown(fd, like->st_uid, like->st_gid))
			return -errno;
	} else {
		mask = umask(0);
		umask(mask);
		mode &= ~mask;
	}
	/* it was made 0600 */
	return fchmod(fd, mode) ? -errno : 0;
}

/* A temporary for @base holding what @fill writes, synced. Closed on failure. */
static int write_tmp(int dirfd, const char *base, const struct stat *like, unsigned int mode,
		     int (*fill)(FILE *out, void *ctx), void *ctx, struct hv_tmp *t)
{
	int rc = hv_tmp_open(dirfd, base, t), fd;
	FILE *out;

	if (rc)
		return rc;
	rc = set_owner_mode(t->fd, like, mode);
	fd = rc ? -1 : dup(t->fd);
	out = fd < 0 ? NULL : fdopen(fd, "w");
	if (!out) {
		rc = rc ? rc : -errno;
		if (fd >= 0)
			close(fd);
	} else {
		rc = hv_fill_stream(out, fill, ctx);
		if (!rc && fsync(fd))
			rc = -errno;
		if (fclose(out) && !rc)
			rc = -errno;
	}
	if (rc)
		hv_tmp_close(dirfd, t);
	return rc;
}

/*
 * The backup is written whole, then linked under the first free of
 * SUFFIX, SUFFIX.1 ... SUFFIX.99 (an earlier one is kept): a kill leaves
 * no half backup.
 */
static int write_backup(int dirfd, const char *base, const struct stat *like,
			const struct hv_replace *r)
{
	struct hv_replace_buf old = { r->old, r->oldlen };
	struct hv_tmp t;
	char bak[512];
	unsigned int n;
	int rc = write_tmp(dirfd, base, like, r->mode, hv_replace_fill_buf, &old, &t);

	if (rc)
		return rc;
	for (n = 0; n < 100; n++) {
		if (n)
			snprintf(bak, sizeof(bak), "%s%s.%u", base, r->backup_suffix, n);
		else
			snprintf(bak, sizeof(bak), "%s%s", base, r->backup_suffix);
		rc = hv_tmp_link(dirfd, &t, bak);
		if (rc != -EEXIST)
			break;
	}
	hv_tmp_close(dirfd, &t);
	if (!rc && r->backup)
		hv_strcopy(r->backup, r->blen, bak);
	return rc;
}

int hv_replace_at(int dirfd, const char *base, const struct hv_replace *r,
		  int (*fill)(FILE *out, void *ctx), void *ctx)
{
	const struct stat *like = r->was;
	struct hv_tmp t;
	struct stat now;
	int rc;

	if (!*base || strchr(base, '/'))
		return -EINVAL;
	rc = check_target(dirfd, base);
	if (!rc && r->old)
		rc = check_old(dirfd, base, r, &now, &like);
	if (!rc && r->old && r->backup_suffix)
		rc = write_backup(dirfd, base, like, r);
	if (!rc)
		rc = write_tmp(dirfd, base, like, r->mode, fill, ctx, &t);
	if (rc)
		return rc;
	rc = hv_tmp_replace(dirfd, &t, base);
	hv_tmp_close(dirfd, &t);
	if (!rc)
		fsync(dirfd);
	return rc;
}
