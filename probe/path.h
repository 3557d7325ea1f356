/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The one way hvkdump reads the system: a path context with an optional
 * sysroot (util-linux lib/path.c). Under a sysroot every path resolves as
 * in a chroot (openat2 RESOLVE_IN_ROOT): an absolute or ".." link cannot
 * leave it. Only regular files are read (a FIFO never blocks us), and
 * never more than a cap.
 */
#ifndef HVKDUMP_PATH_H
#define HVKDUMP_PATH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

struct hv_path {
	const char *sysroot;	/* NULL: the live system */
	int root_fd;		/* the sysroot, or -1 */
	/* told of every file read, directory listed or path found, for
	 * collect; may be NULL */
	void (*on_access)(void *ctx, const char *path, bool is_dir, int rc);
	void *ctx;
};

/*
 * @path as the user would type it: "/proc/iomem" live, "SYSROOT/proc/iomem"
 * under a sysroot (no doubled slash). Returns @buf or @path.
 */
const char *hv_path_shown(const struct hv_path *pc, const char *path, char *buf, size_t len);

/* Returns 0, or -errno (sysroot missing or not a directory). */
int hv_path_init(struct hv_path *pc, const char *sysroot);
void hv_path_deinit(struct hv_path *pc);
static inline bool hv_path_is_live(const struct hv_path *pc)
{
	return !pc->sysroot;
}

/*
 * Reads @path (absolute, as on the live system) whole into a new
 * NUL-terminated buffer. Returns 0, or -errno: -EFBIG past @cap bytes,
 * -EINVAL for something that is not a regular file or a /proc or /sys
 * file of the live system, -ENOENT, -EACCES, -ELOOP...
 */
int hv_path_read(const struct hv_path *pc, const char *path, size_t cap,
		 char **buf, size_t *len);

/* Names in the directory @path, sorted; free with hv_path_free_list(). */
int hv_path_list(const struct hv_path *pc, const char *path, char ***names, size_t *n);
void hv_path_free_list(char **names, size_t n);

/* 1 when @path is a symbolic link (not followed), 0 when not, else -errno. */
int hv_path_is_symlink(const struct hv_path *pc, const char *path);
/* stat(2) of @path, links followed inside the sysroot; 0 or -errno. */
int hv_path_stat(const struct hv_path *pc, const char *path, struct stat *st);
/* The target of the link @path (not followed), as stored; 0 or -errno. */
int hv_path_readlink(const struct hv_path *pc, const char *path, char *buf, size_t len);

/* 0 when @path exists (any type), else -errno. */
int hv_path_exists(const struct hv_path *pc, const char *path);

/* The same, not told to on_access (for reads that are not facts). */
int hv_path_read_quiet(const struct hv_path *pc, const char *path, size_t cap,
		       char **buf, size_t *len);

/*
 * Opens a character device for ioctls: the live system only (a captured
 * copy has no devices). Returns the fd, or -errno: -EOPNOTSUPP under a
 * sysroot, -ENOTTY for something that is not a character device.
 */
int hv_path_open_dev(const struct hv_path *pc, const char *path);
/*
 * Opens @path for reading as a stream: a regular file only (links
 * followed inside the sysroot). Returns an fd, or -errno; *@st, when
 * given, is the file's fstat() (the one that found it regular).
 */
int hv_path_open_regular(const struct hv_path *pc, const char *path, struct stat *st);

/*
 * A log that may be larger than anything read whole: @path (a regular
 * file) whole when it holds at most @cap bytes, else its last @cap bytes
 * from the first whole line in them. *@size is the file's size (more than
 * @cap: only the tail was read). Returns 0 or -errno.
 */
int hv_path_read_tail(const struct hv_path *pc, const char *path, size_t cap, char **buf,
		      size_t *len, uint64_t *size);

/*
 * Reads @path like hv_path_read() and gives its stat, for a later
 * replacement (src/replace.h). No links: -ELOOP for a path that is one.
 */
int hv_path_read_stat(const struct hv_path *pc, const char *path, size_t cap, char **buf,
		      size_t *len, struct stat *st);

/*
 * Opens the directory that holds @path (absolute, as on the live system),
 * links resolved inside the sysroot, for a writer that works relative to
 * it (src/replace.h); *@base points at @path's last component. Returns
 * the directory's fd, or -errno (-EINVAL for a path with no last name).
 */
int hv_path_open_parent(const struct hv_path *pc, const char *path, const char **base);

/*
 * RESOLVE_IN_ROOT walked in user space, where openat2() is missing: opens
 * @path below @root_fd with @flags, links resolved inside it. Returns the
 * fd or -errno.
 */
int hv_path_open_walk(int root_fd, const char *path, int flags);

/* Reads an open descriptor to its end, at most @cap bytes. */
int hv_read_fd(int fd, size_t cap, char **buf, size_t *len);

#endif
