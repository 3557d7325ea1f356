// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Shell-style assignment files, as /bin/sh would read their assignments:
 * /etc/default/kdump-tools, /etc/sysconfig/kdump, /etc/os-release. Values
 * may be unquoted, "double quoted" or 'single quoted', in pieces, spread
 * over lines by quotes or backslash-newline. No expansion is done: a $VAR
 * stays as written.
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
		   const char *value, unsigned long line)
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
	if (!v->name || !v->value) {
		free(v->name);
		free(v->value);
		return -1;
	}
	out->n++;
	return 0;
}

int shellvars_parse(const char *text, size_t len, struct shellvars *out, struct hv_err *err)
{
	struct sv_parser ps = { text, text + len, 1, err };
	struct strbuf val = STRBUF_INIT;
	size_t cap = 0;

	memset(out, 0, sizeof(*out));
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
		if (read_word(&ps, &val))
			goto fail;
		if (val.oom || add_var(out, &cap, name, nlen, sb_str(&val), line)) {
			hv_err_set(err, line, "out of memory");
			goto fail;
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

const char *shellvars_get(const struct shellvars *sv, const char *name)
{
	size_t i = sv->n;

	while (i-- > 0)
		if (!strcmp(sv->v[i].name, name))
			return sv->v[i].value;
	return NULL;
}

void shellvars_free(struct shellvars *sv)
{
	size_t i;

	for (i = 0; i < sv->n; i++) {
		free(sv->v[i].name);
		free(sv->v[i].value);
	}
	free(sv->v);
	sv->v = NULL;
	sv->n = 0;
}
