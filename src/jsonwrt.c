// SPDX-License-Identifier: GPL-2.0-or-later
#include <inttypes.h>

#include "jsonwrt.h"

void jw_init(struct jsonwrt *jw, FILE *out)
{
	jw->out = out;
	jw->indent = 0;
	jw->first = true;
}

static void json_string(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	fputc('"', out);
	for (; *p; p++) {
		switch (*p) {
		case '"': fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\n': fputs("\\n", out); break;
		case '\t': fputs("\\t", out); break;
		case '\r': fputs("\\r", out); break;
		default:
			if (*p < 0x20)
				fprintf(out, "\\u%04x", *p);
			else
				fputc(*p, out);
		}
	}
	fputc('"', out);
}

/* The comma, newline, indent and "name": before a member. */
static void member(struct jsonwrt *jw, const char *name)
{
	if (jw->indent || !jw->first)
		fputs(jw->first ? "\n" : ",\n", jw->out);
	fprintf(jw->out, "%*s", jw->indent * 2, "");
	if (name) {
		json_string(jw->out, name);
		fputs(": ", jw->out);
	}
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
	member(jw, name);
	if (value)
		json_string(jw->out, value);
	else
		fputs("null", jw->out);
}

void jw_bool(struct jsonwrt *jw, const char *name, bool value)
{
	member(jw, name);
	fputs(value ? "true" : "false", jw->out);
}

void jw_u64(struct jsonwrt *jw, const char *name, uint64_t value)
{
	member(jw, name);
	fprintf(jw->out, "%" PRIu64, value);
}

void jw_hex(struct jsonwrt *jw, const char *name, uint64_t value)
{
	member(jw, name);
	fprintf(jw->out, "\"0x%" PRIx64 "\"", value);
}

void jw_null(struct jsonwrt *jw, const char *name)
{
	member(jw, name);
	fputs("null", jw->out);
}

void jw_finish(struct jsonwrt *jw)
{
	fputc('\n', jw->out);
}
