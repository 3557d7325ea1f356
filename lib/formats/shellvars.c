// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Shell-style assignment files, as /bin/sh would read their assignments:
 * /etc/default/kdump-tools, /etc/sysconfig/kdump, /etc/os-release. Values
 * may be unquoted, "double quoted" or 'single quoted', in pieces, spread
 * over lines by quotes or backslash-newline. $NAME, ${NAME}, ${NAME:-word}
 * and ${NAME-word} expand from the assignments before them (as sourcing
 * does; anything else is empty). What sh would decide at run time is
 * unknown, with its line: an assignment inside if/case/for/while, or one
 * with a command substitution ($(...) or `...`).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util/array.h"
#include "parsers.h"
#include "lib/util/strbuf.h"

struct sv_parser {
	const char *p, *end;
	unsigned long line;
	struct hv_err *err;
	const struct shellvars *vars;	/* the assignments so far, for $NAME */
	bool cmdsub;			/* the word had a command substitution */
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

/* Skips to the start of the next line. */
static void skip_line(struct sv_parser *ps)
{
	const char *nl = memchr(ps->p, '\n', (size_t)(ps->end - ps->p));

	ps->p = nl ? nl + 1 : ps->end;
	ps->line++;
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

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ';')
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

/* A shell keyword that opens or closes a compound command, at ps->p: +1, -1, 0 or 2 (other). */
static int keyword(const struct sv_parser *ps, size_t *len)
{
	static const struct { const char *w; int depth; } kw[] = {
		{ "if", 1 }, { "case", 1 }, { "for", 1 }, { "while", 1 }, { "until", 1 },
		{ "fi", -1 }, { "esac", -1 }, { "done", -1 },
		{ "then", 0 }, { "else", 0 }, { "elif", 0 }, { "do", 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(kw) / sizeof(kw[0]); i++) {
		size_t n = strlen(kw[i].w);

		if ((size_t)(ps->end - ps->p) >= n && !memcmp(ps->p, kw[i].w, n) &&
		    (ps->p + n == ps->end || strchr(" \t\n;", ps->p[n]))) {
			*len = n;
			return kw[i].depth;
		}
	}
	return 2;
}

int shellvars_parse(const char *text, size_t len, struct shellvars *out, struct hv_err *err)
{
	struct sv_parser ps = { text, text + len, 1, err, NULL, false };
	struct strbuf val = STRBUF_INIT;
	size_t cap = 0, kwlen;
	unsigned long depth = 0, depth_line = 0;
	int k;

	memset(out, 0, sizeof(*out));
	ps.vars = out;
	if (memchr(text, '\0', len)) {
		hv_err_set(err, 0, "NUL byte: not a shell assignment file");
		return -1;
	}
	while (ps.p < ps.end) {
		const char *name;
		unsigned long line;
		size_t nlen;

		skip_blanks(&ps);
		if (ps.p >= ps.end)
			break;
		if (*ps.p == '\n') {
			ps.p++;
			ps.line++;
			continue;
		}
		if (*ps.p == '#') {
			skip_line(&ps);
			continue;
		}
		if (*ps.p == ';') {
			ps.p++;
			continue;
		}
		k = keyword(&ps, &kwlen);
		if (k != 2) {
			/* the structure of if/case/for/while: its tests are not evaluated */
			if (k > 0 && !depth++)
				depth_line = ps.line;
			if (k < 0 && depth)
				depth--;
			if (k > 0 || !strncmp(ps.p, "then", 4) || !strncmp(ps.p, "else", 4) ||
			    !strncmp(ps.p, "do", 2)) {
				ps.p += kwlen;
				/* "if [ ... ]; then": the test up to ';' or the line's end */
				if (!strncmp(ps.p - kwlen, "if", 2) || !strncmp(ps.p - kwlen, "elif", 4) ||
				    !strncmp(ps.p - kwlen, "while", 5) || !strncmp(ps.p - kwlen, "until", 5) ||
				    !strncmp(ps.p - kwlen, "case", 4) || !strncmp(ps.p - kwlen, "for", 3)) {
					while (ps.p < ps.end && *ps.p != ';' && *ps.p != '\n')
						ps.p++;
				}
			} else {
				ps.p += kwlen;
			}
			continue;
		}
		if (ps.end - ps.p > 7 && !memcmp(ps.p, "export", 6) &&
		    (ps.p[6] == ' ' || ps.p[6] == '\t')) {
			ps.p += 6;
			skip_blanks(&ps);
		}
		line = ps.line;
		name = ps.p;
		while (ps.p < ps.end && name_char(*ps.p, ps.p == name))
			ps.p++;
		nlen = (size_t)(ps.p - name);
		if (!nlen || ps.p >= ps.end || *ps.p != '=') {
			const char *nl = memchr(name, '\n', (size_t)(ps.end - name));
			size_t show = (size_t)((nl ? nl : ps.end) - name);

			hv_err_set(err, line, "expected NAME=value, not \"%.*s\"",
				   (int)(show > 60 ? 60 : show), name);
			goto fail;
		}
		ps.p++;
		sb_reset(&val);
		ps.cmdsub = false;
		if (read_word(&ps, &val))
			goto fail;
		{
			char why[96] = "";

			if (depth)
				snprintf(why, sizeof(why), "line %lu assigns it inside a conditional "
					 "(from line %lu) that only sh can evaluate", line, depth_line);
			else if (ps.cmdsub)
				snprintf(why, sizeof(why), "line %lu assigns it from a command "
					 "substitution or an unknown value", line);
			if (val.oom || add_var(out, &cap, name, nlen, sb_str(&val), line,
					       why[0] ? why : NULL)) {
				hv_err_set(err, line, "out of memory");
				goto fail;
			}
		}
		skip_blanks(&ps);
		if (ps.p < ps.end && *ps.p == '#')
			skip_line(&ps);
		else if (ps.p < ps.end && *ps.p != '\n' && *ps.p != ';') {
			hv_err_set(err, ps.line, "more than one word after %.*s= (quote the value)",
				   (int)nlen, name);
			goto fail;
		}
	}
	sb_release(&val);
	return 0;
fail:
	sb_release(&val);
	shellvars_free(out);
	return -1;
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
