// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Shell-style assignment files, as /bin/sh would read them when a script
 * sources them: /etc/default/kdump-tools, /etc/sysconfig/kdump,
 * /etc/os-release. Nothing is executed: the parser follows sh's grammar
 * and evaluates what a captured system can answer.
 *
 * Values may be unquoted, "double quoted" or 'single quoted', in pieces,
 * spread over lines by quotes or backslash-newline. $NAME, ${NAME},
 * ${NAME:-word} and ${NAME-word} expand from the assignments before them
 * (as sourcing does; anything else is empty). Lists (&&, ||, ;, newlines),
 * ! , if/elif/else/fi, case/esac, { } and ( ) are followed; the tests [ ]
 * and test are evaluated where they can be: -d, -e, -f PATH through the
 * caller's callback (the system's files), -n, -z, =, != and the integer
 * comparisons on known values; true, false and : too. What sh would decide
 * at run time is unknown, with its line: an assignment under a condition
 * that cannot be evaluated (another command, another test, an unknown
 * value), inside a loop, or from a command substitution. A command that
 * may change variables itself (., eval, read, unset, set...) is an error:
 * nothing after it could be trusted.
 */
#include <ctype.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strcopy.h"
#include "util/array.h"
#include "parsers.h"
#include "util/strbuf.h"

/* Whether code runs (or a test holds): no, perhaps, yes; AND is min, NOT is the mirror. */
enum tri { T_NO, T_MAYBE, T_YES };

static enum tri tri_and(enum tri a, enum tri b)
{
	return a < b ? a : b;
}

static enum tri tri_not(enum tri a)
{
	return (enum tri)(T_YES - a);
}

#define SV_MAX_DEPTH	64
#define SV_MAX_WORDS	64

struct sv_parser {
	const char *p, *end;
	unsigned long line;
	struct hv_err *err;
	struct shellvars *vars;		/* the assignments so far, for $NAME */
	size_t cap;
	bool cmdsub;			/* the word had a command substitution */
	const struct shellvars_env *env;
	unsigned int depth;
	char why[320];			/* why the code being read may not run, "" */
	char status_why[160];		/* why the last command's status is unknown */
	unsigned int cond;		/* inside an if's or a loop's condition */
	const char *unknown_cmd;	/* the last command was one hvkdump does not run: its text */
	unsigned long unknown_line;
};

static bool name_char(char c, bool first)
{
	return c == '_' || isalpha((unsigned char)c) || (!first && isdigit((unsigned char)c));
}

static void skip_blanks(struct sv_parser *ps)
{
	while (ps->p < ps->end) {
		if (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\r') {
			ps->p++;
		} else if (*ps->p == '\\' && ps->p + 1 < ps->end && ps->p[1] == '\n') {
			ps->p += 2;
			ps->line++;
		} else {
			return;
		}
	}
}

/*
 * A backslash at ps->p and the character after it: backslash-newline is a
 * line continuation and stands for nothing; any other escaped character
 * stands for itself (POSIX XCU 2.2.1, and 2.2.3 inside double quotes).
 */
static void take_escape(struct sv_parser *ps, struct strbuf *out)
{
	if (ps->p[1] == '\n')
		ps->line++;
	else
		sb_addn(out, ps->p + 1, 1);
	ps->p += 2;
}

/*
 * An expansion at ps->p ('$'): $NAME, ${NAME}, ${NAME:-word}, ${NAME-word}
 * from the assignments so far; $(...) is a command substitution. A lone
 * '$' stands for itself.
 */
static void expand(struct sv_parser *ps, struct strbuf *out)
{
	const char *s = ps->p + 1, *name, *v;
	size_t n;
	bool braces = s < ps->end && *s == '{';

	if (s < ps->end && *s == '(') {
		ps->cmdsub = true;
		/* skip to the matching parenthesis on this line */
		while (ps->p < ps->end && *ps->p != ')' && *ps->p != '\n')
			ps->p++;
		if (ps->p < ps->end && *ps->p == ')')
			ps->p++;
		return;
	}
	name = s + braces;
	for (n = 0; name + n < ps->end && name_char(name[n], !n); n++)
		;
	if (!n) {
		sb_addn(out, ps->p, 1);
		ps->p++;
		return;
	}
	{
		char key[128];
		const struct shellvar *var;

		snprintf(key, sizeof(key), "%.*s", (int)(n < 127 ? n : 127), name);
		var = shellvars_find(ps->vars, key);
		if (var && var->unknown)
			ps->cmdsub = true;	/* built from a value that is not known */
		v = var && !var->unknown ? var->value : NULL;
	}
	s = name + n;
	if (braces) {
		const char *close = memchr(s, '}', (size_t)(ps->end - s));
		bool colon = s < ps->end && *s == ':';
		const char *op = s + colon;

		if (!close) {
			sb_addn(out, ps->p, 1);
			ps->p++;
			return;
		}
		/* ${NAME:-word}: word when unset or empty; ${NAME-word}: when unset */
		if (op < close && *op == '-' && (!v || (colon && !*v)))
			sb_addn(out, op + 1, (size_t)(close - op - 1));
		else if (v)
			sb_addn(out, v, strlen(v));
		ps->p = close + 1;
		return;
	}
	if (v)
		sb_addn(out, v, strlen(v));
	ps->p = s;
}

