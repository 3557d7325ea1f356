/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The one writer of whole files: every output file the user names (through
 * hv_write_output() in cli.h) and fix --apply's edit. The new content goes
 * to a temporary file in the target's own directory (tmpfile.h: no kill
 * leaves it behind), opened relative to that directory's descriptor,
 * written, synced and renamed over the name; a reader sees the old file or
 * the new one, never half of either.
 */
#ifndef HVKDUMP_REPLACE_H
#define HVKDUMP_REPLACE_H

#include <stddef.h>
#include <stdio.h>
#include <sys/stat.h>

struct hv_replace {
	/* a new file's mode, less the umask */
	unsigned int mode;
	/*
	 * The file as it was looked at (lstat) or read (hv_path_read_stat):
	 * its owner and mode are kept. NULL: the name held nothing.
	 */
	const struct stat *was;
	/*
	 * When set: the content the file must still hold, and @was its
	 * identity (device and inode): else -ESTALE and nothing is touched. A
	 * file with no owner write bit is then refused too (-EROFS).
	 */
	const char *old;
	size_t oldlen;
	/*
	 * When set (with @old): @old is kept at BASE@backup_suffix, or, when
	 * that exists, at the first free of BASE@backup_suffix.1 to .99 (never
	 * overwriting one: else -EEXIST), and named in @backup (without its
	 * directory), before the file is replaced.
	 */
	const char *backup_suffix;
	char *backup;
	size_t blen;
};

/*
 * Writes @base in the directory @dirfd through @fill (which returns 0 or
 * -errno), as @r says. A symbolic link at @base is refused (-ELOOP), so
 * are a directory (-EISDIR) and anything else that is not a regular file
 * (-ENODEV). Returns 0 or -errno; on failure @base is as it was and no
 * temporary is left.
 */
int hv_replace_at(int dirfd, const char *base, const struct hv_replace *r,
		  int (*fill)(FILE *out, void *ctx), void *ctx);

/*
 * Runs @fill on @out, then flushes it: 0, or -errno (the first stream
 * error seen). For a stream that is not replaced (stdout, a FIFO).
 */
int hv_fill_stream(FILE *out, int (*fill)(FILE *out, void *ctx), void *ctx);

/* A buffer as the new content: @fill for hv_replace_at(). */
struct hv_replace_buf {
	const char *data;
	size_t len;
};
int hv_replace_fill_buf(FILE *out, void *ctx);

#endif
