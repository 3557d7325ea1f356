/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A growable string: how lib/ hands text to its caller without printing. */
#ifndef HVKDUMP_STRBUF_H
#define HVKDUMP_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

struct strbuf {
	char *buf;		/* NUL-terminated once anything was added */
	size_t len;
	size_t alloc;
	bool oom;		/* an append failed; the text is incomplete */
};

#define STRBUF_INIT { NULL, 0, 0, false }

void sb_addf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sb_addn(struct strbuf *sb, const char *s, size_t n);
void sb_reset(struct strbuf *sb);
void sb_release(struct strbuf *sb);
/* "" while empty, never NULL. */
const char *sb_str(const struct strbuf *sb);

#endif
