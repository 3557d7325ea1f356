// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Text output that reads on a terminal of any width: when stdout is a
 * terminal, lines longer than it are broken at spaces, each continuation
 * indented under the text it continues (a list item's text, a table row's
 * second column, else two spaces). Piped output is never touched. The
 * wrapping is done by a child that reads the command's output from a pipe,
 * so that printf() and libsmartcols need not know (and libsmartcols, seeing
 * no terminal, prints whole rows for it to wrap). hv_wrap_verbatim() keeps
 * lines that must not be broken (a diff) as they are.
 */
#define _GNU_SOURCE
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "termwrap.h"

unsigned int hv_terminal_width(void)
{
	struct winsize ws;
	const char *cols = getenv("COLUMNS");

	if (!isatty(STDOUT_FILENO))
		return 0;
	if (!ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) && ws.ws_col)
		return ws.ws_col;
	if (cols && atoi(cols) > 0)
		return (unsigned int)atoi(cols);
	return 80;
}

/* Columns on a terminal: UTF-8 continuation bytes take none. */
static size_t columns(const char *s, size_t n)
{
	size_t c = 0, i;

	for (i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xc0) != 0x80;
	return c;
}

/* Where continuation lines start: see the file's comment. */
size_t hv_wrap_hang(const char *s, size_t n, unsigned int width)
{
	size_t lead = strspn(s, " "), i;

	if (lead > n)
		lead = n;
	if (n - lead >= 2 && s[lead] == '-' && s[lead + 1] == ' ')
		return lead + 2;
	for (i = lead; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		;
	if (i > lead && i + 1 < n && s[i] == '.' && s[i + 1] == ' ')
		return i + 2;
	/* a table row: the first gap of two or more spaces, in the left half */
	for (i = lead; i + 2 < n && i < width / 2; i++)
		if (s[i] != ' ' && s[i + 1] == ' ' && s[i + 2] == ' ') {
			i++;
			while (i < n && s[i] == ' ')
				i++;
			if (i < n && i < width / 2)
				return i;
			break;
		}
	/* prose: two spaces in; an indented paragraph: under its start */
	return lead ? lead : 2;
}

void hv_wrap_line(FILE *out, const char *s, size_t n, unsigned int width)
{
	hv_wrap_line_hang(out, s, n, width, width ? hv_wrap_hang(s, n, width) : 0);
}

void hv_wrap_line_hang(FILE *out, const char *s, size_t n, unsigned int width, size_t hang)
{
	size_t avail, start = 0, first = 1;

	if (!width || columns(s, n) <= width) {
		fwrite(s, 1, n, out);
		fputc('\n', out);
		return;
	}
	if (hang + 20 > width)
		hang = 2;
	while (start < n) {
		size_t end, brk = 0, i, cols = 0;

		avail = first ? width : width - hang;
		/* how far @avail columns reach (UTF-8 continuation bytes take none) */
		for (i = start, end = start; i < n; i++) {
			cols += ((unsigned char)s[i] & 0xc0) != 0x80;
			if (cols > avail)
				break;
			end = i + 1;
		}
		/* a table row's column gap (two spaces or more) ends the piece */
		for (i = first ? hang : start; i + 1 < end; i++)
			if (s[i] == ' ' && s[i + 1] == ' ' && i > start)
				break;
		if (i + 1 < end) {
			brk = i;
		} else if (end >= n) {
			brk = n;
		} else {
			/* the last space at or before the reach; else after the last
			 * ',' or '/' of a long word (a list, a path); else a hard cut */
			for (i = end; i > start && s[i] != ' '; i--)
				;
			if (i == start)
				for (i = end; i > start && s[i - 1] != ',' && s[i - 1] != '/'; i--)
					;
			brk = i > start ? i : end;
		}
		if (!first)
			fprintf(out, "%*s", (int)hang, "");
		/* no trailing spaces on a broken line */
		for (i = brk; i > start && s[i - 1] == ' '; i--)
			;
		fwrite(s + start, 1, i - start, out);
		fputc('\n', out);
		start = brk;
		while (start < n && s[start] == ' ')
			start++;
		first = 0;
	}
}

/*
 * Lines the wrapper must pass as they are (a diff, a command to paste) are
 * framed by these two marker lines, which only the wrapper ever sees: the
 * terminal then folds such a line softly, and a copy of it stays one line.
 */
#define VERBATIM_ON "\016"	/* shift out */
#define VERBATIM_OFF "\017"	/* shift in */

void hv_wrap_stream(FILE *in, FILE *out, unsigned int width)
{
	bool verbatim = false;
	char *line = NULL;
	size_t alloc = 0;
	ssize_t n;

	while ((n = getline(&line, &alloc, in)) >= 0) {
		if (n && line[n - 1] == '\n')
			n--;
		if (n == 1 && (*line == *VERBATIM_ON || *line == *VERBATIM_OFF)) {
			verbatim = *line == *VERBATIM_ON;
			continue;
		}
		hv_wrap_line(out, line, (size_t)n, verbatim ? 0 : width);
	}
	free(line);
}

static pid_t wrapper_pid;
static unsigned int wrapper_width;

unsigned int hv_wrap_width(void)
{
	return wrapper_pid > 0 ? wrapper_width : 0;
}

void hv_wrap_verbatim(bool on)
{
	if (wrapper_pid > 0)
		puts(on ? VERBATIM_ON : VERBATIM_OFF);
}

/* atexit: the last output through the pipe, then the wrapper done with it */
static void wrapper_wait(void)
{
	int status;

	fflush(stdout);
	close(STDOUT_FILENO);
	if (wrapper_pid > 0)
		waitpid(wrapper_pid, &status, 0);
}

unsigned int hv_wrap_stdout(void)
{
	static unsigned int width;
	int p[2];

	/* once: a second call finds the wrapper in place */
	if (wrapper_pid > 0)
		return width;
	width = hv_terminal_width();
	if (!width || pipe(p))
		return 0;
	fflush(stdout);
	wrapper_pid = fork();
	if (wrapper_pid < 0) {
		close(p[0]);
		close(p[1]);
		return 0;
	}
	if (!wrapper_pid) {
		/* the wrapper: lines from the pipe, wrapped onto the terminal */
		FILE *in = fdopen(p[0], "r");

		close(p[1]);
		if (in)
			hv_wrap_stream(in, stdout, width);
		fflush(stdout);
		_exit(0);
	}
	/* we write into the pipe: to us and to libsmartcols stdout is no terminal now */
	if (dup2(p[1], STDOUT_FILENO) < 0) {
		close(p[0]);
		close(p[1]);
		/* the wrapper reads end of file and is gone: no wrapper */
		waitpid(wrapper_pid, NULL, 0);
		wrapper_pid = 0;
		return 0;
	}
	close(p[0]);
	close(p[1]);
	atexit(wrapper_wait);
	wrapper_width = width;
	return width;
}