/*
 * A '$' expansion or a `command` substitution at ps->p, quoted or not: the
 * first expands, the second only marks the word unknown. False for neither.
 */
static bool substitution(struct sv_parser *ps, struct strbuf *out)
{
	const char *q;

	if (*ps->p == '$') {
		expand(ps, out);
		return true;
	}
	if (*ps->p != '`')
		return false;
	q = memchr(ps->p + 1, '`', (size_t)(ps->end - ps->p - 1));
	ps->cmdsub = true;
	ps->p = q ? q + 1 : ps->end;
	return true;
}

/* Reads one shell word at ps->p into @out; -1 on an unterminated quote. */
static int read_word(struct sv_parser *ps, struct strbuf *out)
{
	unsigned long start;
	char quote = 0;

	while (ps->p < ps->end) {
		char c = *ps->p;

		if (strchr(" \t\n\r;&|()<>", c))
			break;
		if (c == '#' && out->len == 0)
			break;
		if (c == '\\') {
			if (ps->end - ps->p < 2) {
				ps->p++;
				break;
			}
			take_escape(ps, out);
			continue;
		}
		if (substitution(ps, out))
			continue;
		if (c == '\'') {
			const char *q;

			quote = c;
			start = ps->line;
			q = memchr(ps->p + 1, '\'', (size_t)(ps->end - ps->p - 1));
			if (!q)
				goto unterminated;
			for (const char *s = ps->p + 1; s < q; s++)
				ps->line += *s == '\n';
			sb_addn(out, ps->p + 1, (size_t)(q - ps->p - 1));
			ps->p = q + 1;
			continue;
		}
		if (c == '"') {
			quote = c;
			start = ps->line;
			ps->p++;
			for (;;) {
				if (ps->p >= ps->end)
					goto unterminated;
				c = *ps->p;
				if (c == '"') {
					ps->p++;
					break;
				}
				if (c == '\\' && ps->end - ps->p >= 2 &&
				    strchr("\"\\$`\n", ps->p[1])) {
					take_escape(ps, out);
					continue;
				}
				if (substitution(ps, out))
					continue;
				if (c == '\n')
					ps->line++;
				sb_addn(out, ps->p, 1);
				ps->p++;
			}
			continue;
		}
		sb_addn(out, ps->p, 1);
		ps->p++;
	}
	sb_addn(out, "", 0);
	return 0;
unterminated:
	hv_err_set(ps->err, start, "unterminated %s quote", quote == '\'' ? "single" : "double");
	return -1;
}


static bool delimiter(char c)
{
	return strchr(" \t\r\n;&|()<>", c) != NULL;
}

/* The reserved word @w at ps->p, standing alone. */
static bool is_word(const struct sv_parser *ps, const char *w)
{
	size_t n = strlen(w);

	return (size_t)(ps->end - ps->p) >= n && !memcmp(ps->p, w, n) &&
	       (ps->p + n == ps->end || delimiter(ps->p[n]));
}

static bool at(const struct sv_parser *ps, const char *s)
{
	size_t n = strlen(s);

	return (size_t)(ps->end - ps->p) >= n && !memcmp(ps->p, s, n);
}

/* Blanks, then a comment up to (not over) the newline. */
static void skip_space(struct sv_parser *ps)
{
	skip_blanks(ps);
	if (ps->p < ps->end && *ps->p == '#')
		while (ps->p < ps->end && *ps->p != '\n')
			ps->p++;
}

static void skip_newlines(struct sv_parser *ps)
{
	for (;;) {
		skip_space(ps);
		if (ps->p >= ps->end || *ps->p != '\n')
			return;
		ps->p++;
		ps->line++;
	}
}

static int syntax(struct sv_parser *ps, const char *what)
{
	const char *nl = memchr(ps->p, '\n', (size_t)(ps->end - ps->p));
	size_t show = (size_t)((nl ? nl : ps->end) - ps->p);

	if (ps->p >= ps->end)
		hv_err_set(ps->err, ps->line, "%s, at the end of the file", what);
	else
		hv_err_set(ps->err, ps->line, "%s, not \"%.*s\"", what, (int)(show > 40 ? 40 : show),
			   ps->p);
	return -1;
}

