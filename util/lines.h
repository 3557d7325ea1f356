/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Walking text a line at a time, for the parsers. */
#ifndef HVKDUMP_LINES_H
#define HVKDUMP_LINES_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

struct line_iter {
	const char *p, *end;
	unsigned long lineno;
};

static inline void line_iter_init(struct line_iter *it, const char *text, size_t len)
{
	it->p = text;
	it->end = text + len;
	it->lineno = 0;
}

/* The next line without its newline; false at the end. */
static inline bool line_next(struct line_iter *it, const char **line, size_t *len)
{
	const char *nl;

	if (it->p >= it->end)
		return false;
	nl = memchr(it->p, '\n', (size_t)(it->end - it->p));
	*line = it->p;
	*len = (size_t)((nl ? nl : it->end) - it->p);
	it->p = nl ? nl + 1 : it->end;
	it->lineno++;
	return true;
}

static inline bool line_starts(const char *line, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && !memcmp(line, prefix, n);
}

#endif
