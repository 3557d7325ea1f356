// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A distribution kernel's changelog, read piece by piece: which of the
 * changes asked for it names, by commit or by subject (parsers.h).
 *
 * Debian's changelog wraps an entry at about 80 columns ("Don't release
 * fb_mmio resource in\n      vmbus_free_mmio()"), so a blank in a needle
 * stands for any run of blanks (space, tab, newline) in the text. Each
 * piece is searched where it lies: a needle's first word with memmem(),
 * the rest word by word from there. A match that began in an earlier piece
 * began in the last keep bytes of the text so far written with each run of
 * blanks as one space (the tail: keep is the longest needle but one), and
 * ends in the next keep bytes of this piece written the same way: those
 * two side by side (the seam) are searched too. So no match is missed
 * between two pieces, whatever their sizes, and the text is never copied
 * but for the seam.
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
	s->tlen = 0;
	s->tblank = false;
	s->left = n;
	for (i = 0; i < n; i++) {
		const char *p = needle[i];
		size_t start = at;
		bool gap = false;	/* blanks since the last word */

		found[i] = false;
		/* each run of blanks one space; those at either end dropped */
		for (; *p; p++) {
			if (is_blank(*p)) {
				gap = true;
				continue;
			}
			if (at + (gap && at > start) >= sizeof(s->arena))
				return false;
			if (gap && at > start)
				s->arena[at++] = ' ';
			s->arena[at++] = *p;
			gap = false;
		}
		s->off[i] = start;
		s->nlen[i] = at - start;
		p = memchr(s->arena + start, ' ', s->nlen[i]);
		s->wlen[i] = p ? (size_t)(p - (s->arena + start)) : s->nlen[i];
		if (!s->nlen[i])
			s->left--;	/* an empty needle names nothing */
		else if (s->nlen[i] - 1 > s->keep)
			s->keep = s->nlen[i] - 1;
	}
	return true;
}

/* @words (single-spaced) at @p, a space in them matching a run of blanks: its end, or NULL */
static const char *words_at(const char *p, const char *end, const char *words, size_t n)
{
	const char *w = words, *wend = words + n;

	while (w < wend) {
		if (*w == ' ') {
			if (p == end || !is_blank(*p))
				return NULL;
			while (p < end && is_blank(*p))
				p++;
			w++;
		} else if (p < end && *p == *w) {
			p++;
			w++;
		} else {
			return NULL;
		}
	}
	return p;
}

/* Needle @i wholly in [@p, @end): its first word, then the rest from there. */
static bool needle_in(const struct changelog_scan *s, size_t i, const char *p, const char *end)
{
	const char *nd = s->arena + s->off[i];
	size_t wl = s->wlen[i], nl = s->nlen[i];

	while (p < end && (p = memmem(p, (size_t)(end - p), nd, wl))) {
		if (wl == nl || words_at(p + wl, end, nd + wl, nl - wl))
			return true;
		p++;
	}
	return false;
}

static void seek(struct changelog_scan *s, const char *p, const char *end)
{
	size_t i;

	for (i = 0; i < s->n && s->left; i++) {
		if (!s->found[i] && s->nlen[i] && needle_in(s, i, p, end)) {
			s->found[i] = true;
			s->left--;
		}
	}
}

/*
 * The first @cap bytes of [@p, @end) written with each run of blanks as one
 * space (none first when @blank: the text before ends in one) into @out:
 * how many.
 */
static size_t squeeze(const char *p, const char *end, bool blank, char *out, size_t cap)
{
	size_t n = 0;

	for (; p < end && n < cap; p++) {
		if (!is_blank(*p))
			out[n++] = *p;
		else if (!blank)
			out[n++] = ' ';
		blank = is_blank(*p);
	}
	return n;
}

/*
 * The tail after piece [@p, @end): the last keep bytes of the text so far,
 * squeezed, found from the piece's end back, and from the old tail when
 * the piece is shorter.
 */
static void tail_update(struct changelog_scan *s, const char *p, const char *end)
{
	char rev[sizeof(s->tail)];
	const char *q = end;
	size_t n = 0, old;
	bool blank = false;	/* rev[n - 1] stands for a run of blanks */

	while (q > p && n < s->keep) {
		q--;
		if (!is_blank(*q))
			rev[n++] = *q;
		else if (!blank)
			rev[n++] = ' ';
		blank = is_blank(*q);
	}
	/* the whole piece, begun in the run of blanks the tail ends in: one space for both */
	if (q == p && blank && s->tblank)
		n--;
	old = s->keep - n < s->tlen ? s->keep - n : s->tlen;
	memmove(s->tail, s->tail + s->tlen - old, old);
	for (s->tlen = old; n; n--)
		/* cppcheck-suppress uninitvar ; rev[0 .. n) were written above */
		s->tail[s->tlen++] = rev[n - 1];
	s->tblank = is_blank(end[-1]);
}

bool changelog_scan_feed(struct changelog_scan *s, const char *p, size_t len)
{
	const char *end = p + len;

	if (!len || !s->left)
		return !s->left;
	if (s->tlen) {
		/* a match begun in the tail ends within keep squeezed bytes of the piece */
		memcpy(s->seam, s->tail, s->tlen);
		seek(s, s->seam, s->seam + s->tlen + squeeze(p, end, s->tblank, s->seam + s->tlen,
								s->keep));
	}
	seek(s, p, end);
	if (s->keep)
		tail_update(s, p, end);
	return !s->left;
}