static int add_var(struct shellvars *out, size_t *cap, const char *name, size_t nlen,
		   const char *value, unsigned long line, const char *unknown)
{
	struct shellvar *v;

	v = hv_grow(out->v, cap, out->n, sizeof(*v), 16);
	if (!v)
		return -1;
	out->v = v;
	v = &out->v[out->n];
	v->name = strndup(name, nlen);
	v->value = strdup(value);
	v->line = line;
	v->unknown = unknown ? strdup(unknown) : NULL;
	if (!v->name || !v->value || (unknown && !v->unknown)) {
		free(v->name);
		free(v->value);
		free(v->unknown);
		return -1;
	}
	out->n++;
	return 0;
}

/* NAME=value where the code runs @run: set, unknown, or nothing. */
static int assign(struct sv_parser *ps, enum tri run, const char *name, const char *value,
		  bool unknown_value, unsigned long line)
{
	const struct shellvar *cur;
	char why[300] = "";

	if (run == T_NO)
		return 0;
	if (unknown_value)
		snprintf(why, sizeof(why), "line %lu assigns it from a command substitution or an "
			 "unknown value", line);
	else if (run == T_MAYBE) {
		/* the same value either way is known */
		cur = shellvars_find(ps->vars, name);
		if (cur && !cur->unknown && !strcmp(cur->value, value))
			return 0;
		snprintf(why, sizeof(why), "line %lu assigns it %.270s", line, ps->why);
	}
	if (add_var(ps->vars, &ps->cap, name, strlen(name), value, line, why[0] ? why : NULL)) {
		hv_err_set(ps->err, line, "out of memory");
		return -1;
	}
	return 0;
}

static int parse_list(struct sv_parser *ps, enum tri run, const char *const *stops,
		      enum tri *status);

/*
 * The condition of an if or a loop, up to and past its @stops word ("then",
 * "do"): 0, or -1 with the error (@missing where the word never comes).
 */
static int parse_condition(struct sv_parser *ps, enum tri run, const char *const *stops,
			   enum tri *cond, const char *missing)
{
	int k;

	ps->cond++;
	k = parse_list(ps, run, stops, cond);
	ps->cond--;
	if (k != 0)
		return ps->err->msg[0] ? -1 : syntax(ps, missing);
	ps->p += strlen(stops[0]);
	return 0;
}

/* The path tests a system can answer, through the caller. */
static enum tri path_test(struct sv_parser *ps, char op, const char *path, char *why, size_t wlen)
{
	int rc;

	if (path[0] != '/') {
		snprintf(why, wlen, "-%c %.60s: a relative path", op, path);
		return T_MAYBE;
	}
	if (!ps->env || !ps->env->test_path) {
		snprintf(why, wlen, "-%c %.60s: no system to look at", op, path);
		return T_MAYBE;
	}
	rc = ps->env->test_path(ps->env->ctx, op, path);
	if (rc < 0) {
		snprintf(why, wlen, "-%c %.60s cannot be told", op, path);
		return T_MAYBE;
	}
	return rc ? T_YES : T_NO;
}

static bool integer(const char *s, long *v)
{
	char *e;

	if (!*s)
		return false;
	*v = strtol(s, &e, 10);
	return !*e;
}

/*
 * test's arguments (without [ and ]), by their number as POSIX test does;
 * @unknown marks a word whose value is not known.
 */
static enum tri eval_test(struct sv_parser *ps, char **w, const bool *unknown, unsigned int n,
			  char *why, size_t wlen)
{
	static const char *const ints[] = { "-eq", "-ne", "-lt", "-le", "-gt", "-ge" };
	unsigned int i;
	long a, b;

	for (i = 0; i < n; i++)
		if (unknown[i]) {
			snprintf(why, wlen, "it tests a value that is not known");
			return T_MAYBE;
		}
	switch (n) {
	case 0:
		return T_NO;
	case 1:
		return *w[0] ? T_YES : T_NO;
	case 2:
		if (!strcmp(w[0], "!"))
			return *w[1] ? T_NO : T_YES;
		if (!strcmp(w[0], "-n") || !strcmp(w[0], "-z"))
			return (*w[1] != '\0') == (w[0][1] == 'n') ? T_YES : T_NO;
		if (!strcmp(w[0], "-d") || !strcmp(w[0], "-e") || !strcmp(w[0], "-f"))
			return path_test(ps, w[0][1], w[1], why, wlen);
		break;
	case 3:
		if (!strcmp(w[1], "=") || !strcmp(w[1], "!="))
			return !strcmp(w[0], w[2]) == (w[1][0] == '=') ? T_YES : T_NO;
		for (i = 0; i < 6; i++)
			if (!strcmp(w[1], ints[i]) && integer(w[0], &a) && integer(w[2], &b)) {
				bool r[6] = { a == b, a != b, a < b, a <= b, a > b, a >= b };

				return r[i] ? T_YES : T_NO;
			}
		if (!strcmp(w[0], "!"))
			return tri_not(eval_test(ps, w + 1, unknown + 1, 2, why, wlen));
		break;
	case 4:
		if (!strcmp(w[0], "!"))
			return tri_not(eval_test(ps, w + 1, unknown + 1, 3, why, wlen));
		break;
	default:
		break;
	}
	snprintf(why, wlen, "not a test hvkdump evaluates (%s%s%s)", n ? w[0] : "",
		 n > 1 ? " " : "", n > 1 ? w[1] : "");
	return T_MAYBE;
}

