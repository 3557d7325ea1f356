/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Text output on a terminal: long lines broken at spaces, with a hanging indent. */
#ifndef HVKDUMP_TERMWRAP_H
#define HVKDUMP_TERMWRAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* stdout's terminal width (TIOCGWINSZ, else COLUMNS, else 80); 0 when it is no terminal */
unsigned int hv_terminal_width(void);
/*
 * When stdout is a terminal, routes it through a child that wraps each line
 * to the terminal's width; returns that width, or 0 (nothing changed).
 * Called again, it returns the same width and starts nothing.
 */
unsigned int hv_wrap_stdout(void);
/* From here on (@on) or no longer, lines go to the terminal unbroken (a diff). */
void hv_wrap_verbatim(bool on);
/* The wrapper's loop: lines of @in to @out, wrapped to @width but where verbatim. */
void hv_wrap_stream(FILE *in, FILE *out, unsigned int width);
/* The column continuation lines of @s start at. */
size_t hv_wrap_hang(const char *s, size_t n, unsigned int width);
/* Writes @s (@n bytes, no newline) and a newline, wrapped to @width (0: as it is). */
void hv_wrap_line(FILE *out, const char *s, size_t n, unsigned int width);
/* The same, its continuation lines @hang columns in (two when that leaves under 20). */
void hv_wrap_line_hang(FILE *out, const char *s, size_t n, unsigned int width, size_t hang);
/* The width stdout's wrapper wraps to; 0 when there is none. */
unsigned int hv_wrap_width(void);

#endif
