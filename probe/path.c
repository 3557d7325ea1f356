// SPDX-License-Identifier: GPL-2.0-or-later
/* The sysroot-aware path context (util-linux lib/path.c). */
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "path.h"

int hv_path_init(struct hv_path *pc, const char *sysroot)
{
	pc->sysroot = sysroot;
	pc->root_fd = -1;
	if (!sysroot)
		return 0;
	pc->root_fd = open(sysroot, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (pc->root_fd < 0)
		return -errno;
	return 0;
}

void hv_path_deinit(struct hv_path *pc)
{
	if (pc->root_fd >= 0)
		close(pc->root_fd);
	pc->root_fd = -1;
}

static int open_in_root(const struct hv_path *pc, const char *path)
{
	struct open_how how = {
		.flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY,
		.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
	};
	long fd;

	while (*path == '/')
		path++;
	fd = syscall(SYS_openat2, pc->root_fd, *path ? path : ".", &how,
		     sizeof(how));
	return fd < 0 ? -errno : (int)fd;
}

int hv_read_fd(int fd, size_t cap, char **bufp, size_t *lenp)
{
	size_t len = 0, alloc = 4096;
	char *buf = malloc(alloc + 1), *nb;
	ssize_t n;

	if (!buf)
		return -ENOMEM;
	for (;;) {
		if (len == alloc) {
			if (alloc > cap) {
				free(buf);
				return -EFBIG;
			}
			alloc *= 2;
			nb = realloc(buf, alloc + 1);
			if (!nb) {
				free(buf);
				return -ENOMEM;
			}
			buf = nb;
		}
		n = read(fd, buf + len, alloc - len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			n = -errno;
			free(buf);
			return (int)n;
		}
		if (n == 0)
			break;
		len += (size_t)n;
		if (len > cap) {
			free(buf);
			return -EFBIG;
		}
	}
	buf[len] = '\0';
	*bufp = buf;
	*lenp = len;
	return 0;
}

int hv_path_read(const struct hv_path *pc, const char *path, size_t cap,
		 char **buf, size_t *len)
{
	struct stat st;
	int fd, rc;

	if (pc->root_fd >= 0) {
		fd = open_in_root(pc, path);
		if (fd < 0)
			return fd;
	} else {
		fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
		if (fd < 0)
			return -errno;
	}
	if (fstat(fd, &st) < 0) {
		rc = -errno;
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		rc = S_ISDIR(st.st_mode) ? -EISDIR : -EINVAL;
		goto out;
	}
	rc = hv_read_fd(fd, cap, buf, len);
out:
	close(fd);
	return rc;
}
