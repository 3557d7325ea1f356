/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A small JSON writer for nested objects (util-linux lib/jsonwrt.c):
 * libsmartcols writes our tables, this writes the one-object reports.
 */
#ifndef HVKDUMP_JSONWRT_H
#define HVKDUMP_JSONWRT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct jsonwrt {
	FILE *out;
	int indent;
	bool first;	/* no member written yet at this level */
};

void jw_init(struct jsonwrt *jw, FILE *out);
/* Open/close an object or array; @name NULL inside an array. */
void jw_open(struct jsonwrt *jw, const char *name, bool array);
void jw_close(struct jsonwrt *jw, bool array);
void jw_str(struct jsonwrt *jw, const char *name, const char *value);	/* NULL: null */
void jw_bool(struct jsonwrt *jw, const char *name, bool value);
void jw_u64(struct jsonwrt *jw, const char *name, uint64_t value);
void jw_hex(struct jsonwrt *jw, const char *name, uint64_t value);	/* "0x..." */
void jw_null(struct jsonwrt *jw, const char *name);
/* Ends the document with a newline. */
void jw_finish(struct jsonwrt *jw);

#endif
