// SPDX-License-Identifier: GPL-2.0-or-later
/* The path context: reads inside a sysroot, safe replacement of a file. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"
#include "probe/path.h"

static char root[64];

/*
 * fstat() is wrapped (-Wl,--wrap=fstat64: meson builds with 64-bit file
 * offsets, where fstat() is fstat64()): fails with this errno when set
 */
static int fstat_fails;
int __real_fstat64(int fd, struct stat *st);
int __wrap_fstat64(int fd, struct stat *st);
int __wrap_fstat64(int fd, struct stat *st)
{
	if (!fstat_fails)
		return __real_fstat64(fd, st);
	/* a failed call promises nothing of *st: here it looks like a directory */
	st->st_mode = S_IFDIR | 0755;
	errno = fstat_fails;
	return -1;
}

static void put(const char *rel, const char *text)
{
	char p[256];
	FILE *f;

	snprintf(p, sizeof(p), "%s%s", root, rel);
	f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int setup(void **state)
{
	char p[256];

	(void)state;
	snprintf(root, sizeof(root), "/tmp/hvkdump-path-XXXXXX");
	assert_non_null(mkdtemp(root));
	snprintf(p, sizeof(p), "%s/etc", root);
	mkdir(p, 0755);
	put("/etc/conf", "A=1\n");
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", root);
	return system(cmd);
}

static void links_stay_inside(void **state)
{
	struct hv_path pc;
	char p[256], *buf;
	size_t len;

	(void)state;
	/* an absolute link and a ".." link both resolve inside the sysroot */
	snprintf(p, sizeof(p), "%s/etc/abs", root);
	assert_int_equal(symlink("/etc/conf", p), 0);
	snprintf(p, sizeof(p), "%s/etc/up", root);
	assert_int_equal(symlink("../../../../../etc/conf", p), 0);
	snprintf(p, sizeof(p), "%s/etc/passwd-link", root);
	assert_int_equal(symlink("/etc/passwd", p), 0);
	assert_int_equal(hv_path_init(&pc, root), 0);
	assert_int_equal(hv_path_read(&pc, "/etc/abs", 4096, &buf, &len), 0);
	assert_string_equal(buf, "A=1\n");
	free(buf);
	assert_int_equal(hv_path_read(&pc, "/etc/up", 4096, &buf, &len), 0);
	assert_string_equal(buf, "A=1\n");
	free(buf);
	/* the host's /etc/passwd is not inside: not found */
	assert_int_equal(hv_path_read(&pc, "/etc/passwd-link", 4096, &buf, &len), -ENOENT);
	assert_int_equal(hv_path_is_symlink(&pc, "/etc/abs"), 1);
	assert_int_equal(hv_path_is_symlink(&pc, "/etc/conf"), 0);
	hv_path_deinit(&pc);
}

/* The same, through the user-space walk that stands in for openat2() */
static void walk_stays_inside(void **state)
{
	char p[256], buf[16];
	int root_fd, fd;
	ssize_t n;

	(void)state;
	snprintf(p, sizeof(p), "%s/etc/abs", root);
	assert_int_equal(symlink("/etc/conf", p), 0);
	snprintf(p, sizeof(p), "%s/etc/up", root);
	assert_int_equal(symlink("../../../etc/./conf", p), 0);
	snprintf(p, sizeof(p), "%s/etc/dir", root);
	assert_int_equal(symlink("/", p), 0);
	snprintf(p, sizeof(p), "%s/etc/passwd-link", root);
	assert_int_equal(symlink("/etc/passwd", p), 0);
	snprintf(p, sizeof(p), "%s/etc/loop", root);
	assert_int_equal(symlink("loop", p), 0);
	root_fd = open(root, O_RDONLY | O_DIRECTORY);
	assert_true(root_fd >= 0);
	fd = hv_path_open_walk(root_fd, "etc/abs", O_RDONLY);
	assert_true(fd >= 0);
	n = read(fd, buf, sizeof(buf));
	assert_int_equal(n, 4);
	assert_memory_equal(buf, "A=1\n", 4);
	close(fd);
	fd = hv_path_open_walk(root_fd, "/etc/up", O_RDONLY);
	assert_true(fd >= 0);
	close(fd);
	/* a link to "/" is the sysroot: etc/dir/etc/conf is etc/conf */
	fd = hv_path_open_walk(root_fd, "/etc/dir/etc/conf", O_RDONLY);
	assert_true(fd >= 0);
	close(fd);
	fd = hv_path_open_walk(root_fd, "/../../etc/conf", O_RDONLY);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(hv_path_open_walk(root_fd, "/etc/passwd-link", O_RDONLY), -ENOENT);
	assert_int_equal(hv_path_open_walk(root_fd, "/etc/loop", O_RDONLY), -ELOOP);
	assert_int_equal(hv_path_open_walk(root_fd, "/etc/abs", O_RDONLY | O_NOFOLLOW), -ELOOP);
	/* O_PATH | O_NOFOLLOW opens the link itself, as open(2) does, dangling or not */
	fd = hv_path_open_walk(root_fd, "/etc/passwd-link", O_PATH | O_NOFOLLOW);
	assert_true(fd >= 0);
	{
		struct stat st;

		assert_int_equal(fstat(fd, &st), 0);
		assert_true(S_ISLNK(st.st_mode));
	}
	close(fd);
	assert_int_equal(hv_path_open_walk(root_fd, "/etc/conf/x", O_RDONLY), -ENOTDIR);
	fd = hv_path_open_walk(root_fd, "/etc/", O_RDONLY | O_DIRECTORY);
	assert_true(fd >= 0);
	close(fd);
	close(root_fd);
}

static void caps_and_non_files(void **state)
{
	struct hv_path pc;
	char p[256], *buf;
	size_t len;

	(void)state;
	snprintf(p, sizeof(p), "%s/etc/fifo", root);
	assert_int_equal(mkfifo(p, 0600), 0);
	assert_int_equal(hv_path_init(&pc, root), 0);
	assert_int_equal(hv_path_read(&pc, "/etc/fifo", 4096, &buf, &len), -EINVAL);
	assert_int_equal(hv_path_read(&pc, "/etc", 4096, &buf, &len), -EISDIR);
	assert_int_equal(hv_path_read(&pc, "/etc/conf", 2, &buf, &len), -EFBIG);
	hv_path_deinit(&pc);
}

/* A failed fstat() is its errno, not what was left in the stat buffer. */
static void open_regular_after_a_failed_fstat(void **state)
{
	struct hv_path pc;
	int fd;

	(void)state;
	assert_int_equal(hv_path_init(&pc, root), 0);
	fstat_fails = EIO;
	fd = hv_path_open_regular(&pc, "/etc/conf");
	fstat_fails = 0;
	assert_int_equal(fd, -EIO);
	hv_path_deinit(&pc);
}

static void replace_keeps_owner_mode_and_backup(void **state)
{
	struct hv_path pc;
	struct stat st, now;
	char p[256], name[64], *buf, *bak;
	size_t len, blen;

	(void)state;
	snprintf(p, sizeof(p), "%s/etc/conf", root);
	assert_int_equal(chmod(p, 0640), 0);
	assert_int_equal(chown(p, 4321, 8765), 0);
	assert_int_equal(hv_path_init(&pc, root), 0);
	assert_int_equal(hv_path_read_stat(&pc, "/etc/conf", 4096, &buf, &len, &st), 0);
	assert_int_equal(hv_path_replace(&pc, "/etc/conf", buf, len, &st, "A=2\n", 4, ".bak",
					 name, sizeof(name)), 0);
	assert_string_equal(name, "conf.bak");
	assert_int_equal(stat(p, &now), 0);
	assert_int_equal(now.st_mode & 07777, 0640);
	assert_int_equal(now.st_uid, 4321);
	assert_int_equal(now.st_gid, 8765);
	free(buf);
	assert_int_equal(hv_path_read(&pc, "/etc/conf", 4096, &buf, &len), 0);
	assert_string_equal(buf, "A=2\n");
	assert_int_equal(hv_path_read(&pc, "/etc/conf.bak", 4096, &bak, &blen), 0);
	assert_string_equal(bak, "A=1\n");
	free(buf);
	free(bak);
	hv_path_deinit(&pc);
}

static void replace_refuses_a_changed_file(void **state)
{
	struct hv_path pc;
	struct stat st;
	char name[64], *buf, *now;
	size_t len, nlen;

	(void)state;
	assert_int_equal(hv_path_init(&pc, root), 0);
	assert_int_equal(hv_path_read_stat(&pc, "/etc/conf", 4096, &buf, &len, &st), 0);
	/* someone edits it between the read and the write */
	put("/etc/conf", "A=9\n");
	assert_int_equal(hv_path_replace(&pc, "/etc/conf", buf, len, &st, "A=2\n", 4, ".bak",
					 name, sizeof(name)), -ESTALE);
	assert_int_equal(hv_path_read(&pc, "/etc/conf", 4096, &now, &nlen), 0);
	assert_string_equal(now, "A=9\n");
	assert_int_equal(hv_path_exists(&pc, "/etc/conf.bak"), -ENOENT);
	free(buf);
	free(now);
	hv_path_deinit(&pc);
}

static void replace_refuses_read_only_and_links(void **state)
{
	struct hv_path pc;
	struct stat st;
	char p[256], name[64], *buf;
	size_t len;

	(void)state;
	snprintf(p, sizeof(p), "%s/etc/conf", root);
	assert_int_equal(chmod(p, 0444), 0);
	assert_int_equal(hv_path_init(&pc, root), 0);
	assert_int_equal(hv_path_read_stat(&pc, "/etc/conf", 4096, &buf, &len, &st), 0);
	assert_int_equal(hv_path_replace(&pc, "/etc/conf", buf, len, &st, "X\n", 2, ".bak",
					 name, sizeof(name)), -EROFS);
	free(buf);
	snprintf(p, sizeof(p), "%s/etc/link", root);
	assert_int_equal(symlink("conf", p), 0);
	assert_int_equal(hv_path_read_stat(&pc, "/etc/link", 4096, &buf, &len, &st), -ELOOP);
	hv_path_deinit(&pc);
}

static void replace_keeps_every_backup(void **state)
{
	static const char *const want[] = { "conf.bak", "conf.bak.1", "conf.bak.2" };
	struct hv_path pc;
	struct stat st;
	char name[64], val[8], *buf, *bak;
	size_t len, blen;
	unsigned int i;

	(void)state;
	assert_int_equal(hv_path_init(&pc, root), 0);
	for (i = 0; i < 3; i++) {
		assert_int_equal(hv_path_read_stat(&pc, "/etc/conf", 4096, &buf, &len, &st), 0);
		snprintf(val, sizeof(val), "A=%u\n", i + 2);
		assert_int_equal(hv_path_replace(&pc, "/etc/conf", buf, len, &st, val,
						 strlen(val), ".bak", name, sizeof(name)), 0);
		assert_string_equal(name, want[i]);
		free(buf);
	}
	/* each backup holds what the file held before that change */
	for (i = 0; i < 3; i++) {
		char path[64];

		snprintf(path, sizeof(path), "/etc/%s", want[i]);
		snprintf(val, sizeof(val), "A=%u\n", i + 1);
		assert_int_equal(hv_path_read(&pc, path, 4096, &bak, &blen), 0);
		assert_string_equal(bak, val);
		free(bak);
	}
	hv_path_deinit(&pc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(links_stay_inside, setup, teardown),
		cmocka_unit_test_setup_teardown(walk_stays_inside, setup, teardown),
		cmocka_unit_test_setup_teardown(caps_and_non_files, setup, teardown),
		cmocka_unit_test_setup_teardown(open_regular_after_a_failed_fstat, setup, teardown),
		cmocka_unit_test_setup_teardown(replace_keeps_owner_mode_and_backup, setup, teardown),
		cmocka_unit_test_setup_teardown(replace_refuses_a_changed_file, setup, teardown),
		cmocka_unit_test_setup_teardown(replace_keeps_every_backup, setup, teardown),
		cmocka_unit_test_setup_teardown(replace_refuses_read_only_and_links, setup, teardown),
	};

	return cmocka_run_group_tests_name("path", tests, NULL, NULL);
}
