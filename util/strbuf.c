// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

static bool sb_grow(struct strbuf *sb, size_t extra)
{
	size_t want, n;
	char *p;

	if (sb->oom)
		return false;
	if (extra >= (size_t)-1 - sb->len - 1)
		goto oom;
	want = sb->len + extra + 1;
	if (want <= sb->alloc)
		return true;
	n = sb->alloc ? sb->alloc : 64;
	while (n < want)
		n = n > (size_t)-1 / 2 ? want : n * 2;
	p = realloc(sb->buf, n);
	if (!p)
		goto oom;
	sb->buf = p;
	sb->alloc = n;
	return true;
oom:
	sb->oom = true;
	return false;
}

void sb_addn(struct strbuf *sb, const char *s, size_t n)
{
	if (!sb_grow(sb, n))
		return;
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void sb_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !sb_grow(sb, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	sb->len += (size_t)n;
}

void sb_reset(struct strbuf *sb)
{
	sb->len = 0;
	sb->oom = false;
	if (sb->buf)
		sb->buf[0] = '\0';
}

void sb_release(struct strbuf *sb)
{
	free(sb->buf);
	*sb = (struct strbuf)STRBUF_INIT;
}

const char *sb_str(const struct strbuf *sb)
{
	return sb->buf ? sb->buf : "";
}
