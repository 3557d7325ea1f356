/* SPDX-License-Identifier: GPL-2.0-or-later */
/* hvkdump check's text: the short answer, the facts table, colour. */
#ifndef HVKDUMP_CHECK_TEXT_H
#define HVKDUMP_CHECK_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/verdict/check.h"

/* --color=WHEN, as util-linux spells it */
enum check_color { CHECK_COLOR_AUTO, CHECK_COLOR_ALWAYS, CHECK_COLOR_NEVER };

/* "auto", "always", "never" (NULL: auto); -1 for anything else. */
int check_color_parse(const char *when);
/*
 * Whether to colour stdout: always, never, or on auto when stdout is a
 * terminal (asked before the line wrapper takes it), NO_COLOR is unset or
 * empty and TERM is not "dumb".
 */
bool check_color_on(enum check_color mode);

struct check_text_opts {
	const char *sysroot;	/* as typed, for the commands shown; NULL: live */
	unsigned int width;	/* the terminal's width; 0: not a terminal */
	bool color;
};

/*
 * The default view: the verdict (and the next load's where it differs), one
 * plain sentence, the first remedy as commands, the caveats; at most about
 * 15 lines, none wider than 80 columns (or the terminal, if narrower).
 */
void check_print_short(const struct facts *f, const struct check_result *r,
		       const struct check_text_opts *o);
/*
 * Every fact, its value and its file. Not on a terminal (@width 0) one row
 * a fact, the columns as wide as their widest cell; on one, VALUE and
 * SOURCE folded at spaces to fit @width.
 */
void check_print_facts(const struct facts *f, unsigned int width);
/* Why this is no Hyper-V guest, without the fact's "no (...)" around it. */
const char *check_not_hyperv_why(const struct facts *f, char *buf, size_t len);
/* On a machine that is not a Hyper-V guest: what says so, and from where. */
void check_print_not_applicable(const struct facts *f);

#endif
