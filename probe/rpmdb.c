// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A package's VERSION-RELEASE from the rpm database of the system or the
 * sysroot, in whichever of rpm's formats it is: sqlite (rpm 4.16+,
 * lib/backend/sqlite.c: rpmdb.sqlite, Fedora 36+, RHEL 9, Azure Linux 3),
 * ndb (lib/backend/ndb: Packages.db, SUSE since SLES 15 SP3) or Berkeley DB
 * (Packages, rpm before 4.16: RHEL 8), in /usr/lib/sysimage/rpm or
 * /var/lib/rpm. A file is read whole through the path context, read-only;
 * nothing is opened by name. For sqlite, a write-ahead log that is not
 * empty holds pages the file lacks: then the answer is no answer.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "probe.h"

static const char *const rpmdb_paths[] = {
	"/usr/lib/sysimage/rpm/rpmdb.sqlite",
	"/var/lib/rpm/rpmdb.sqlite",
};

#define RPMDB_CAP	(256u << 20)	/* a large real one is about 150 MiB */

/* The formats read here, whatever the build: lib/formats/rpmndb.c, rpmbdb.c */
static const struct {
	const char *path;
	rpm_walk *walk;
} file_dbs[] = {
	{ "/usr/lib/sysimage/rpm/Packages.db", rpmndb_walk },
	{ "/var/lib/rpm/Packages.db", rpmndb_walk },
	{ "/var/lib/rpm/Packages", rpmbdb_walk },
	{ "/usr/lib/sysimage/rpm/Packages", rpmbdb_walk },
};

/* A database file whole: 0, 1 when there is none, -1 with @why. */
static int read_db(const struct hv_path *pc, const char *path, char **img, size_t *len,
		   char *why, size_t wlen)
{
	int e = hv_path_read(pc, path, RPMDB_CAP, img, len);

	if (e == -ENOENT)
		return 1;
	if (e)
		snprintf(why, wlen, "cannot be read (%s)", strerror(-e));
	return e ? -1 : 0;
}

/* Every header of an ndb or Berkeley DB database to @visit: 0, 1 when there is none, -1. */
static int file_db_walk(const struct hv_path *pc, rpm_visit *visit, void *ctx,
			const char **path, char *why, size_t wlen)
{
	size_t i, len;
	char *img;
	int e;

	for (i = 0; i < sizeof(file_dbs) / sizeof(file_dbs[0]); i++) {
		*path = file_dbs[i].path;
		e = read_db(pc, *path, &img, &len, why, wlen);
		if (e > 0)
			continue;
		if (e)
			return -1;
		e = file_dbs[i].walk((unsigned char *)img, len, visit, ctx, why, wlen);
		free(img);
		return e ? -1 : 0;
	}
	*path = NULL;
	return 1;
}

#if HAVE_SQLITE
#include <sqlite3.h>

#include "dynlib.h"

/*
 * The headers of the packages named one of @names (1 to RPM_KERNEL_NAMES),
 * newest first (the highest hnum), to @visit with instances that fall as
 * hnum does: 0 or -1 with @why.
 */