/* Builtins that may change any variable: nothing after them can be known. */
static bool changes_variables(const char *cmd)
{
	static const char *const cmds[] = {
		".", "source", "eval", "read", "unset", "set", "shift", "getopts", "local",
		"declare", "typeset", "readonly", "exec", "exit", "return", "cd", "alias",
		"trap", "let", "printf", "mapfile", "readarray", "unalias",
	};
	size_t i;

	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (!strcmp(cmd, cmds[i]))
			return true;
	return false;
}

struct sv_words {
	char *w[SV_MAX_WORDS];
	bool unknown[SV_MAX_WORDS];
	unsigned int n;
};

static void words_free(struct sv_words *ws)
{
	while (ws->n)
		free(ws->w[--ws->n]);
}

/* One word at ps->p into @ws; -1 on a syntax error (with ps->err). */
static int take_word(struct sv_parser *ps, struct sv_words *ws)
{
	struct strbuf w = STRBUF_INIT;

	if (ws->n == SV_MAX_WORDS) {
		hv_err_set(ps->err, ps->line, "more than %d words in a command", SV_MAX_WORDS);
		return -1;
	}
	ps->cmdsub = false;
	if (read_word(ps, &w)) {
		sb_release(&w);
		return -1;
	}
	ws->w[ws->n] = strdup(w.oom ? "" : sb_str(&w));
	sb_release(&w);
	if (!ws->w[ws->n]) {
		hv_err_set(ps->err, ps->line, "out of memory");
		return -1;
	}
	ws->unknown[ws->n++] = ps->cmdsub;
	return 0;
}

/* A redirection at ps->p (>, >>, <, 2>&1 ...): skipped with its word. */
static int skip_redirection(struct sv_parser *ps)
{
	struct sv_words ws = { .n = 0 };

	while (ps->p < ps->end && strchr("<>&", *ps->p))
		ps->p++;
	skip_blanks(ps);
	if (take_word(ps, &ws))
		return -1;
	words_free(&ws);
	return 0;
}

/* NAME= at ps->p: its length, else 0. */
static size_t assignment_name(const struct sv_parser *ps)
{
	const char *q = ps->p;

	while (q < ps->end && name_char(*q, q == ps->p))
		q++;
	return q > ps->p && q < ps->end && *q == '=' ? (size_t)(q - ps->p) : 0;
}

/* A simple command as read: NAME=value prefixes, then words. */
struct sv_command {
	struct sv_words names, values, ws;
	bool exported, unknown_value;
	unsigned long line;
	const char *start;
};

/* [export] NAME=value ... at ps->p into @c; -1 with ps->err. */
static int take_assignments(struct sv_parser *ps, struct sv_command *c)
{
	size_t n;

	for (;;) {
		skip_blanks(ps);
		if (!c->exported && ps->end - ps->p > 7 && !memcmp(ps->p, "export", 6) &&
		    (ps->p[6] == ' ' || ps->p[6] == '\t')) {
			c->exported = true;
			ps->p += 6;
			continue;
		}
		if (!(n = assignment_name(ps)) || c->names.n == SV_MAX_WORDS)
			return 0;
		c->names.w[c->names.n] = strndup(ps->p, n);
		if (!c->names.w[c->names.n]) {
			hv_err_set(ps->err, c->line, "out of memory");
			return -1;
		}
		c->names.unknown[c->names.n++] = false;
		ps->p += n + 1;
		if (take_word(ps, &c->values))
			return -1;
		c->unknown_value |= c->values.unknown[c->values.n - 1];
	}
}

/* The words up to the command's end into @c, redirections skipped; -1 with ps->err. */
static int take_words(struct sv_parser *ps, struct sv_command *c)
{
	for (;;) {
		skip_space(ps);
		if (ps->p >= ps->end || strchr("\n;&|()", *ps->p))
			return 0;
		if (strchr("<>", *ps->p) || (isdigit((unsigned char)*ps->p) &&
					     ps->p + 1 < ps->end && strchr("<>", ps->p[1]))) {
			ps->p += isdigit((unsigned char)*ps->p) ? 1 : 0;
			if (skip_redirection(ps))
				return -1;
			continue;
		}
		if (take_word(ps, &c->ws))
			return -1;
	}
}

