// SPDX-License-Identifier: GPL-2.0-or-later
#include <inttypes.h>
#include <string.h>

#include "jsonwrt.h"

unsigned int jw_documents;

void jw_init(struct jsonwrt *jw, FILE *out)
{
	jw->out = out;
	jw->indent = 0;
	jw->first = true;
}

/*
 * The length of the valid UTF-8 sequence at @p (of @n bytes left), 0 when
 * it is not one: no overlong form, no surrogate, nothing past U+10FFFF
 * (RFC 3629, section 4).
 */
static size_t utf8_seq(const unsigned char *p, size_t n)
{
	size_t len, i;
	unsigned char lo = 0x80, hi = 0xbf;

	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		len = 2;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		len = 3;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		len = 4;
	else
		return 0;
	if (len > n)
		return 0;
	if (p[0] == 0xe0)
		lo = 0xa0;
	else if (p[0] == 0xed)
		hi = 0x9f;
	else if (p[0] == 0xf0)
		lo = 0x90;
	else if (p[0] == 0xf4)
		hi = 0x8f;
	if (p[1] < lo || p[1] > hi)
		return 0;
	for (i = 2; i < len; i++)
		if (p[i] < 0x80 || p[i] > 0xbf)
			return 0;
	return len;
}

static void json_string_slow(FILE *out, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;

	fputc('"', out);
	while (p < end) {
		const unsigned char *run = p;
		size_t len;

		/* printable ASCII but the two escaped: written a run at a time */
		while (p < end && *p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\')
			p++;
		if (p > run)
			fwrite(run, 1, (size_t)(p - run), out);
		if (p == end)
			break;
		switch (*p) {
		case '"': fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\n': fputs("\\n", out); break;
		case '\t': fputs("\\t", out); break;
		case '\r': fputs("\\r", out); break;
		default:
			if (*p < 0x20 || *p == 0x7f) {
				fprintf(out, "\\u%04x", *p);
			} else if (*p < 0x80) {
				fputc(*p, out);
			} else if ((len = utf8_seq(p, (size_t)(end - p)))) {
				fwrite(p, 1, len, out);
				p += len;
				continue;
			} else {
				fprintf(out, "\\\\x%02x", *p);
			}
		}
		p++;
	}
	fputc('"', out);
}

/* Bytes of @s (of @n) that need no escaping: printable ASCII but '"' and '\\'. */
static size_t plain_run(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\')
			break;
	}
	return i;
}

/*
 * @s as a JSON string; one that needs no escaping, the common case, in one
 * write with its quotes (each stdio call costs more than the bytes).
 */
static void json_string(FILE *out, const char *s, size_t n)
{
	char buf[256];

	if (n + 2 <= sizeof(buf) && plain_run(s, n) == n) {
		buf[0] = '"';
		memcpy(buf + 1, s, n);
		buf[n + 1] = '"';
		fwrite(buf, 1, n + 2, out);
		return;
	}
	json_string_slow(out, s, n);
}

/* The comma, newline, indent and "name": before a member, a piece at a time. */
static void member_slow(struct jsonwrt *jw, const char *name)
{
	static const char spaces[] = "                                ";
	size_t pad = (size_t)jw->indent * 2;

	if (jw->indent || !jw->first)
		fputs(jw->first ? "\n" : ",\n", jw->out);
	for (; pad > sizeof(spaces) - 1; pad -= sizeof(spaces) - 1)
		fwrite(spaces, 1, sizeof(spaces) - 1, jw->out);
	fwrite(spaces, 1, pad, jw->out);
	if (name) {
		json_string(jw->out, name, strlen(name));
		fputs(": ", jw->out);
	}
	jw->first = false;
}

/*
 * The comma, newline, indent and "name": before a member, in one write
 * (a name that needs escaping, or a deep one, goes the long way).
 */
static void member(struct jsonwrt *jw, const char *name)
{
	size_t pad = (size_t)jw->indent * 2, nlen = name ? strlen(name) : 0, len = 0;
	char buf[160];

	if (pad + nlen + 6 > sizeof(buf) || (name && plain_run(name, nlen) != nlen)) {
		member_slow(jw, name);
		return;
	}
	if (jw->indent || !jw->first) {
		if (!jw->first)
			buf[len++] = ',';
		buf[len++] = '\n';
	}
	memset(buf + len, ' ', pad);
	len += pad;
	if (name) {
		buf[len++] = '"';
		/* NOLINTNEXTLINE(bugprone-not-null-terminated-result): bytes of a line, no string */
		memcpy(buf + len, name, nlen);
		len += nlen;
		buf[len++] = '"';
		buf[len++] = ':';
		buf[len++] = ' ';
	}
	fwrite(buf, 1, len, jw->out);
	jw->first = false;
}

