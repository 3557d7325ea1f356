// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The one writer (src/replace.h): fix --apply's checked edit with a backup,
 * and an output file, both through hv_replace_at(); each run twice, with
 * O_TMPFILE and with the named temporary a filesystem without it gets.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"
#include "probe/path.h"
#include "src/replace.h"

static char root[64];

/*
 * openat() is wrapped (-Wl,--wrap=openat64: meson builds with 64-bit file
 * offsets): when set, O_TMPFILE fails as on a filesystem without it.
 */
static bool no_tmpfile;
int __real_openat64(int dirfd, const char *path, int flags, ...);
int __wrap_openat64(int dirfd, const char *path, int flags, ...);
int __wrap_openat64(int dirfd, const char *path, int flags, ...)
{
	mode_t mode = 0;
	va_list ap;

	if ((flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE) {
		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	if (no_tmpfile && (flags & O_TMPFILE) == O_TMPFILE) {
		errno = EOPNOTSUPP;
		return -1;
	}
	return __real_openat64(dirfd, path, flags, mode);
}

static void put(const char *rel, const char *text)
{
	scratch_put(root, rel, text);
}

/* The names in ROOT/etc, sorted, joined by spaces. */
static void names(char *buf, size_t len)
{
	struct dirent **list;
	char p[256];
	size_t used = 0;
	int n, i;

	snprintf(p, sizeof(p), "%s/etc", root);
	n = scandir(p, &list, NULL, alphasort);
	assert_true(n >= 0);
	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		if (list[i]->d_name[0] != '.' || (strcmp(list[i]->d_name, ".") &&
						  strcmp(list[i]->d_name, "..")))
			used += (size_t)snprintf(buf + used, len - used, "%s%s", used ? " " : "",
						 list[i]->d_name);
		free(list[i]);
	}
	free(list);
}

static int setup(void **state)
{
	no_tmpfile = *state != NULL;
	scratch_root(root, sizeof(root), "replace");
	put("/etc/conf", "A=1\n");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	no_tmpfile = false;
	return scratch_remove(root);
}

/* fix --apply's replacement of /etc/conf under the sysroot ROOT. */
static int fix_replace(const char *path, const char *old, size_t oldlen, const struct stat *was,
		       const char *data, char *backup, size_t blen)
{
	struct hv_replace_buf b = { data, strlen(data) };
	const struct hv_replace r = {
		.was = was, .old = old, .oldlen = oldlen,
		.backup_suffix = ".bak", .backup = backup, .blen = blen,
	};
	struct hv_path pc;
	const char *base;
	int dirfd, rc;

	assert_int_equal(hv_path_init(&pc, root), 0);
	dirfd = hv_path_open_parent(&pc, path, &base);
	assert_true(dirfd >= 0);
	rc = hv_replace_at(dirfd, base, &r, hv_replace_fill_buf, &b);
	close(dirfd);
	hv_path_deinit(&pc);
	return rc;
}

/* Reads ROOT@rel; the caller frees it. */
static char *slurp(const char *rel)
{
	struct hv_path pc;
	char *buf;
	size_t len;

	assert_int_equal(hv_path_init(&pc, root), 0);
	assert_int_equal(hv_path_read(&pc, rel, 4096, &buf, &len), 0);
	hv_path_deinit(&pc);
	return buf;
}

static void read_conf(char **buf, size_t *len, struct stat *st)
{
	struct hv_path pc;

	assert_int_equal(hv_path_init(&pc, root), 0);
	assert_int_equal(hv_path_read_stat(&pc, "/etc/conf", 4096, buf, len, st), 0);
	hv_path_deinit(&pc);
}

static void replaces_and_keeps_owner_mode_and_backup(void **state)
{
	struct stat st, now;
	char p[256], name[64], *buf;
	size_t len;

	(void)state;
	snprintf(p, sizeof(p), "%s/etc/conf", root);
	assert_int_equal(chmod(p, 0640), 0);
	assert_int_equal(chown(p, 4321, 8765), 0);
	read_conf(&buf, &len, &st);
	assert_int_equal(fix_replace("/etc/conf", buf, len, &st, "A=2\n", name, sizeof(name)), 0);
	free(buf);
	assert_string_equal(name, "conf.bak");
	assert_int_equal(stat(p, &now), 0);
	assert_int_equal(now.st_mode & 07777, 0640);
	assert_int_equal(now.st_uid, 4321);
	assert_int_equal(now.st_gid, 8765);
	buf = slurp("/etc/conf");
	assert_string_equal(buf, "A=2\n");
	free(buf);
	buf = slurp("/etc/conf.bak");
	assert_string_equal(buf, "A=1\n");
	free(buf);
	/* the backup is owned and moded as the file was */
	snprintf(p, sizeof(p), "%s/etc/conf.bak", root);
	assert_int_equal(stat(p, &now), 0);
	assert_int_equal(now.st_mode & 07777, 0640);
	assert_int_equal(now.st_uid, 4321);
	names(p, sizeof(p));
	assert_string_equal(p, "conf conf.bak");
}

static void refuses_a_changed_file(void **state)
{
	struct stat st;
	char name[64] = "", list[256], *buf, *now;
	size_t len;

	(void)state;
	read_conf(&buf, &len, &st);
	/* someone edits it between the read and the write */
	put("/etc/conf", "A=9\n");
	assert_int_equal(fix_replace("/etc/conf", buf, len, &st, "A=2\n", name, sizeof(name)),
			 -ESTALE);
	now = slurp("/etc/conf");
	assert_string_equal(now, "A=9\n");
	free(now);
	assert_string_equal(name, "");
	names(list, sizeof(list));
	assert_string_equal(list, "conf");
	free(buf);
}

/* The same content under another inode is another file: refused too. */
static void refuses_a_swapped_file(void **state)
{
	struct stat st;
	char name[64], p[256], q[256], *buf, *now;
	size_t len;

	(void)state;
	read_conf(&buf, &len, &st);
	put("/etc/new", "A=1\n");
	snprintf(p, sizeof(p), "%s/etc/new", root);
	snprintf(q, sizeof(q), "%s/etc/conf", root);
	assert_int_equal(rename(p, q), 0);
	assert_int_equal(fix_replace("/etc/conf", buf, len, &st, "A=2\n", name, sizeof(name)),
			 -ESTALE);
	now = slurp("/etc/conf");
	assert_string_equal(now, "A=1\n");
	free(now);
	names(p, sizeof(p));
	assert_string_equal(p, "conf");
	free(buf);
}

static void refuses_read_only(void **state)
{
	struct stat st;
	char p[256], name[64], *buf;
	size_t len;

	(void)state;
	snprintf(p, sizeof(p), "%s/etc/conf", root);
	assert_int_equal(chmod(p, 0444), 0);
	read_conf(&buf, &len, &st);
	assert_int_equal(fix_replace("/etc/conf", buf, len, &st, "X\n", name, sizeof(name)),
			 -EROFS);
	free(buf);
	names(p, sizeof(p));
	assert_string_equal(p, "conf");
}

static void keeps_every_backup(void **state)
{
	static const char *const want[] = { "conf.bak", "conf.bak.1", "conf.bak.2" };
	struct stat st;
	char name[64], val[8], *buf;
	size_t len;
	unsigned int i;

	(void)state;
	for (i = 0; i < 3; i++) {
		read_conf(&buf, &len, &st);
		snprintf(val, sizeof(val), "A=%u\n", i + 2);
		assert_int_equal(fix_replace("/etc/conf", buf, len, &st, val, name, sizeof(name)),
				 0);
		assert_string_equal(name, want[i]);
		free(buf);
	}
	/* each backup holds what the file held before that change */
	for (i = 0; i < 3; i++) {
		char path[64];

		snprintf(path, sizeof(path), "/etc/%s", want[i]);
		snprintf(val, sizeof(val), "A=%u\n", i + 1);
		buf = slurp(path);
		assert_string_equal(buf, val);
		free(buf);
	}
}

/* An output file: the directory opened by the caller, no old content checked. */
static int output_replace(const char *base, const struct stat *was, unsigned int mode,
			  int (*fill)(FILE *out, void *ctx), void *ctx)
{
	const struct hv_replace r = { .mode = mode, .was = was };
	char p[256];
	int dirfd, rc;

	snprintf(p, sizeof(p), "%s/etc", root);
	dirfd = open(p, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	assert_true(dirfd >= 0);
	rc = hv_replace_at(dirfd, base, &r, fill, ctx);
	close(dirfd);
	return rc;
}

/* A link at the name is never followed, for an edit or an output file. */
static void refuses_a_symlink(void **state)
{
	struct hv_replace_buf b = { "X\n", 2 };
	struct stat st, was;
	char p[256], name[64], *buf;
	size_t len;

	(void)state;
	snprintf(p, sizeof(p), "%s/etc/link", root);
	assert_int_equal(symlink("conf", p), 0);
	read_conf(&buf, &len, &st);
	assert_int_equal(fix_replace("/etc/link", buf, len, &st, "X\n", name, sizeof(name)),
			 -ELOOP);
	free(buf);
	assert_int_equal(lstat(p, &was), 0);
	assert_int_equal(output_replace("link", &was, 0644, hv_replace_fill_buf, &b), -ELOOP);
	assert_int_equal(output_replace("link", NULL, 0644, hv_replace_fill_buf, &b), -ELOOP);
	assert_int_equal(lstat(p, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	buf = slurp("/etc/conf");
	assert_string_equal(buf, "A=1\n");
	free(buf);
	/* and a directory is not a file to replace */
	snprintf(p, sizeof(p), "%s/etc/sub", root);
	assert_int_equal(mkdir(p, 0755), 0);
	assert_int_equal(output_replace("sub", NULL, 0644, hv_replace_fill_buf, &b), -EISDIR);
	names(p, sizeof(p));
	assert_string_equal(p, "conf link sub");
}

static void new_file_gets_mode_less_umask(void **state)
{
	struct hv_replace_buf b = { "new\n", 4 };
	struct stat st;
	char p[256], *buf;
	mode_t mask;

	(void)state;
	mask = umask(027);
	assert_int_equal(output_replace("out", NULL, 0666, hv_replace_fill_buf, &b), 0);
	umask(mask);
	snprintf(p, sizeof(p), "%s/etc/out", root);
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640);
	buf = slurp("/etc/out");
	assert_string_equal(buf, "new\n");
	free(buf);
	names(p, sizeof(p));
	assert_string_equal(p, "conf out");
}

/* Writes half, then fails as a full disk would. */
static int fill_fails(FILE *out, void *ctx)
{
	(void)ctx;
	fputs("half", out);
	fflush(out);
	return -ENOSPC;
}

static void no_temporary_left_on_failure(void **state)
{
	struct stat was;
	char p[256], *buf;

	(void)state;
	snprintf(p, sizeof(p), "%s/etc/conf", root);
	assert_int_equal(lstat(p, &was), 0);
	assert_int_equal(output_replace("conf", &was, 0644, fill_fails, NULL), -ENOSPC);
	assert_int_equal(output_replace("new", NULL, 0644, fill_fails, NULL), -ENOSPC);
	buf = slurp("/etc/conf");
	assert_string_equal(buf, "A=1\n");
	free(buf);
	names(p, sizeof(p));
	assert_string_equal(p, "conf");
}

/* A named temporary left by a killed run (no such PID) is removed by the next. */
static void stale_temporary_removed(void **state)
{
	struct hv_replace_buf b = { "A=2\n", 4 };
	struct stat was;
	char p[256];

	(void)state;
	/* PIDs are below 2^22 on Linux */
	put("/etc/.conf.hvkdump-99999999", "half");
	put("/etc/.other.hvkdump-99999999", "half");
	snprintf(p, sizeof(p), "%s/etc/conf", root);
	assert_int_equal(lstat(p, &was), 0);
	assert_int_equal(output_replace("conf", &was, 0644, hv_replace_fill_buf, &b), 0);
	names(p, sizeof(p));
	assert_string_equal(p, ".other.hvkdump-99999999 conf");
}

#define BOTH(fn)                                                                         \
	cmocka_unit_test_prestate_setup_teardown(fn, setup, teardown, NULL),             \
	cmocka_unit_test_prestate_setup_teardown(fn, setup, teardown, (void *)"named")

int main(void)
{
	const struct CMUnitTest tests[] = {
		BOTH(replaces_and_keeps_owner_mode_and_backup),
		BOTH(refuses_a_changed_file),
		BOTH(refuses_a_swapped_file),
		BOTH(refuses_read_only),
		BOTH(keeps_every_backup),
		BOTH(refuses_a_symlink),
		BOTH(new_file_gets_mode_less_umask),
		BOTH(no_temporary_left_on_failure),
		BOTH(stale_temporary_removed),
	};

	return cmocka_run_group_tests_name("replace", tests, NULL, NULL);
}