/* test or [ as @c's command: its status in @status; -1 with ps->err. */
static int run_test(struct sv_parser *ps, struct sv_command *c, enum tri *status)
{
	const char *cmd = c->ws.w[0];
	char why[140] = "";
	unsigned int k = c->ws.n - 1;

	if (cmd[0] == '[' && (!k || strcmp(c->ws.w[k], "]"))) {
		hv_err_set(ps->err, c->line, "[ without ]");
		return -1;
	}
	k -= cmd[0] == '[';
	*status = eval_test(ps, c->ws.w + 1, c->ws.unknown + 1, k, why, sizeof(why));
	if (*status == T_MAYBE)
		hv_strcopy(ps->status_why, sizeof(ps->status_why), why);
	return 0;
}

/* @c's command word (not export): its status in @status; -1 with ps->err. */
static int run_command(struct sv_parser *ps, struct sv_command *c, enum tri *status)
{
	const char *cmd = c->ws.w[0];

	if (c->names.n && strcmp(cmd, ":")) {
		/* sh runs the next word as a command with NAME= in its environment */
		hv_err_set(ps->err, c->line, "more than one word after %s= (quote the value)",
			   c->names.w[0]);
		return -1;
	}
	if (c->ws.unknown[0]) {
		*status = T_MAYBE;
		snprintf(ps->status_why, sizeof(ps->status_why), "a command whose name is "
			 "not known");
	} else if (changes_variables(cmd)) {
		hv_err_set(ps->err, c->line, "%s: a command that may change any variable; "
			   "hvkdump does not run it", cmd);
		return -1;
	} else if (!strcmp(cmd, "[") || !strcmp(cmd, "test")) {
		return run_test(ps, c, status);
	} else if (!strcmp(cmd, "true") || !strcmp(cmd, ":")) {
		*status = T_YES;
	} else if (!strcmp(cmd, "false")) {
		*status = T_NO;
	} else {
		*status = T_MAYBE;
		snprintf(ps->status_why, sizeof(ps->status_why), "it runs %.60s, which "
			 "hvkdump does not run", cmd);
		ps->unknown_cmd = c->start;
		ps->unknown_line = c->line;
	}
	return 0;
}

/* A simple command: assignments, words, redirections; its status in @status. */
static int simple_command(struct sv_parser *ps, enum tri run, enum tri *status)
{
	struct sv_command c = { .line = ps->line, .start = ps->p };
	unsigned int i;
	int rc = -1;

	if (take_assignments(ps, &c) || take_words(ps, &c))
		goto out;
	if (!c.names.n && !c.ws.n && !c.exported) {
		rc = syntax(ps, "expected a command");
		goto out;
	}
	*status = c.unknown_value ? T_MAYBE : T_YES;
	if (c.unknown_value)
		snprintf(ps->status_why, sizeof(ps->status_why), "a command substitution's "
			 "status");
	if (c.ws.n && !c.exported && !c.names.n && !c.ws.unknown[0] && strchr(c.ws.w[0], '=')) {
		/* sh would run it as a command: a misspelt assignment, most likely */
		const char *nl = memchr(c.start, '\n', (size_t)(ps->end - c.start));
		size_t show = (size_t)((nl ? nl : ps->end) - c.start);

		hv_err_set(ps->err, c.line, "expected NAME=value, not \"%.*s\"",
			   (int)(show > 60 ? 60 : show), c.start);
		goto out;
	}
	if (c.ws.n && !c.exported) {
		if (run_command(ps, &c, status))
			goto out;
		if (strcmp(c.ws.w[0], ":")) {
			rc = 0;		/* a command's NAME= prefixes do not stay */
			goto out;
		}
	}
	for (i = 0; i < c.names.n; i++)
		if (assign(ps, run, c.names.w[i], c.values.w[i], c.values.unknown[i], c.line))
			goto out;
	rc = 0;
out:
	words_free(&c.names);
	words_free(&c.values);
	words_free(&c.ws);
	return rc;
}

/* Why code runs only perhaps, from the status that decided it; restored by the caller. */
static void maybe_because(struct sv_parser *ps, enum tri run, enum tri cond, unsigned long line,
			  const char *what)
{
	if (run != T_MAYBE || ps->why[0] || cond != T_MAYBE)
		return;
	snprintf(ps->why, sizeof(ps->why), "%s (line %lu) that only sh can evaluate: %.160s",
		 what, line, ps->status_why);
}

