/* SPDX-License-Identifier: GPL-2.0-or-later */
/* How a simulation is shown: the verdict, the story, JSON. */
#ifndef HVKDUMP_SIM_OUTPUT_H
#define HVKDUMP_SIM_OUTPUT_H

#include <stdio.h>

#include "jsonwrt.h"
#include "model/simulate.h"

/* The verdict line and its reasons. */
void sim_print_verdict(FILE *out, const struct sim_result *r);
/*
 * The same as "@label: saved" or "@label: LOST", then @note when not NULL
 * (" (assuming ...)"), then the reasons; the first kernel's own failure
 * only with @first.
 */
void sim_print_verdict_as(FILE *out, const struct sim_result *r, const char *label,
			  const char *note, bool first);
/* The story, phase by phase; with @trace every step and its function. */
void sim_print_story(FILE *out, const struct scenario *sc, const struct sim_result *r,
		     bool trace);
/* What check knows of the kernel kdump loads, for its JSON. */
struct sim_kdump_kernel_info {
	const char *release, *image, *initrd, *source;
	bool same_as_running;
	/* more members of "verdict", written before it closes */
	void (*verdict_more)(struct jsonwrt *jw, const void *ctx);
	const void *ctx;
};
/* The members of the simulation's JSON object (the caller opens it); @kk may be NULL. */
void sim_json(struct jsonwrt *jw, const struct scenario *sc, const struct sim_result *r,
	      bool trace, const struct sim_kdump_kernel_info *kk);
/*
 * Scenario key @key (as a scenario file spells it) with value @val, as a
 * JSON member: its name in snake_case, its value typed (an integer, a
 * boolean, an "0x..." string, a range, an array; hex and integer values
 * may use the scenario's K, M, G suffixes).
 */
void scenario_key_json(struct jsonwrt *jw, const char *key, const char *val);
/* A range as {"start", "end"} (hex strings), or null when not set. */
void sim_span_json(struct jsonwrt *jw, const char *name, const struct mmio_span *s);
/* "scenario" as a JSON object, each key typed as scenario_key_json() writes it. */
void scenario_json(struct jsonwrt *jw, const char *name, const struct scenario *sc);
/* One line: "azure-gen2 x86_64 Gen2, kexec-tools 2.0.22, ..." */
void scenario_summary(FILE *out, const struct scenario *sc);

#endif
