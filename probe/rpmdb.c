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
	int (*version)(const unsigned char *img, size_t len, const char *name, char *out,
		       size_t outlen, char *why, size_t wlen);
} file_dbs[] = {
	{ "/usr/lib/sysimage/rpm/Packages.db", rpmndb_version },
	{ "/var/lib/rpm/Packages.db", rpmndb_version },
	{ "/var/lib/rpm/Packages", rpmbdb_version },
	{ "/usr/lib/sysimage/rpm/Packages", rpmbdb_version },
};

/* An ndb or Berkeley DB database: 0 or -1 as rpmdb_version(); 1 when there is none. */
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

static int file_db_version(const struct hv_path *pc, const char *name, char *out,
			   size_t outlen, const char **path, char *why, size_t wlen)
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
		e = file_dbs[i].version((unsigned char *)img, len, name, out, outlen, why, wlen);
		free(img);
		return e ? -1 : 0;
	}
	*path = NULL;
	return 1;
}

#if HAVE_SQLITE
#include <sqlite3.h>

#include "dynlib.h"

static int query(unsigned char *img, size_t len, const char *name, char *out, size_t outlen,
		 char *why, size_t wlen)
{
	static const char sql[] = "SELECT blob FROM Packages WHERE hnum IN "
				  "(SELECT hnum FROM Name WHERE key = ?1) ORDER BY hnum DESC";
	sqlite3_stmt *st = NULL;
	sqlite3 *db = NULL;
	struct hv_err err = { 0, "" };
	int rc = -1, step;

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
	if (hv_sqlite.sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
	    hv_sqlite.sqlite3_deserialize(db, "main", img, (sqlite3_int64)len, (sqlite3_int64)len,
				SQLITE_DESERIALIZE_READONLY) != SQLITE_OK ||
	    hv_sqlite.sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK ||
	    hv_sqlite.sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC) != SQLITE_OK) {
		snprintf(why, wlen, "not an rpm database sqlite can read (%s)",
			 db ? hv_sqlite.sqlite3_errmsg(db) : "out of memory");
		goto out;
	}
	snprintf(why, wlen, "%s is not installed", name);
	while ((step = hv_sqlite.sqlite3_step(st)) == SQLITE_ROW) {
		const void *blob = hv_sqlite.sqlite3_column_blob(st, 0);
		int n = hv_sqlite.sqlite3_column_bytes(st, 0);
		char got[128];

		/* the newest header named @name whose image reads */
		if (blob && n > 0 &&
		    !rpm_header_version(blob, (size_t)n, got, sizeof(got), out, outlen) &&
		    !strcmp(got, name)) {
			rc = 0;
			break;
		}
		snprintf(why, wlen, "the header of %s does not read", name);
	}
	if (rc && step != SQLITE_ROW && step != SQLITE_DONE)
		snprintf(why, wlen, "not an rpm database sqlite can read (%s)",
			 hv_sqlite.sqlite3_errmsg(db));
out:
	hv_sqlite.sqlite3_finalize(st);
	hv_sqlite.sqlite3_close(db);
	return rc;
}

int rpmdb_version(const struct hv_path *pc, const char *name, char *out, size_t outlen,
		  const char **path, char *why, size_t wlen)
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
		rc = query((unsigned char *)img, len, name, out, outlen, why, wlen);
		free(img);
		return rc;
	}
	return file_db_version(pc, name, out, outlen, path, why, wlen) ? -1 : 0;
}
#else
int rpmdb_version(const struct hv_path *pc, const char *name, char *out, size_t outlen,
		  const char **path, char *why, size_t wlen)
{
	size_t i;

	for (i = 0; i < sizeof(rpmdb_paths) / sizeof(rpmdb_paths[0]); i++) {
		*path = rpmdb_paths[i];
		if (!hv_path_exists(pc, *path)) {
			snprintf(why, wlen, "not read: this hvkdump is built without sqlite");
			return -1;
		}
	}
	return file_db_version(pc, name, out, outlen, path, why, wlen) ? -1 : 0;
}
#endif