void jw_open(struct jsonwrt *jw, const char *name, bool array)
{
	member(jw, name);
	fputc(array ? '[' : '{', jw->out);
	jw->indent++;
	jw->first = true;
}

void jw_close(struct jsonwrt *jw, bool array)
{
	jw->indent--;
	if (!jw->first)
		fprintf(jw->out, "\n%*s", jw->indent * 2, "");
	fputc(array ? ']' : '}', jw->out);
	jw->first = false;
}

void jw_str(struct jsonwrt *jw, const char *name, const char *value)
{
	if (value)
		jw_strn(jw, name, value, strlen(value));
	else
		jw_null(jw, name);
}

void jw_strn(struct jsonwrt *jw, const char *name, const char *value, size_t len)
{
	member(jw, name);
	json_string(jw->out, value, len);
}

void jw_bool(struct jsonwrt *jw, const char *name, bool value)
{
	member(jw, name);
	fputs(value ? "true" : "false", jw->out);
}

void jw_tristate(struct jsonwrt *jw, const char *name, int value)
{
	if (value < 0)
		jw_null(jw, name);
	else
		jw_bool(jw, name, value);
}

/* @v in @base (10 or 16, lower case) at the end of @end; where it starts. */
static char *digits(char *end, uint64_t v, unsigned int base)
{
	do {
		*--end = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	return end;
}

void jw_u64(struct jsonwrt *jw, const char *name, uint64_t value)
{
	char buf[24], *p = digits(buf + sizeof(buf), value, 10);

	member(jw, name);
	fwrite(p, 1, (size_t)(buf + sizeof(buf) - p), jw->out);
}

void jw_i64(struct jsonwrt *jw, const char *name, int64_t value)
{
	member(jw, name);
	fprintf(jw->out, "%" PRId64, value);
}

void jw_hex(struct jsonwrt *jw, const char *name, uint64_t value)
{
	char buf[24], *p;

	buf[sizeof(buf) - 1] = '"';
	p = digits(buf + sizeof(buf) - 1, value, 16);
	*--p = 'x';
	*--p = '0';
	*--p = '"';
	member(jw, name);
	fwrite(p, 1, (size_t)(buf + sizeof(buf) - p), jw->out);
}

void jw_null(struct jsonwrt *jw, const char *name)
{
	member(jw, name);
	fputs("null", jw->out);
}

const char *jw_snake(const char *in, char *out, size_t len)
{
	size_t i;

	for (i = 0; in[i] && i + 1 < len; i++)
		out[i] = in[i] == '-' ? '_' : in[i];
	out[i] = '\0';
	return out;
}

void jw_list(struct jsonwrt *jw, const char *name, const char *list, char sep)
{
	const char *p = list;

	jw_open(jw, name, true);
	while (*p) {
		const char *end = strchr(p, sep);
		size_t n = end ? (size_t)(end - p) : strlen(p);

		jw_strn(jw, NULL, p, n);
		p += n + (p[n] == sep);
	}
	jw_close(jw, true);
}

/* The next word of @p into @word (at most @len - 1 bytes); where it ends. */
static const char *sh_word(const char *p, char *word, size_t len)
{
	size_t n = 0;
	char q = 0;

	for (; *p && (q || (*p != ' ' && *p != '\t')); p++) {
		if (!q && (*p == '"' || *p == '\''))
			q = *p;
		else if (q && *p == q)
			q = 0;
		else if (n + 1 < len)
			word[n++] = *p;
	}
	word[n] = '\0';
	return p;
}

void jw_argv(struct jsonwrt *jw, const char *name, const char *line)
{
	char word[1024];
	const char *p = line;

	jw_open(jw, name, true);
	for (;;) {
		p += strspn(p, " \t");
		if (!*p)
			break;
		p = sh_word(p, word, sizeof(word));
		jw_str(jw, NULL, word);
	}
	jw_close(jw, true);
}

void jw_raw(struct jsonwrt *jw, const char *name, const char *json)
{
	member(jw, name);
	fputs(json, jw->out);
}

void jw_begin(struct jsonwrt *jw, FILE *out)
{
	jw_init(jw, out);
	if (out == stdout)
		jw_documents++;
	jw_open(jw, NULL, false);
	jw_u64(jw, "schema_version", HV_JSON_SCHEMA_VERSION);
	jw_str(jw, "hvkdump_version", HVKDUMP_VERSION);
}

void jw_end(struct jsonwrt *jw)
{
	jw_close(jw, false);
	jw_finish(jw);
}

void jw_finish(struct jsonwrt *jw)
{
	fputc('\n', jw->out);
}