static int expect_word(struct sv_parser *ps, const char *w, const char *ctx, unsigned long line)
{
	char what[80];

	skip_newlines(ps);
	if (!is_word(ps, w)) {
		snprintf(what, sizeof(what), "%s (line %lu) without %s", ctx, line, w);
		return syntax(ps, what);
	}
	ps->p += strlen(w);
	return 0;
}

/*
 * The list of one branch of an if or case (@kw), run as @branch says, up to
 * one of @stops: *@status as sh leaves it (the list's when the branch
 * surely runs, maybe when it may). What made the branch conditional is
 * forgotten after it (@saved). parse_list()'s answer; -1 with the error
 * "@kw (line @line) without fi/esac" when the list ends at no stop.
 */
static int parse_branch(struct sv_parser *ps, enum tri branch, const char *const *stops,
			const char *saved, const char *kw, unsigned long line, enum tri *status)
{
	enum tri st;
	int k = parse_list(ps, branch, stops, &st);

	memcpy(ps->why, saved, sizeof(ps->why));
	if (k < 0) {
		char what[64];

		snprintf(what, sizeof(what), "%s (line %lu) without %s", kw, line,
			 strcmp(kw, "if") ? "esac" : "fi");
		return ps->err->msg[0] ? -1 : syntax(ps, what);
	}
	*status = branch == T_YES ? st : branch == T_MAYBE ? T_MAYBE : *status;
	return k;
}

static int parse_if(struct sv_parser *ps, enum tri run, enum tri *status)
{
	static const char *const then_[] = { "then", NULL };
	static const char *const rest[] = { "elif", "else", "fi", NULL };
	static const char *const fi[] = { "fi", NULL };
	unsigned long line = ps->line;
	enum tri remaining = T_YES, cond = T_MAYBE, branch;
	char saved[sizeof(ps->why)];
	int k;

	memcpy(saved, ps->why, sizeof(saved));
	ps->p += 2;
	*status = T_YES;
	for (;;) {
		enum tri crun = tri_and(run, remaining);
		unsigned long cline = ps->line;

		if (parse_condition(ps, crun, then_, &cond, "if without then") != 0)
			return -1;
		branch = tri_and(crun, cond);
		maybe_because(ps, branch, cond, cline, "under a condition");
		k = parse_branch(ps, branch, rest, saved, "if", line, status);
		if (k < 0)
			return -1;
		remaining = tri_and(remaining, tri_not(cond));
		if (k == 0) {
			ps->p += 4;
			continue;
		}
		if (k == 1) {
			ps->p += 4;
			branch = tri_and(run, remaining);
			maybe_because(ps, branch, T_MAYBE, cline, "in the else of a condition");
			if (parse_branch(ps, branch, fi, saved, "if", line, status) < 0)
				return -1;
		}
		ps->p += 2;
		return 0;
	}
}

static int parse_case(struct sv_parser *ps, enum tri run, enum tri *status)
{
	static const char *const ends[] = { ";;", "esac", NULL };
	struct sv_words subject = { .n = 0 };
	unsigned long line = ps->line;
	enum tri remaining = T_YES;
	char saved[sizeof(ps->why)];
	int rc = -1, k;

	memcpy(saved, ps->why, sizeof(saved));
	ps->p += 4;
	skip_blanks(ps);
	if (take_word(ps, &subject) || expect_word(ps, "in", "case", line))
		goto out;
	*status = T_YES;
	for (;;) {
		enum tri match = T_NO, branch;
		unsigned long pline;

		skip_newlines(ps);
		if (is_word(ps, "esac")) {
			ps->p += 4;
			rc = 0;
			goto out;
		}
		if (ps->p >= ps->end) {
			char what[64];

			snprintf(what, sizeof(what), "case (line %lu) without esac", line);
			syntax(ps, what);
			goto out;
		}
		pline = ps->line;
		if (*ps->p == '(')
			ps->p++;
		for (;;) {
			struct sv_words pat = { .n = 0 };

			skip_blanks(ps);
			if (take_word(ps, &pat))
				goto out;
			if (subject.unknown[0] || pat.unknown[0]) {
				match = match == T_YES ? T_YES : T_MAYBE;
				snprintf(ps->status_why, sizeof(ps->status_why), "a value that is not "
					 "known");
			} else if (!fnmatch(pat.w[0], subject.w[0], 0)) {
				match = T_YES;
			}
			words_free(&pat);
			skip_blanks(ps);
			if (ps->p < ps->end && *ps->p == '|' && !at(ps, "||")) {
				ps->p++;
				continue;
			}
			if (ps->p < ps->end && *ps->p == ')') {
				ps->p++;
				break;
			}
			syntax(ps, "a case pattern without )");
			goto out;
		}
		branch = tri_and(tri_and(run, remaining), match);
		remaining = tri_and(remaining, tri_not(match));
		maybe_because(ps, branch, match, pline, "under a case pattern");
		k = parse_branch(ps, branch, ends, saved, "case", line, status);
		if (k < 0)
			goto out;
		if (k == 0)
			ps->p += 2;
	}
out:
	words_free(&subject);
	return rc;
}