static int query(unsigned char *img, size_t len, const char *const *names, unsigned int n,
		 rpm_visit *visit, void *ctx, char *why, size_t wlen)
{
	static const char sql[] = "SELECT blob FROM Packages WHERE hnum IN "
				  "(SELECT hnum FROM Name WHERE key IN (?1, ?2, ?3)) "
				  "ORDER BY hnum DESC";
	sqlite3_stmt *st = NULL;
	sqlite3 *db = NULL;
	struct hv_err err = { 0, "" };
	uint64_t row = UINT64_MAX;
	int rc = -1, step, i, bound = SQLITE_OK;

	if (!hv_sqlite_load(&err)) {
		snprintf(why, wlen, "not read: %s", err.msg);
		return -1;
	}

	/*
	 * rpm keeps the database in WAL mode (file format bytes 18 and 19 are
	 * 2), which an in-memory copy cannot open; with the log empty, the file
	 * alone is the database, readable as a rollback-journal one (1)
	 */
	if (len >= 100 && img[18] == 2 && img[19] == 2)
		img[18] = img[19] = 1;
	if (hv_sqlite.sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
	    hv_sqlite.sqlite3_deserialize(db, "main", img, (sqlite3_int64)len, (sqlite3_int64)len,
				SQLITE_DESERIALIZE_READONLY) == SQLITE_OK &&
	    hv_sqlite.sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK)
		for (i = 0; i < RPM_KERNEL_NAMES && bound == SQLITE_OK; i++)
			bound = hv_sqlite.sqlite3_bind_text(st, i + 1, names[i < (int)n ? i : 0], -1,
						  SQLITE_STATIC);
	if (!st || bound != SQLITE_OK) {
		snprintf(why, wlen, "not an rpm database sqlite can read (%s)",
			 db ? hv_sqlite.sqlite3_errmsg(db) : "out of memory");
		goto out;
	}
	while ((step = hv_sqlite.sqlite3_step(st)) == SQLITE_ROW) {
		const void *blob = hv_sqlite.sqlite3_column_blob(st, 0);
		int bytes = hv_sqlite.sqlite3_column_bytes(st, 0);

		visit(ctx, row--, blob ? blob : "", blob && bytes > 0 ? (size_t)bytes : 0);
	}
	rc = step == SQLITE_DONE ? 0 : -1;
	if (rc)
		snprintf(why, wlen, "not an rpm database sqlite can read (%s)",
			 hv_sqlite.sqlite3_errmsg(db));
out:
	hv_sqlite.sqlite3_finalize(st);
	hv_sqlite.sqlite3_close(db);
	return rc;
}

/* The database's packages named one of @names to @visit: 0, 1 when there is none, -1. */
static int db_walk(const struct hv_path *pc, const char *const *names, unsigned int n,
		   rpm_visit *visit, void *ctx, const char **path, char *why, size_t wlen)
{
	char wal[64];
	struct stat st;
	size_t i, len;
	char *img;
	int rc;

	for (i = 0; i < sizeof(rpmdb_paths) / sizeof(rpmdb_paths[0]); i++) {
		*path = rpmdb_paths[i];
		snprintf(wal, sizeof(wal), "%s-wal", *path);
		rc = read_db(pc, *path, &img, &len, why, wlen);
		if (rc > 0)
			continue;
		if (rc)
			return -1;
		if (!hv_path_stat(pc, wal, &st) && st.st_size > 0) {
			free(img);
			snprintf(why, wlen, "its write-ahead log %s is not empty: the file alone "
				 "may be out of date", wal);
			return -1;
		}
		rc = query((unsigned char *)img, len, names, n, visit, ctx, why, wlen);
		free(img);
		return rc;
	}
	return file_db_walk(pc, visit, ctx, path, why, wlen);
}
#else
static int db_walk(const struct hv_path *pc, const char *const *names, unsigned int n,
		   rpm_visit *visit, void *ctx, const char **path, char *why, size_t wlen)
{
	size_t i;

	(void)names;
	(void)n;
	for (i = 0; i < sizeof(rpmdb_paths) / sizeof(rpmdb_paths[0]); i++) {
		*path = rpmdb_paths[i];
		if (!hv_path_exists(pc, *path)) {
			snprintf(why, wlen, "not read: this hvkdump is built without sqlite");
			return -1;
		}
	}
	return file_db_walk(pc, visit, ctx, path, why, wlen);
}
#endif

int rpmdb_version(const struct hv_path *pc, const char *name, char *out, size_t outlen,
		  const char **path, char *why, size_t wlen)
{
	struct rpm_pick pk = { .name = name, .out = out, .outlen = outlen };
	int rc = db_walk(pc, &name, 1, rpm_pick_header, &pk, path, why, wlen);

	return rc || rpm_pick_done(&pk, why, wlen) ? -1 : 0;
}

int rpmdb_kernel(const struct hv_path *pc, struct rpm_kernel *k, const char **path, char *why,
		 size_t wlen)
{
	char names[RPM_KERNEL_NAMES][64];
	const char *np[RPM_KERNEL_NAMES];
	unsigned int n = rpm_kernel_names(k->release, names), i;
	int rc;

	if (!n) {
		snprintf(why, wlen, "no kernel package is named for release %s", k->release);
		return 1;
	}
	for (i = 0; i < n; i++)
		np[i] = names[i];
	rc = db_walk(pc, np, n, rpm_kernel_header, k, path, why, wlen);
	if (rc)
		return rc;
	if (!k->rank) {
		snprintf(why, wlen, "no kernel package of release %s", k->release);
		return 1;
	}
	return 0;
}
