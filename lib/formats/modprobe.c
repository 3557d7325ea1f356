// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * modprobe.d's blacklist keyword and the kernel command line's
 * modprobe.blacklist=, as libkmod reads them (kmod 30,
 * libkmod/libkmod-config.c).
 */
#include <stdio.h>
#include <string.h>

#include "parsers.h"


bool modprobe_conf_name(const char *name)
{
	size_t n = strlen(name);

	/* conf_files_filter_out() */
	if (name[0] == '.' || n < 6)
		return false;
	return !strcmp(name + n - 5, ".conf") || !strcmp(name + n - 6, ".alias");
}

/* The bit of the module @name (@len bytes) in @mn, '-' read as '_' as underscores() does. */
static unsigned int module_bit(const struct modnames *mn, const char *name, size_t len)
{
	unsigned int m;
	size_t i;

	for (m = 0; m < mn->n; m++) {
		const char *want = mn->name[m];

		for (i = 0; i < len && want[i]; i++)
			if ((name[i] == '-' ? '_' : name[i]) != want[i])
				break;
		if (i == len && !want[i])
			return 1u << m;
	}
	return 0;
}

static bool blank(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * One logical line, or its first sizeof(line) bytes when @cut: its
 * blacklisted module. A word that reaches the end of a cut line is not
 * known whole, so it is none of @mn.
 */
static unsigned int one_line(const struct modnames *mn, const char *l, size_t n, bool cut)
{
	size_t i = 0, w;

	/* kmod_config_parse(): a comment only when '#' is the line's first byte */
	if (!n || l[0] == '#')
		return 0;
	while (i < n && blank(l[i]))
		i++;
	if (i + 9 > n || memcmp(l + i, "blacklist", 9) || (i + 9 < n && !blank(l[i + 9])) ||
	    (cut && i + 9 == n))
		return 0;
	i += 9;
	while (i < n && blank(l[i]))
		i++;
	for (w = i; w < n && !blank(l[w]); w++)
		;
	if (cut && w == n)
		return 0;
	return w > i ? module_bit(mn, l + i, w - i) : 0;
}

unsigned int modprobe_blacklisted(const char *text, size_t len, const struct modnames *mn)
{
	char line[4096];
	size_t i, n = 0;
	unsigned int set = 0;
	bool cut = false, seen = true, after_blank = true;	/* a line starts "after" one */

	/*
	 * getline_wrapped(): a backslash takes the next byte as it is, and
	 * drops a newline (the next physical line continues the logical one);
	 * the parser then sees a line up to its first NUL (strtok_r()).
	 */
	for (i = 0; i <= len; i++) {
		char c = i < len ? text[i] : '\n';

		if (c == '\\' && i < len) {
			if (++i == len)
				c = (char)0xff;	/* EOF read as a byte */
			else if (text[i] == '\n')
				continue;
			else
				c = text[i];
		} else if (c == '\n') {
			set |= one_line(mn, line, n, cut);
			n = 0;
			cut = false;
			seen = true;
			after_blank = true;
			continue;
		}
		if (!c)
			seen = false;
		/*
		 * strtok_r() takes a run of blanks as one, and skips leading
		 * ones: kept so, a line's two first words fit the buffer
		 * however many blanks there are ('#' after blanks is no
		 * comment, but no "blacklist" either)
		 */
		if (!seen || (blank(c) && after_blank))
			continue;
		after_blank = blank(c);
		if (after_blank)
			c = ' ';
		if (n == sizeof(line))
			cut = true;
		else
			line[n++] = c;
	}
	/* a backslash as the last byte left a line open */
	if (n)
		set |= one_line(mn, line, n, cut);
	return set;
}

/* The bit of @name (@len bytes) in @mn compared as it is: no '-' made '_' here */
static unsigned int module_bit_exact(const struct modnames *mn, const char *name, size_t len)
{
	unsigned int m;

	for (m = 0; m < mn->n; m++)
		if (strlen(mn->name[m]) == len && !memcmp(name, mn->name[m], len))
			return 1u << m;
	return 0;
}

/* One word of the command line: MODULE.PARAM[=VALUE], as kcmdline_parse_result() takes it. */
static unsigned int one_word(const struct modnames *mn, const char *w, size_t n)
{
	const char *dot = memchr(w, '.', n), *last = dot, *eq = NULL, *v, *e, *end = w + n;
	const char *p;
	unsigned int set = 0;

	if (!dot || dot - w != 8 || memcmp(w, "modprobe", 8))
		return 0;
	/* PARAM runs from the last '.'; VALUE from the last '=' after the first '.' */
	for (p = dot; p < end; p++) {
		if (*p == '.')
			last = p;
		else if (*p == '=')
			eq = p;
	}
	if ((size_t)(end - last - 1) < 10 || memcmp(last + 1, "blacklist=", 10) || !eq)
		return 0;
	for (v = eq + 1; v <= end; v = e + 1) {
		for (e = v; e < end && *e != ','; e++)
			;
		/* kmod_config_add_blacklist() of each, as written */
		set |= module_bit_exact(mn, v, (size_t)(e - v));
	}
	return set;
}

unsigned int kcmdline_blacklisted(const char *text, size_t len, const struct modnames *mn)
{
	unsigned int set = 0;
	size_t i = 0, w;

	/*
	 * kmod_config_parse_kcmdline(): the first 4095 bytes (read_str_safe()
	 * into a 4096-byte buffer), up to the first newline or NUL, split at
	 * spaces
	 */
	if (len > 4095)
		len = 4095;
	for (w = 0; w < len && text[w] != '\n' && text[w]; w++)
		;
	len = w;
	while (i < len) {
		for (w = i; w < len && text[w] != ' '; w++)
			;
		set |= one_word(mn, text + i, w - i);
		i = w + 1;
	}
	return set;
}
