// SPDX-License-Identifier: GPL-2.0-or-later
/* Ours: the simulation's story, step by step (see trace.h). */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "util/array.h"
#include "trace.h"

void trace_add(struct trace *t, enum trace_phase phase, bool detail,
	       const char *func, const char *fmt, ...)
{
	struct trace_step *ns;
	va_list ap;
	char *msg;
	int n;

	if (!t || !t->enabled || t->oom)
		return;
	ns = hv_grow(t->steps, &t->cap, t->n, sizeof(*ns), 32);
	if (!ns) {
		t->oom = true;
		return;
	}
	t->steps = ns;
	va_start(ap, fmt);
	n = vasprintf(&msg, fmt, ap);
	va_end(ap);
	if (n < 0) {
		t->oom = true;
		return;
	}
	t->steps[t->n++] = (struct trace_step){ phase, detail, func, msg };
}

void trace_free(struct trace *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->steps[i].msg);
	free(t->steps);
	t->steps = NULL;
	t->n = t->cap = 0;
}

const char *trace_phase_name(enum trace_phase p)
{
	static const char *const names[] = { "first kernel", "kdump load", "kdump kernel" };

	return p < PHASE_COUNT ? names[p] : "?";
}