/* for, while, until: how often the body runs is not known here. */
static int parse_loop(struct sv_parser *ps, enum tri run, enum tri *status)
{
	static const char *const do_[] = { "do", NULL };
	static const char *const done[] = { "done", NULL };
	unsigned long line = ps->line;
	char saved[sizeof(ps->why)];
	enum tri body = tri_and(run, T_MAYBE), st = T_MAYBE;

	memcpy(saved, ps->why, sizeof(saved));
	if (!ps->why[0])
		snprintf(ps->why, sizeof(ps->why), "inside a loop (line %lu) that hvkdump does not "
			 "run", line);
	if (is_word(ps, "for")) {
		struct sv_words ws = { .n = 0 };

		ps->p += 3;
		skip_blanks(ps);
		if (take_word(ps, &ws))
			return -1;
		skip_space(ps);
		if (is_word(ps, "in")) {
			ps->p += 2;
			for (;;) {
				skip_space(ps);
				if (ps->p >= ps->end || strchr("\n;", *ps->p))
					break;
				if (take_word(ps, &ws)) {
					words_free(&ws);
					return -1;
				}
			}
			if (ws.n == 1)
				body = T_NO;
		}
		words_free(&ws);
		if (ps->p < ps->end && *ps->p == ';')
			ps->p++;
		if (expect_word(ps, "do", "for", line))
			return -1;
	} else {
		ps->p += 5;	/* while, until */
		if (parse_condition(ps, body, do_, &st, "a loop without do") != 0)
			return -1;
	}
	if (parse_list(ps, body, done, &st) != 0)
		return ps->err->msg[0] ? -1 : syntax(ps, "a loop without done");
	ps->p += 4;
	memcpy(ps->why, saved, sizeof(saved));
	*status = T_MAYBE;
	snprintf(ps->status_why, sizeof(ps->status_why), "a loop's status (line %lu)", line);
	return 0;
}

static int parse_command(struct sv_parser *ps, enum tri run, enum tri *status)
{
	static const char *const brace[] = { "}", NULL };
	static const char *const paren[] = { ")", NULL };
	int rc;

	skip_blanks(ps);
	if (++ps->depth > SV_MAX_DEPTH) {
		hv_err_set(ps->err, ps->line, "nested deeper than %d", SV_MAX_DEPTH);
		return -1;
	}
	if (is_word(ps, "if")) {
		rc = parse_if(ps, run, status);
	} else if (is_word(ps, "case")) {
		rc = parse_case(ps, run, status);
	} else if (is_word(ps, "for") || is_word(ps, "while") || is_word(ps, "until")) {
		rc = parse_loop(ps, run, status);
	} else if (is_word(ps, "{")) {
		ps->p++;
		rc = parse_list(ps, run, brace, status) == 0 ? 0 :
		     ps->err->msg[0] ? -1 : syntax(ps, "{ without }");
		ps->p += !rc;
	} else if (ps->p < ps->end && *ps->p == '(') {
		/* a subshell: its assignments do not stay */
		ps->p++;
		rc = parse_list(ps, T_NO, paren, status) == 0 ? 0 :
		     ps->err->msg[0] ? -1 : syntax(ps, "( without )");
		ps->p += !rc;
	} else if (is_word(ps, "then") || is_word(ps, "elif") || is_word(ps, "else") ||
		   is_word(ps, "fi") || is_word(ps, "do") || is_word(ps, "done") ||
		   is_word(ps, "esac") || is_word(ps, "in") || is_word(ps, "}")) {
		rc = syntax(ps, "a reserved word out of place");
	} else {
		rc = simple_command(ps, run, status);
	}
	ps->depth--;
	return rc;
}

static int parse_pipeline(struct sv_parser *ps, enum tri run, enum tri *status)
{
	bool bang = false;

	skip_blanks(ps);
	if (is_word(ps, "!")) {
		bang = true;
		ps->p++;
	}
	if (parse_command(ps, run, status))
		return -1;
	skip_space(ps);
	if (ps->p < ps->end && *ps->p == '|' && !at(ps, "||")) {
		hv_err_set(ps->err, ps->line, "a pipeline (|): hvkdump does not evaluate it");
		return -1;
	}
	if (bang)
		*status = tri_not(*status);
	return 0;
}

