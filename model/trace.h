/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The simulation's story: each step of the model, with the kernel (or
 * kexec-tools) function it models. Story steps make the default output;
 * detail steps show with --trace.
 */
#ifndef HVKDUMP_TRACE_H
#define HVKDUMP_TRACE_H

#include <stdbool.h>
#include <stddef.h>

enum trace_phase {
	PHASE_FIRST,	/* the first kernel */
	PHASE_LOAD,	/* the kdump load: kexec and screen_info */
	PHASE_KDUMP,	/* the kdump kernel */
	PHASE_COUNT,
};

struct trace_step {
	enum trace_phase phase;
	bool detail;		/* only with --trace */
	const char *func;	/* the function modelled, e.g. "vmbus_reserve_fb" */
	char *msg;
};

struct trace {
	bool enabled;		/* off: every trace_add() is a no-op */
	bool oom;
	struct trace_step *steps;
	size_t n, cap;
};

void trace_add(struct trace *t, enum trace_phase phase, bool detail,
	       const char *func, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void trace_free(struct trace *t);
const char *trace_phase_name(enum trace_phase p);

#endif
