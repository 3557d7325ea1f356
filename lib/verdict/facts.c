// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/strcopy.h"
#include "facts.h"

const char *fact_name(enum fact_id id)
{
	return id < F_COUNT ? fact_table[id].name : "?";
}

static void fact_vset(struct facts *fs, enum fact_id id, bool known, const char *source,
		      const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));

static void fact_vset(struct facts *fs, enum fact_id id, bool known, const char *source,
		      const char *fmt, va_list ap)
{
	struct fact *f = &fs->f[id];

	f->known = known;
	f->needs_root = false;
	hv_strcopy(f->source, sizeof(f->source), source);
	vsnprintf(f->value, sizeof(f->value), fmt, ap);
}

void fact_set(struct facts *fs, enum fact_id id, const char *source, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fact_vset(fs, id, true, source, fmt, ap);
	va_end(ap);
}

void fact_unknown(struct facts *fs, enum fact_id id, const char *source, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fact_vset(fs, id, false, source, fmt, ap);
	va_end(ap);
}

void fact_denied(struct facts *fs, enum fact_id id, const char *source, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fact_vset(fs, id, false, source, fmt, ap);
	va_end(ap);
	fs->f[id].needs_root = true;
}

const char *fact_why(const struct fact *f)
{
	static const char prefix[] = "unknown: ";

	return f->value + (strncmp(f->value, prefix, sizeof(prefix) - 1) ? 0 : sizeof(prefix) - 1);
}

bool facts_need_root(const struct facts *fs)
{
	unsigned int i;

	for (i = 0; i < F_COUNT; i++)
		if (!fs->f[i].known && fs->f[i].needs_root)
			return true;
	return false;
}
