// SPDX-License-Identifier: GPL-2.0-or-later
/* POSIX ustar (pax interchange format's base) members into a gzip stream. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/sha256.h"

#if HAVE_ZLIB
#include "tarwrite.h"
#include "probe/dynlib.h"

#define BLOCK 512

struct ustar {
	char name[100], mode[8], uid[8], gid[8], size[12], mtime[12], chksum[8];
	char typeflag, linkname[100], magic[6], version[2], uname[32], gname[32];
	char devmajor[8], devminor[8], prefix[155], pad[12];
};

_Static_assert(sizeof(struct ustar) == BLOCK, "a ustar header is one block");

int tarw_open(struct tarw *tw, int fd, const char *top)
{
	struct hv_err err = { 0, "" };

	/* the caller said why, when it could not be loaded */
	tw->gz = hv_zlib_load(&err) ? hv_zlib.gzdopen(fd, "wb9") : NULL;
	tw->mtime = time(NULL);
	tw->error = tw->gz ? 0 : -ENOMEM;
	tw->top = NULL;
	tw->sums_text = NULL;
	tw->sums_len = 0;
	tw->sums = open_memstream(&tw->sums_text, &tw->sums_len);
	if (!tw->sums && !tw->error)
		tw->error = -ENOMEM;
	if (!tw->error && top && !tarw_add_dir(tw, top))
		tw->top = top;
	return tw->error;
}

static void free_sums(struct tarw *tw)
{
	if (tw->sums)
		fclose(tw->sums);
	free(tw->sums_text);
	tw->sums = NULL;
	tw->sums_text = NULL;
}

static int put(struct tarw *tw, const void *buf, size_t len)
{
	if (tw->error)
		return tw->error;
	if (len && hv_zlib.gzwrite(tw->gz, buf, (unsigned int)len) != (int)len) {
		int zerr;

		/* Z_ERRNO: the write(2) failed, and errno says why (ENOSPC...) */
		hv_zlib.gzerror(tw->gz, &zerr);
		tw->error = zerr == Z_ERRNO && errno ? -errno : -EIO;
	}
	return tw->error;
}

/* name up to 100 bytes, or prefix "/" name with prefix up to 155 */
static int split_name(struct ustar *h, const char *name)
{
	size_t len = strlen(name);
	const char *slash;

	if (len <= sizeof(h->name)) {
		memcpy(h->name, name, len);
		return 0;
	}
	for (slash = name + len - 1; slash > name; slash--) {
		if (*slash != '/')
			continue;
		if ((size_t)(slash - name) <= sizeof(h->prefix) &&
		    strlen(slash + 1) <= sizeof(h->name)) {
			memcpy(h->prefix, name, (size_t)(slash - name));
			memcpy(h->name, slash + 1, strlen(slash + 1));
			return 0;
		}
	}
	return -ENAMETOOLONG;
}

static int header(struct tarw *tw, const char *name, char type, size_t size, unsigned int mode,
		  const char *linkname)
{
	struct ustar h;
	char full[512];
	unsigned int sum = 0;
	size_t i;

	memset(&h, 0, sizeof(h));
	if (tw->top) {
		if (snprintf(full, sizeof(full), "%s/%s", tw->top, name) >= (int)sizeof(full))
			return -ENAMETOOLONG;
		name = full;
	}
	if (split_name(&h, name))
		return -ENAMETOOLONG;
	if (linkname) {
		if (strlen(linkname) > sizeof(h.linkname))
			return -ENAMETOOLONG;
		memcpy(h.linkname, linkname, strlen(linkname));
	}
	snprintf(h.mode, sizeof(h.mode), "%07o", mode);
	snprintf(h.uid, sizeof(h.uid), "%07o", 0);
	snprintf(h.gid, sizeof(h.gid), "%07o", 0);
	snprintf(h.size, sizeof(h.size), "%011zo", size);
	snprintf(h.mtime, sizeof(h.mtime), "%011llo", (unsigned long long)tw->mtime);
	h.typeflag = type;
	memcpy(h.magic, "ustar", 6);
	memcpy(h.version, "00", 2);
	memcpy(h.uname, "root", 4);
	memcpy(h.gname, "root", 4);
	memset(h.chksum, ' ', sizeof(h.chksum));
	for (i = 0; i < sizeof(h); i++)
		sum += ((unsigned char *)&h)[i];
	snprintf(h.chksum, sizeof(h.chksum), "%06o", sum);
	return put(tw, &h, sizeof(h));
}

int tarw_add_dir(struct tarw *tw, const char *name)
{
	char dir[512];

	if (snprintf(dir, sizeof(dir), "%s/", name) >= (int)sizeof(dir))
		return -ENAMETOOLONG;
	return header(tw, dir, '5', 0, 0755, NULL);
}

int tarw_add_file(struct tarw *tw, const char *name, const void *data, size_t len)
{
	static const char zeros[BLOCK];
	char hex[SHA256_HEX_LEN];
	int rc = header(tw, name, '0', len, 0644, NULL);

	if (rc)
		return rc;
	sha256_hex(data, len, hex);
	fprintf(tw->sums, "%s  %s\n", hex, name);
	put(tw, data, len);
	return put(tw, zeros, (BLOCK - len % BLOCK) % BLOCK);
}

int tarw_add_symlink(struct tarw *tw, const char *name, const char *target)
{
	return header(tw, name, '2', 0, 0777, target);
}

const char *tarw_sums(struct tarw *tw)
{
	return fflush(tw->sums) ? NULL : tw->sums_text;
}

int tarw_close(struct tarw *tw)
{
	static const char zeros[2 * BLOCK];
	int rc;

	free_sums(tw);
	if (!tw->gz)
		return tw->error;
	put(tw, zeros, sizeof(zeros));
	rc = hv_zlib.gzclose(tw->gz);
	if (!tw->error && rc != Z_OK)
		tw->error = rc == Z_ERRNO && errno ? -errno : -EIO;
	return tw->error;
}
#endif
