/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A temporary file beside the file it becomes, that no kill leaves behind:
 * O_TMPFILE (no name until it is complete), linked in place with linkat();
 * where the filesystem has no O_TMPFILE, a named one, .BASE.hvkdump-PID,
 * which a later run removes once PID is no longer running.
 */
#ifndef HVKDUMP_TMPFILE_H
#define HVKDUMP_TMPFILE_H

#include <limits.h>
#include <stdbool.h>

struct hv_tmp {
	int fd;			/* open for writing */
	bool named;		/* the fallback: it has name[] from the start */
	char name[NAME_MAX + 1];	/* .BASE.hvkdump-PID */
};

/*
 * Opens a temporary for @base in the directory @dirfd, mode 0600, after
 * removing the stale .BASE.hvkdump-PID of runs that were killed. Returns 0
 * or -errno.
 */
int hv_tmp_open(int dirfd, const char *base, struct hv_tmp *t);
/* Renames it over @base (the whole file or none of it is there). 0 or -errno. */
int hv_tmp_replace(int dirfd, struct hv_tmp *t, const char *base);
/* Links it as @name, never replacing a file there (-EEXIST). 0 or -errno. */
int hv_tmp_link(int dirfd, struct hv_tmp *t, const char *name);
/* Closes it; a named one not linked yet is removed. */
void hv_tmp_close(int dirfd, struct hv_tmp *t);

/* True for a name of the form .BASE.hvkdump-PID; fills @pid. */
bool hv_tmp_name_parse(const char *name, const char *base, long *pid);

#endif
