/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A small JSON writer for nested objects (util-linux lib/jsonwrt.c): every
 * JSON document hvkdump prints goes through it. Strings come out as valid
 * UTF-8 whatever their bytes (see jw_str()).
 */
#ifndef HVKDUMP_JSONWRT_H
#define HVKDUMP_JSONWRT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/*
 * The JSON contract's version (doc/json.md lists each change): bumped
 * whenever a key is removed, renamed or changes its type or meaning.
 */
#define HV_JSON_SCHEMA_VERSION 1

struct jsonwrt {
	FILE *out;
	int indent;
	bool first;	/* no member written yet at this level */
};

/* How many documents jw_begin() started on stdout. */
extern unsigned int jw_documents;

void jw_init(struct jsonwrt *jw, FILE *out);
/* Open/close an object or array; @name NULL inside an array. */
void jw_open(struct jsonwrt *jw, const char *name, bool array);
void jw_close(struct jsonwrt *jw, bool array);
/*
 * A string, NULL: null. A byte that is not part of valid UTF-8 is written
 * as the six characters "\\xNN" (a backslash, x, two lower-case hex digits),
 * control characters as JSON escapes.
 */
void jw_str(struct jsonwrt *jw, const char *name, const char *value);
/* The same for @len bytes of @value (no NUL needed). */
void jw_strn(struct jsonwrt *jw, const char *name, const char *value, size_t len);
void jw_bool(struct jsonwrt *jw, const char *name, bool value);
/* A tri-state: < 0 null, else the boolean. */
void jw_tristate(struct jsonwrt *jw, const char *name, int value);
void jw_u64(struct jsonwrt *jw, const char *name, uint64_t value);
void jw_i64(struct jsonwrt *jw, const char *name, int64_t value);
void jw_hex(struct jsonwrt *jw, const char *name, uint64_t value);	/* "0x..." */
void jw_null(struct jsonwrt *jw, const char *name);
/* @json written as it is: a number too large for uint64_t. */
void jw_raw(struct jsonwrt *jw, const char *name, const char *json);
/* @in with each '-' made '_' into @out (of @len): a JSON key in snake_case. */
const char *jw_snake(const char *in, char *out, size_t len);
/* "a,b" (@sep ',') as an array of strings; "" an empty one. */
void jw_list(struct jsonwrt *jw, const char *name, const char *list, char sep);
/*
 * A command line as an array of its words, as sh splits them (quotes
 * removed, nothing expanded).
 */
void jw_argv(struct jsonwrt *jw, const char *name, const char *line);
/*
 * Opens the document's object and writes what every JSON output starts
 * with: "schema_version" and "hvkdump_version".
 */
void jw_begin(struct jsonwrt *jw, FILE *out);
/* Closes the document's object and ends it with a newline. */
void jw_end(struct jsonwrt *jw);
/* Ends the document with a newline. */
void jw_finish(struct jsonwrt *jw);

#endif
