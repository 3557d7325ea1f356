// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The one way hvkdump writes a file the user names (--svg, --prometheus,
 * collect -o): see hv_write_output() in cli.h and FILES in hvkdump(1).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "replace.h"

/* How long a FIFO's reader is waited for. */
#define FIFO_WAIT_MS 5000

/* A character device or a FIFO: opened and written where it is, never replaced. */
static int write_in_place(const char *path, const struct stat *was,
			  int (*fill)(FILE *out, void *ctx), void *ctx)
{
	struct stat st;
	FILE *out;
	int fd, rc, flags;
	unsigned int tries;

	/*
	 * O_NONBLOCK: a FIFO with no reader fails (ENXIO) instead of blocking
	 * in open() forever; one is waited for a few seconds (a reader started
	 * beside the command), then refused. Writes block again once open.
	 */
	for (tries = 0;; tries++) {
		fd = open(path, O_WRONLY | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
		if (fd >= 0 || errno != ENXIO || !S_ISFIFO(was->st_mode))
			break;
		if (tries == FIFO_WAIT_MS / 50)
			return -ENXIO;
		nanosleep(&(struct timespec){ .tv_nsec = 50000000L }, NULL);
	}
	if (fd < 0)
		return -errno;
	flags = fcntl(fd, F_GETFL);
	if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK)) {
		rc = -errno;
		close(fd);
		return rc;
	}
	/* the same kind of file as the one looked at, not something swapped in */
	if (fstat(fd, &st) || (st.st_mode & S_IFMT) != (was->st_mode & S_IFMT)) {
		close(fd);
		return -ESTALE;
	}
	out = fdopen(fd, "w");
	if (!out) {
		rc = -errno;
		close(fd);
		return rc;
	}
	rc = hv_fill_stream(out, fill, ctx);
	if (fclose(out) && !rc)
		rc = -errno;
	return rc;
}

/*
 * A new or a regular file: replaced whole (replace.h), an existing file's
 * owner and mode kept, a new one gets @mode less the umask.
 */
static int write_replace(const char *path, const struct stat *was, unsigned int mode,
			 int (*fill)(FILE *out, void *ctx), void *ctx)
{
	const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
	const struct hv_replace r = { .mode = mode, .was = was };
	char dir[4096];
	int dirfd, rc;

	if (!slash)
		snprintf(dir, sizeof(dir), ".");
	else if ((size_t)(slash - path) >= sizeof(dir))
		return -ENAMETOOLONG;
	else
		snprintf(dir, sizeof(dir), "%.*s", slash == path ? 1 : (int)(slash - path), path);
	if (!*base)
		return -EISDIR;
	dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0)
		return -errno;
	rc = hv_replace_at(dirfd, base, &r, fill, ctx);
	close(dirfd);
	return rc;
}

int hv_write_output(const char *path, unsigned int mode, int (*fill)(FILE *out, void *ctx),
		    void *ctx)
{
	struct stat st;

	if (!strcmp(path, "-"))
		return hv_fill_stream(stdout, fill, ctx);
	if (lstat(path, &st)) {
		if (errno != ENOENT)
			return -errno;
		return write_replace(path, NULL, mode, fill, ctx);
	}
	switch (st.st_mode & S_IFMT) {
	case S_IFREG:
		return write_replace(path, &st, mode, fill, ctx);
	case S_IFCHR:
	case S_IFIFO:
		return write_in_place(path, &st, fill, ctx);
	case S_IFLNK:
		return -ELOOP;
	case S_IFDIR:
		return -EISDIR;
	default:
		return -ENODEV;
	}
}

const char *hv_output_strerror(int rc)
{
	switch (rc) {
	case -ELOOP:
		return "is a symbolic link: not followed; name the file it points to";
	case -EISDIR:
		return "is a directory";
	case -ENODEV:
		return "is a block device or a socket: not written";
	case -ESTALE:
		return "changed while it was opened: not written";
	case -ENXIO:
		return "is a FIFO that no reader opened within 5 seconds: not written";
	default:
		return strerror(-rc);
	}
}
