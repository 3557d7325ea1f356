// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A distribution kernel's changelog, read piece by piece: which of the
 * changes asked for it names, by commit or by subject (parsers.h).
 *
 * Debian's changelog wraps an entry at about 80 columns ("Don't release
 * fb_mmio resource in\n      vmbus_free_mmio()"), so a blank in what is
 * sought stands for any run of blanks (space, tab, newline) in the text.
 * The text is kept that way in a window, each run of blanks written as one
 * space, and the needles, written the same way, are sought there with
 * memmem(). When the window is full, its last keep bytes (the longest
 * needle but one) are carried to the front: a needle that ends in the next
 * window starts in what was carried, so none is missed at a seam.
 */
#define _GNU_SOURCE
#include <string.h>

#include "parsers.h"

static inline bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

bool changelog_scan_init(struct changelog_scan *s, const char *const *needle, size_t n,
			 bool *found)
{
	size_t i, at = 0;

	if (n > CHANGELOG_NEEDLES)
		return false;
	s->n = n;
	s->found = found;
	s->keep = 0;
	s->len = 0;
	s->blank = false;
	s->left = n;
	for (i = 0; i < n; i++) {
		const char *p = needle[i];
		bool blank = false;

		found[i] = false;
		s->off[i] = at;
		for (; *p; p++) {
			if (is_blank(*p) && blank)
				continue;
			blank = is_blank(*p);
			if (at == sizeof(s->arena))
				return false;
			s->arena[at++] = blank ? ' ' : *p;
		}
		s->nlen[i] = at - s->off[i];
		if (!s->nlen[i])
			s->left--;	/* an empty needle names nothing */
		if (s->nlen[i] && s->nlen[i] - 1 > s->keep)
			s->keep = s->nlen[i] - 1;
	}
	return s->keep < sizeof(s->buf);
}

/* Seeks each needle not found yet in the window. */
static void scan_window(struct changelog_scan *s)
{
	size_t i;

	for (i = 0; i < s->n && s->left; i++) {
		if (s->found[i] || !s->nlen[i] || s->nlen[i] > s->len)
			continue;
		if (memmem(s->buf, s->len, s->arena + s->off[i], s->nlen[i])) {
			s->found[i] = true;
			s->left--;
		}
	}
}

bool changelog_scan_feed(struct changelog_scan *s, const char *p, size_t len)
{
	const char *end = p + len;

	while (p < end && s->left) {
		char *o = s->buf + s->len, *oend = s->buf + sizeof(s->buf);
		bool blank = s->blank;

		for (; p < end && o < oend; p++) {
			if (is_blank(*p)) {
				if (!blank)
					*o++ = ' ';
				blank = true;
			} else {
				*o++ = *p;
				blank = false;
			}
		}
		s->blank = blank;
		s->len = (size_t)(o - s->buf);
		if (s->len == sizeof(s->buf)) {
			scan_window(s);
			memmove(s->buf, s->buf + s->len - s->keep, s->keep);
			s->len = s->keep;
		}
	}
	return !s->left;
}

void changelog_scan_end(struct changelog_scan *s)
{
	scan_window(s);
}

bool changelog_mentions(const char *text, size_t len, const char *commit, const char *subject)
{
	const char *needle[2] = { commit, subject };
	struct changelog_scan s;
	bool found[2];

	if (!changelog_scan_init(&s, needle, 2, found))
		return false;
	changelog_scan_feed(&s, text, len);
	changelog_scan_end(&s);
	return found[0] || found[1];
}
