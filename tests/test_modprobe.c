// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * modprobe.d's blacklists as hvkdump reads them (lib/formats/modprobe.c,
 * probe/modules.c), held against libkmod itself on the same files: libkmod
 * is the reference here, never in the binary (probe/modules.c says why).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <libkmod.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"
#include "lib/formats/parsers.h"
#include "probe/probe.h"

static const char *const mods[MOD_COUNT] = { "pci_hyperv", "hyperv_drm", "hyperv_fb" };
static const struct modnames mn = { mods, MOD_COUNT };

static char root[64];

static void put(const char *rel, const char *data, size_t len)
{
	char p[512];
	int fd;

	snprintf(p, sizeof(p), "%s%s", root, rel);
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
}

static void mkdirs(const char *rel)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "mkdir -p '%s%s'", root, rel);
	assert_int_equal(system(cmd), 0);
}

static int setup(void **state)
{
	(void)state;
	snprintf(root, sizeof(root), "/tmp/hvkdump-modprobe-XXXXXX");
	assert_non_null(mkdtemp(root));
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", root);
	return system(cmd);
}

/* This machine's own modprobe.blacklist=: libkmod always adds it. */
static unsigned int host_cmdline(void)
{
	char buf[4096];
	ssize_t n;
	int fd = open("/proc/cmdline", O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	return n > 0 ? kcmdline_blacklisted(buf, (size_t)n, &mn) : 0;
}

/* What libkmod blacklists of the three, reading @dirs (under root). */
static unsigned int libkmod_says(const char *const *dirs)
{
	char paths[8][512];
	const char *argv[9];
	struct kmod_config_iter *it;
	struct kmod_ctx *ctx;
	unsigned int n, m, set = 0;

	for (n = 0; dirs[n]; n++) {
		snprintf(paths[n], sizeof(paths[n]), "%s%s", root, dirs[n]);
		argv[n] = paths[n];
	}
	argv[n] = NULL;
	ctx = kmod_new("/nonexistent", argv);
	assert_non_null(ctx);
	it = kmod_config_get_blacklists(ctx);
	while (it && kmod_config_iter_next(it))
		for (m = 0; m < MOD_COUNT; m++)
			if (!strcmp(kmod_config_iter_get_key(it), mods[m]))
				set |= MOD_BIT(m);
	kmod_config_iter_free_iter(it);
	kmod_unref(ctx);
	return set;
}

/* Each file alone: the parser and libkmod agree, line for line. */
static void parser_matches_libkmod(void **state)
{
	static const struct {
		const char *text;
		size_t len;	/* 0: strlen */
	} files[] = {
		{ "blacklist pci_hyperv\n", 0 },
		{ "blacklist pci-hyperv\n", 0 },
		{ "  blacklist\thyperv_fb\n", 0 },
		{ "#blacklist pci_hyperv\n", 0 },
		{ " # blacklist pci_hyperv\n", 0 },
		{ "blacklist pci_hyperv # a comment after\n", 0 },
		{ "blacklist pci_hyperv#not-a-comment\n", 0 },
		{ "black\\\nlist hyperv_drm\n", 0 },
		{ "blacklist\\\n pci_hyperv\n", 0 },
		{ "bl\\acklist hyperv_fb\n", 0 },
		{ "blacklist hyperv_\\fb\n", 0 },
		{ "blacklist hyperv_fb\\", 0 },
		{ "blacklist hyperv_\0fb\n", 22 },
		{ "blacklist\0 hyperv_fb\n", 21 },
		{ "\0\nblacklist hyperv_drm\n", 23 },
		{ "blacklisthyperv_fb\n", 0 },
		{ "blacklist\n", 0 },
		{ "xblacklist hyperv_fb\n", 0 },
		{ "BLACKLIST hyperv_fb\n", 0 },
		{ "blacklist pci_hyperv\r\n", 0 },
		{ "blacklist hyperv_drm", 0 },
		{ "options hv_vmbus x=1\nalias foo pci_hyperv\nblacklist hyperv_drm extra words\n", 0 },
		{ "install pci_hyperv /bin/false\nblacklist pci_hyperv_x\nblacklist pci_hyperv\n", 0 },
	};
	static const char *const dirs[] = { "/d", NULL };
	unsigned int host = host_cmdline(), ours, theirs;
	char big[12000];
	size_t i;

	(void)state;
	mkdirs("/d");
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		size_t len = files[i].len ? files[i].len : strlen(files[i].text);

		put("/d/t.conf", files[i].text, len);
		ours = modprobe_blacklisted(files[i].text, len, &mn) | host;
		theirs = libkmod_says(dirs);
		if (ours != theirs)
			fail_msg("file %zu: ours %#x, libkmod %#x", i, ours, theirs);
	}
	/* lines longer than any buffer of ours: a name before the cut, one after */
	memset(big, ' ', sizeof(big));
	memcpy(big + 5000, "blacklist hyperv_fb", 19);
	big[sizeof(big) - 1] = '\n';
	put("/d/t.conf", big, sizeof(big));
	assert_int_equal(modprobe_blacklisted(big, sizeof(big), &mn) | host, libkmod_says(dirs));
	memset(big, ' ', sizeof(big));
	memcpy(big, "blacklist pci_hyperv", 20);
	memset(big + 20, 'x', 5000);
	big[sizeof(big) - 1] = '\n';
	put("/d/t.conf", big, sizeof(big));
	assert_int_equal(modprobe_blacklisted(big, sizeof(big), &mn) | host, libkmod_says(dirs));
	memcpy(big + 4086, "blacklist pci_hyperv", 20);
	memset(big, ' ', 4086);
	put("/d/t.conf", big, sizeof(big));
	assert_int_equal(modprobe_blacklisted(big, sizeof(big), &mn) | host, libkmod_says(dirs));
}

