/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Small helpers shared by the cmocka tests. */
#ifndef HVKDUMP_TESTUTIL_H
#define HVKDUMP_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "lib/formats/parsers.h"
#include "model/iomem.h"
#include "util/strbuf.h"

/*
 * Does the changelog @text, fed whole to one scan, name @commit or
 * @subject? (The probe feeds it a piece at a time: probe/changelog.c.)
 */
static inline bool changelog_mentions(const char *text, size_t len, const char *commit,
				      const char *subject)
{
	const char *needle[2] = { commit, subject };
	struct changelog_scan s;
	bool found[2];

	if (!changelog_scan_init(&s, needle, 2, found))
		return false;
	changelog_scan_feed(&s, text, len);
	return found[0] || found[1];
}

/* The tree under @root as /proc/iomem shows it; free() the result. */
static inline char *tree_text(const struct resource *root)
{
	struct strbuf sb = STRBUF_INIT;

	iomem_show(root, &sb);
	assert_false(sb.oom);
	return sb.buf ? sb.buf : strdup("");
}

#define assert_tree(root, text)                                 \
	do {                                                    \
		char *t_ = tree_text(root);                     \
		assert_string_equal(t_, text);                  \
		free(t_);                                       \
	} while (0)

/* A scratch sysroot in @root (/tmp/hvkdump-@tag-XXXXXX) with an etc/ in it. */
static inline void scratch_root(char *root, size_t len, const char *tag)
{
	char p[256];

	snprintf(root, len, "/tmp/hvkdump-%s-XXXXXX", tag);
	assert_non_null(mkdtemp(root));
	snprintf(p, sizeof(p), "%s/etc", root);
	assert_int_equal(mkdir(p, 0755), 0);
}

/* @text as the file @root@rel. */
static inline void scratch_put(const char *root, const char *rel, const char *text)
{
	char p[256];
	FILE *f;

	snprintf(p, sizeof(p), "%s%s", root, rel);
	f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* @root and all in it removed: 0, or rm's status. */
static inline int scratch_remove(const char *root)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", root);
	return system(cmd);
}

#endif
