// SPDX-License-Identifier: GPL-2.0-or-later
#define _GNU_SOURCE
/* The sysroot-aware path context (util-linux lib/path.c). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "util/array.h"
#include "path.h"

const char *hv_path_shown(const struct hv_path *pc, const char *path, char *buf, size_t len)
{
	size_t n;

	if (!pc->sysroot)
		return path;
	n = strlen(pc->sysroot);
	while (n > 1 && pc->sysroot[n - 1] == '/')
		n--;
	/* "/" as the sysroot: the path alone */
	if (n == 1 && pc->sysroot[0] == '/')
		n = 0;
	snprintf(buf, len, "%.*s%s%s", (int)n, pc->sysroot,
		 path[0] && path[0] != '/' ? "/" : "", path);
	return buf[0] ? buf : "/";
}

int hv_path_init(struct hv_path *pc, const char *sysroot)
{
	pc->sysroot = sysroot;
	pc->root_fd = -1;
	pc->on_access = NULL;
	pc->ctx = NULL;
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

#define MAX_LINKS 40	/* as the kernel's MAXSYMLINKS */

/* A walk below the sysroot: what is left of the path, the directories open. */
struct walk {
	char todo[8192];
	int stack[256];		/* [0] the sysroot, [depth] where the walk is */
	int depth, links;
};

/* Closes the directories above @depth. */
static void walk_up(struct walk *w, int depth)
{
	while (w->depth > depth)
		close(w->stack[w->depth--]);
}

/*
 * Cuts the first name off the path left: *@name, and *@rest what follows
 * it (its slashes skipped). False when nothing is left.
 */
static bool walk_next(struct walk *w, char **name, char **rest)
{
	char *p = w->todo;

	while (*p == '/')
		p++;
	if (!*p)
		return false;
	*name = p;
	*rest = strchr(p, '/');
	if (*rest)
		*(*rest)++ = '\0';
	else
		*rest = p + strlen(p);
	while (**rest == '/')
		(*rest)++;
	return true;
}

/* @rest (inside todo) becomes the path left. */
static void walk_drop(struct walk *w, const char *rest)
{
	memmove(w->todo, rest, strlen(rest) + 1);
}

/*
 * The link @name in the directory walked: its target put before @rest, an
 * absolute one from the sysroot. 0 or -errno.
 */
static int walk_link(struct walk *w, const char *name, const char *rest)
{
	char link[4096];
	ssize_t n = readlinkat(w->stack[w->depth], name, link, sizeof(link) - 1);
	size_t restlen = strlen(rest);

	if (n < 0)
		return -errno;
	if (++w->links > MAX_LINKS)
		return -ELOOP;
	link[n] = '\0';
	if (link[0] == '/')
		walk_up(w, 0);
	if ((size_t)n + 1 + restlen + 1 >= sizeof(w->todo))
		return -ENAMETOOLONG;
	/* the link's target, then what was left of the path */
	memmove(w->todo + n + 1, rest, restlen + 1);
	memcpy(w->todo, link, (size_t)n);
	w->todo[n] = '/';
	return 0;
}

/* The last name (@fd its O_PATH, @st its stat, @fd consumed): the fd with @flags or -errno. */
static int walk_open_last(struct walk *w, int fd, const struct stat *st, const char *name,
			  int flags)
{
	/* O_PATH | O_NOFOLLOW opens the link itself, as open(2) does */
	if (S_ISLNK(st->st_mode) && (flags & O_PATH))
		return fd;
	close(fd);
	if (S_ISLNK(st->st_mode))
		return -ELOOP;
	fd = openat(w->stack[w->depth], name, flags | O_NOFOLLOW);
	return fd < 0 ? -errno : fd;
}

/*
 * RESOLVE_IN_ROOT done in user space, where openat2() is missing (kernels
 * before 5.6, valgrind): the path is walked a component at a time with
 * O_NOFOLLOW; a link is read and walked in its turn, an absolute one from
 * the sysroot, and ".." never climbs above the sysroot.
 */
int hv_path_open_walk(int root_fd, const char *path, int flags)
{
	struct walk w;	/* not zeroed: 9 KiB a file opened (todo is filled, stack as walked) */
	char *name, *rest;
	struct stat st;
	int fd, rc;

	w.depth = 0;
	w.links = 0;
	if (strlen(path) >= sizeof(w.todo))
		return -ENAMETOOLONG;
	strcpy(w.todo, path);
	w.stack[0] = root_fd;
	for (;;) {
		if (!walk_next(&w, &name, &rest)) {
			/* the path named a directory already open: reopen it */
			fd = openat(w.stack[w.depth], ".", flags);
			rc = fd < 0 ? -errno : fd;
			break;
		}
		if (!strcmp(name, ".") || !strcmp(name, "..")) {
			if (name[1])
				walk_up(&w, w.depth ? w.depth - 1 : 0);
			walk_drop(&w, rest);
			continue;
		}
		fd = openat(w.stack[w.depth], name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0) {
			rc = -errno;
			break;
		}
		if (fstat(fd, &st) < 0) {
			rc = -errno;
			close(fd);
			break;
		}
		if (S_ISLNK(st.st_mode) && !(!*rest && (flags & O_NOFOLLOW))) {
			close(fd);
			rc = walk_link(&w, name, rest);
			if (rc)
				break;
			continue;
		}
		if (!*rest) {
			rc = walk_open_last(&w, fd, &st, name, flags);
			break;
		}
		if (!S_ISDIR(st.st_mode) ||
		    w.depth + 1 == (int)(sizeof(w.stack) / sizeof(w.stack[0]))) {
			close(fd);
			rc = S_ISDIR(st.st_mode) ? -ENAMETOOLONG : -ENOTDIR;
			break;
		}
		w.stack[++w.depth] = fd;
		walk_drop(&w, rest);
	}
	walk_up(&w, 0);
	return rc;
}

static int open_in_root(const struct hv_path *pc, const char *path, int flags)
{
	/* openat2() refuses O_PATH with any flag but O_CLOEXEC and O_DIRECTORY */
	struct open_how how = {
		.flags = (uint64_t)(flags | O_CLOEXEC | ((flags & O_PATH) ? 0 : O_NOCTTY)),
		.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
	};
	long fd;

	while (*path == '/')
		path++;
	fd = syscall(SYS_openat2, pc->root_fd, *path ? path : ".", &how, sizeof(how));
	if (fd < 0 && errno == ENOSYS)
		return hv_path_open_walk(pc->root_fd, path,
					 flags | O_CLOEXEC | ((flags & O_PATH) ? 0 : O_NOCTTY));
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

/* Opens @path in the sysroot (or on the live system); -errno on failure. */
static int path_open(const struct hv_path *pc, const char *path, int flags)
{
	int fd;

	if (pc->root_fd >= 0)
		return open_in_root(pc, path, flags);
	fd = open(path, flags | O_CLOEXEC | O_NOCTTY);
	return fd < 0 ? -errno : fd;
}

static void accessed(const struct hv_path *pc, const char *path, bool is_dir, int rc)
{
	if (pc->on_access)
		pc->on_access(pc->ctx, path, is_dir, rc);
}

int hv_path_exists(const struct hv_path *pc, const char *path)
{
	int fd = path_open(pc, path, O_PATH);
	struct stat st;

	if (fd < 0)
		return fd;
	if (!fstat(fd, &st) && S_ISDIR(st.st_mode))
		accessed(pc, path, true, 0);
	close(fd);
	return 0;
}

int hv_path_is_symlink(const struct hv_path *pc, const char *path)
{
	int fd = path_open(pc, path, O_PATH | O_NOFOLLOW);
	struct stat st;
	int rc;

	if (fd < 0)
		return fd;
	rc = fstat(fd, &st) ? -errno : S_ISLNK(st.st_mode);
	close(fd);
	if (rc == 1)	/* a link that tells something (systemctl's enable, mask) */
		accessed(pc, path, false, 0);
	return rc;
}

int hv_path_stat(const struct hv_path *pc, const char *path, struct stat *st)
{
	int fd = path_open(pc, path, O_PATH), rc = 0;

	if (fd < 0)
		return fd;
	if (fstat(fd, st) < 0)
		rc = -errno;
	close(fd);
	return rc;
}

int hv_path_readlink(const struct hv_path *pc, const char *path, char *buf, size_t len)
{
	const char *base = strrchr(path, '/');
	char dir[PATH_MAX];
	ssize_t n;
	int fd;

	/* the directory resolved in the root, then the link in it by name */
	if (!base || !base[1] || (size_t)(base - path) >= sizeof(dir))
		return -EINVAL;
	memcpy(dir, path, (size_t)(base - path));
	dir[base - path] = '\0';
	fd = path_open(pc, dir[0] ? dir : "/", O_PATH | O_DIRECTORY);
	if (fd < 0)
		return fd;
	n = readlinkat(fd, base + 1, buf, len);
	if (n < 0)
		n = -errno;
	close(fd);
	accessed(pc, path, false, n < 0 ? (int)n : 0);
	if (n < 0)
		return (int)n;
	if ((size_t)n >= len)
		return -ENAMETOOLONG;
	buf[n] = '\0';
	return 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void hv_path_free_list(char **names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* Adds a copy of @name to the list: 0 or -ENOMEM. */
static int list_add(char ***names, size_t *cap, size_t *n, const char *name)
{
	char **nn = hv_grow(*names, cap, *n, sizeof(*nn), 16);

	if (!nn)
		return -ENOMEM;
	*names = nn;
	nn[*n] = strdup(name);
	if (!nn[*n])
		return -ENOMEM;
	(*n)++;
	return 0;
}

/*
 * A record getdents64(2) writes (the kernel's, whatever the C library calls
 * its own); ino, off and type are there for the layout, not read.
 */
struct dirent_rec {
	uint64_t ino;	/* cppcheck-suppress unusedStructMember */
	int64_t off;	/* cppcheck-suppress unusedStructMember */
	unsigned short reclen;
	unsigned char type;	/* cppcheck-suppress unusedStructMember */
	char name[];
};

/*
 * The names in the open directory @fd, "." and ".." left out, read with
 * getdents64(2) into a buffer on the stack: no DIR (its 32 KiB buffer, the
 * two fcntl() calls fdopendir() makes). 0 or -errno.
 */
static int list_fd(int fd, char ***names, size_t *cap, size_t *n)
{
	char buf[4096] __attribute__((aligned(8)));
	const struct dirent_rec *de;
	long got, at;
	int rc;

	while ((got = syscall(SYS_getdents64, fd, buf, sizeof(buf))) != 0) {
		if (got < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		for (at = 0; at < got; at += de->reclen) {
			de = (const struct dirent_rec *)(buf + at);
			if (!strcmp(de->name, ".") || !strcmp(de->name, ".."))
				continue;
			rc = list_add(names, cap, n, de->name);
			if (rc)
				return rc;
		}
	}
	return 0;
}

int hv_path_list(const struct hv_path *pc, const char *path, char ***namesp, size_t *np)
{
	char **names = NULL;
	size_t n = 0, cap = 0;
	int fd = path_open(pc, path, O_RDONLY | O_DIRECTORY), rc;

	*namesp = NULL;
	*np = 0;
	if (fd < 0) {
		accessed(pc, path, true, fd);
		return fd;
	}
	rc = list_fd(fd, &names, &cap, &n);
	close(fd);
	if (rc) {
		hv_path_free_list(names, n);
		accessed(pc, path, true, rc);
		return rc;
	}
	if (n)
		qsort(names, n, sizeof(*names), cmp_names);
	*namesp = names;
	*np = n;
	accessed(pc, path, true, 0);
	return 0;
}

int hv_path_read(const struct hv_path *pc, const char *path, size_t cap,
		 char **buf, size_t *len)
{
	int rc = hv_path_read_quiet(pc, path, cap, buf, len);

	accessed(pc, path, false, rc);
	return rc;
}

/*
 * Opens @path with @flags and reads it whole: a regular file only, and
 * none that says it is larger than @cap (a /proc file says 0 and is read
 * up to the cap). Fills @st.
 */
static int read_regular(const struct hv_path *pc, const char *path, int flags, size_t cap,
			char **buf, size_t *len, struct stat *st)
{
	int fd = path_open(pc, path, O_RDONLY | O_NONBLOCK | flags), rc;

	if (fd < 0)
		return fd;
	if (fstat(fd, st) < 0)
		rc = -errno;
	else if (!S_ISREG(st->st_mode))
		rc = S_ISDIR(st->st_mode) ? -EISDIR : -EINVAL;
	else if ((uint64_t)st->st_size > cap)
		rc = -EFBIG;
	else
		rc = hv_read_fd(fd, cap, buf, len);
	close(fd);
	return rc;
}

int hv_path_read_quiet(const struct hv_path *pc, const char *path, size_t cap,
		       char **buf, size_t *len)
{
	struct stat st;

	return read_regular(pc, path, 0, cap, buf, len, &st);
}

int hv_path_read_tail(const struct hv_path *pc, const char *path, size_t cap, char **bufp,
		      size_t *lenp, uint64_t *sizep)
{
	struct stat st = { 0 };
	size_t len = 0;
	char *buf, *nl;
	ssize_t n = 0;
	int rc, fd = hv_path_open_regular(pc, path, &st);

	if (fd < 0)
		return fd;
	*sizep = (uint64_t)st.st_size;
	if ((uint64_t)st.st_size <= cap) {
		rc = hv_read_fd(fd, cap, bufp, lenp);
		goto out;
	}
	buf = malloc(cap + 1);
	if (!buf) {
		rc = -ENOMEM;
		goto out;
	}
	/* the last @cap bytes as the file is now; it may grow meanwhile */
	while (len < cap) {
		n = pread(fd, buf + len, cap - len, (off_t)((uint64_t)st.st_size - cap + len));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	if (n < 0) {
		rc = -errno;
		free(buf);
		goto out;
	}
	buf[len] = '\0';
	/* from the first whole line (no line at all: all of it, for the caller to judge) */
	nl = memchr(buf, '\n', len);
	if (nl) {
		len -= (size_t)(nl + 1 - buf);
		memmove(buf, nl + 1, len);
		buf[len] = '\0';
	}
	*bufp = buf;
	*lenp = len;
	rc = 0;
out:
	close(fd);
	return rc;
}

int hv_path_open_dev(const struct hv_path *pc, const char *path)
{
	struct stat st;
	int fd;

	if (pc->root_fd >= 0)
		return -EOPNOTSUPP;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0 || !S_ISCHR(st.st_mode)) {
		close(fd);
		return -ENOTTY;
	}
	return fd;
}

int hv_path_open_regular(const struct hv_path *pc, const char *path, struct stat *stp)
{
	struct stat st;
	int fd = path_open(pc, path, O_RDONLY | O_NONBLOCK), rc;

	if (fd >= 0) {
		/* st is read only after an fstat() that succeeded */
		if (fstat(fd, &st) < 0)
			rc = errno > 0 ? -errno : -EIO;
		else if (!S_ISREG(st.st_mode))
			rc = S_ISDIR(st.st_mode) ? -EISDIR : -EINVAL;
		else
			rc = 0;
		if (rc) {
			close(fd);
			fd = rc;
		} else if (stp) {
			*stp = st;
		}
	}
	accessed(pc, path, false, fd < 0 ? fd : 0);
	return fd;
}

int hv_path_read_stat(const struct hv_path *pc, const char *path, size_t cap, char **buf,
		      size_t *len, struct stat *st)
{
	int rc = read_regular(pc, path, O_NOFOLLOW, cap, buf, len, st);

	accessed(pc, path, false, rc);
	return rc;
}

int hv_path_open_parent(const struct hv_path *pc, const char *path, const char **base)
{
	const char *slash = strrchr(path, '/');
	char dir[4096];

	if (!slash || !slash[1] || (size_t)(slash - path) >= sizeof(dir))
		return -EINVAL;
	memcpy(dir, path, (size_t)(slash - path));
	dir[slash - path] = '\0';
	*base = slash + 1;
	return path_open(pc, dir[0] ? dir : "/", O_RDONLY | O_DIRECTORY);
}