/* The directories: their order, the names read, one name hiding another. */
static void directories_as_libkmod(void **state)
{
	static const char *const dirs[] = {
		"/etc/modprobe.d", "/run/modprobe.d", "/usr/local/lib/modprobe.d",
		"/usr/lib/modprobe.d", "/lib/modprobe.d", NULL,
	};
	struct hv_path pc;
	struct facts f;
	struct probe *p = calloc(1, sizeof(*p));
	char link[512];

	(void)state;
	assert_non_null(p);
	mkdirs("/etc/modprobe.d/dir.conf");
	mkdirs("/lib/modprobe.d");
	mkdirs("/usr/lib/modprobe.d");
	put("/etc/modprobe.d/a.conf", "blacklist hyperv_fb\n", 20);
	/* hidden by /etc's a.conf */
	put("/lib/modprobe.d/a.conf", "blacklist pci_hyperv\n", 21);
	put("/lib/modprobe.d/b.alias", "blacklist hyperv_drm\n", 21);
	/* not read: no .conf, a leading dot */
	put("/usr/lib/modprobe.d/c.txt", "blacklist pci_hyperv\n", 21);
	put("/usr/lib/modprobe.d/.d.conf", "blacklist pci_hyperv\n", 21);
	/* a dangling link: skipped */
	snprintf(link, sizeof(link), "%s/usr/lib/modprobe.d/e.conf", root);
	assert_int_equal(symlink("nowhere", link), 0);

	memset(&f, 0, sizeof(f));
	assert_int_equal(hv_path_init(&pc, root), 0);
	p->pc = &pc;
	p->f = &f;
	probe_blacklist(p);
	hv_path_deinit(&pc);
	assert_true(f.f[F_BLACKLIST].known);
	assert_int_equal(f.blacklist, MOD_BIT(MOD_HYPERV_FB) | MOD_BIT(MOD_HYPERV_DRM));
	assert_int_equal(f.blacklist | host_cmdline(), libkmod_says(dirs));
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(parser_matches_libkmod, setup, teardown),
		cmocka_unit_test_setup_teardown(directories_as_libkmod, setup, teardown),
	};

	/* libkmod's complaints about the bad lines are not this test's output */
	setenv("KMOD_LOG", "0", 1);
	return cmocka_run_group_tests_name("modprobe", tests, NULL, NULL);
}
