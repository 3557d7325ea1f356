// SPDX-License-Identifier: GPL-2.0-or-later
/* The path context: reads inside a sysroot (the writer: test_replace.c). */
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
	scratch_put(root, rel, text);
}

static int setup(void **state)
{
	(void)state;
	scratch_root(root, sizeof(root), "path");
	put("/etc/conf", "A=1\n");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	return scratch_remove(root);
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
	fd = hv_path_open_regular(&pc, "/etc/conf", NULL);
	fstat_fails = 0;
	assert_int_equal(fd, -EIO);
	hv_path_deinit(&pc);
}

/* The stat asked for is the opened file's, from the fstat() that found it regular. */
static void open_regular_gives_its_stat(void **state)
{
	struct hv_path pc;
	struct stat st, want;
	char p[256];
	int fd;

	(void)state;
	assert_int_equal(hv_path_init(&pc, root), 0);
	snprintf(p, sizeof(p), "%s/etc/conf", root);
	assert_int_equal(stat(p, &want), 0);
	memset(&st, 0xa5, sizeof(st));
	fd = hv_path_open_regular(&pc, "/etc/conf", &st);
	assert_true(fd >= 0);
	assert_int_equal(st.st_ino, want.st_ino);
	assert_int_equal(st.st_size, want.st_size);
	assert_true(S_ISREG(st.st_mode));
	close(fd);
	assert_int_equal(hv_path_open_regular(&pc, "/etc", &st), -EISDIR);
	hv_path_deinit(&pc);
}

/* The writer's directory is found inside the sysroot, as a read would be. */
static void open_parent_stays_inside(void **state)
{
	struct hv_path pc;
	struct stat st, want;
	const char *base;
	char p[256];
	int fd;

	(void)state;
	snprintf(p, sizeof(p), "%s/etc/dir", root);
	assert_int_equal(symlink("/", p), 0);
	snprintf(p, sizeof(p), "%s/etc", root);
	assert_int_equal(stat(p, &want), 0);
	assert_int_equal(hv_path_init(&pc, root), 0);
	fd = hv_path_open_parent(&pc, "/etc/dir/etc/conf", &base);
	assert_true(fd >= 0);
	assert_string_equal(base, "conf");
	assert_int_equal(fstat(fd, &st), 0);
	assert_int_equal(st.st_ino, want.st_ino);
	close(fd);
	assert_int_equal(hv_path_open_parent(&pc, "/etc/", &base), -EINVAL);
	assert_int_equal(hv_path_open_parent(&pc, "conf", &base), -EINVAL);
	assert_int_equal(hv_path_open_parent(&pc, "/nowhere/conf", &base), -ENOENT);
	hv_path_deinit(&pc);
}

/*
 * A directory's names, sorted, "." and ".." left out, however many reads
 * of the directory they take (300 long names: about 24 KiB of records).
 */
static void list_sorted_whole(void **state)
{
	struct hv_path pc;
	char rel[128], **names;
	size_t n, i;

	(void)state;
	snprintf(rel, sizeof(rel), "%s/etc/many", root);
	assert_int_equal(mkdir(rel, 0755), 0);
	for (i = 300; i-- > 0;) {
		snprintf(rel, sizeof(rel), "/etc/many/%03zu-a-name-long-enough-to-fill-records-fast.conf",
			 i);
		put(rel, "x\n");
	}
	assert_int_equal(hv_path_init(&pc, root), 0);
	assert_int_equal(hv_path_list(&pc, "/etc/many", &names, &n), 0);
	assert_int_equal(n, 300);
	for (i = 0; i < n; i++) {
		snprintf(rel, sizeof(rel), "%03zu-a-name-long-enough-to-fill-records-fast.conf", i);
		assert_string_equal(names[i], rel);
	}
	hv_path_free_list(names, n);
	assert_int_equal(hv_path_list(&pc, "/etc", &names, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(names[0], "conf");
	assert_string_equal(names[1], "many");
	hv_path_free_list(names, n);
	assert_int_equal(hv_path_list(&pc, "/etc/conf", &names, &n), -ENOTDIR);
	assert_null(names);
	assert_int_equal(hv_path_list(&pc, "/nowhere", &names, &n), -ENOENT);
	assert_int_equal(n, 0);
	hv_path_deinit(&pc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(links_stay_inside, setup, teardown),
		cmocka_unit_test_setup_teardown(walk_stays_inside, setup, teardown),
		cmocka_unit_test_setup_teardown(caps_and_non_files, setup, teardown),
		cmocka_unit_test_setup_teardown(open_regular_after_a_failed_fstat, setup, teardown),
		cmocka_unit_test_setup_teardown(open_regular_gives_its_stat, setup, teardown),
		cmocka_unit_test_setup_teardown(open_parent_stays_inside, setup, teardown),
		cmocka_unit_test_setup_teardown(list_sorted_whole, setup, teardown),
	};

	return cmocka_run_group_tests_name("path", tests, NULL, NULL);
}