/* A && B || C ...: each runs as the status before it says. */
static int parse_and_or(struct sv_parser *ps, enum tri run, enum tri *status)
{
	char saved[sizeof(ps->why)];

	ps->unknown_cmd = NULL;
	if (parse_pipeline(ps, run, status))
		return -1;
	skip_space(ps);
	if (ps->unknown_cmd && !ps->cond && !at(ps, "&&") && !at(ps, "||")) {
		/* a command whose status decides nothing: not a line of this file's kind */
		const char *nl = memchr(ps->unknown_cmd, '\n', (size_t)(ps->end - ps->unknown_cmd));
		size_t show = (size_t)((nl ? nl : ps->end) - ps->unknown_cmd);

		hv_err_set(ps->err, ps->unknown_line, "expected NAME=value, not \"%.*s\"",
			   (int)(show > 60 ? 60 : show), ps->unknown_cmd);
		return -1;
	}
	memcpy(saved, ps->why, sizeof(saved));
	for (;;) {
		bool and_;
		enum tri next, st = T_MAYBE;
		unsigned long line = ps->line;

		skip_space(ps);
		if (!at(ps, "&&") && !at(ps, "||"))
			break;
		and_ = ps->p[0] == '&';
		ps->p += 2;
		skip_newlines(ps);
		next = tri_and(run, and_ ? *status : tri_not(*status));
		maybe_because(ps, next, *status, line, and_ ? "after &&, under a condition" :
			      "after ||, under a condition");
		if (parse_pipeline(ps, next, &st))
			return -1;
		memcpy(ps->why, saved, sizeof(saved));
		if (and_)
			*status = *status == T_NO ? T_NO : *status == T_YES ? st :
				  st == T_NO ? T_NO : T_MAYBE;
		else
			*status = *status == T_YES ? T_YES : *status == T_NO ? st :
				  st == T_YES ? T_YES : T_MAYBE;
	}
	return 0;
}

/*
 * Commands up to one of @stops (reserved words, or ";;", ")", "}") at a
 * command's place: its index, -1 at the end of the file, -2 on an error.
 */
static int parse_list(struct sv_parser *ps, enum tri run, const char *const *stops,
		      enum tri *status)
{
	unsigned int i;

	*status = T_YES;
	for (;;) {
		skip_newlines(ps);
		if (ps->p < ps->end && *ps->p == ';' && !at(ps, ";;")) {
			ps->p++;
			continue;
		}
		if (ps->p >= ps->end)
			return -1;
		for (i = 0; stops && stops[i]; i++)
			if (isalpha((unsigned char)stops[i][0]) || stops[i][0] == '}' ?
			    is_word(ps, stops[i]) : at(ps, stops[i]))
				return (int)i;
		if (parse_and_or(ps, run, status))
			return -2;
		skip_space(ps);
		if (ps->p >= ps->end || *ps->p == '\n')
			continue;
		if ((*ps->p == ';' && !at(ps, ";;")) || (*ps->p == '&' && !at(ps, "&&"))) {
			ps->p++;
			continue;
		}
		if (at(ps, ";;") || *ps->p == ')' || *ps->p == '}')
			continue;
		syntax(ps, "expected the end of the command");
		return -2;
	}
}

int shellvars_parse_env(const char *text, size_t len, const struct shellvars_env *env,
			struct shellvars *out, struct hv_err *err)
{
	struct hv_err local = { 0, "" };
	struct sv_parser ps = { .p = text, .end = text + len, .line = 1, .err = err ? err : &local,
				.vars = out, .env = env };
	enum tri status = T_YES;
	int k;

	err = ps.err;

	memset(out, 0, sizeof(*out));
	hv_err_set(err, 0, "%s", "");
	if (memchr(text, '\0', len)) {
		hv_err_set(err, 0, "NUL byte: not a shell assignment file");
		return -1;
	}
	k = parse_list(&ps, T_YES, NULL, &status);
	if (k == -1)
		return 0;
	if (!err->msg[0])
		syntax(&ps, "unexpected");
	shellvars_free(out);
	return -1;
}

int shellvars_parse(const char *text, size_t len, struct shellvars *out, struct hv_err *err)
{
	return shellvars_parse_env(text, len, NULL, out, err);
}

const struct shellvar *shellvars_find(const struct shellvars *sv, const char *name)
{
	size_t i = sv->n;

	while (i-- > 0)
		if (!strcmp(sv->v[i].name, name))
			return &sv->v[i];
	return NULL;
}

const char *shellvars_get(const struct shellvars *sv, const char *name)
{
	const struct shellvar *v = shellvars_find(sv, name);

	return v && !v->unknown ? v->value : NULL;
}

void shellvars_free(struct shellvars *sv)
{
	size_t i;

	for (i = 0; i < sv->n; i++) {
		free(sv->v[i].name);
		free(sv->v[i].value);
		free(sv->v[i].unknown);
	}
	free(sv->v);
	sv->v = NULL;
	sv->n = 0;
}
