/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The scenario options every simulating command takes: one long option
 * per scenario key (scenario_keys[] drives getopt, --help and the file
 * format), --no-hide-smem-start, and --scenario FILE whose pairs the
 * options override.
 */
#ifndef HVKDUMP_SCENARIO_OPTS_H
#define HVKDUMP_SCENARIO_OPTS_H

#include <getopt.h>
#include <stdio.h>

#include "model/scenario.h"

#define OPT_SCENARIO_FILE	0x1000
#define OPT_NO_HIDE_SMEM	0x1001
#define OPT_SCENARIO_KEY	0x1100	/* + index in scenario_keys[] */

struct scenario_opts {
	const char *cmd;		/* "simulate", for messages */
	const char *file;		/* --scenario */
	struct scenario_pair *pairs;	/* from options, in order */
	unsigned int npairs;
	size_t cap;
	struct scenario_file sf;
};

/* @extra (terminated by a NULL name) then the scenario options; free() it. */
struct option *scenario_longopts(const struct option *extra);

/* Takes option @c if it is a scenario option: 1 taken, 0 not ours, -1 error. */
int scenario_opts_take(struct scenario_opts *so, int c, const char *arg);

/* Reads --scenario, applies the pairs, checks. 0, or -1 with a message. */
int scenario_opts_build(struct scenario_opts *so, struct scenario *sc);

void scenario_opts_free(struct scenario_opts *so);

/* The scenario options for --help. */
void scenario_opts_help(FILE *out, bool full);

#endif
