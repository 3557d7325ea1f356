/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The replay language: a script that drives the VMBus MMIO model. */
#ifndef HVKDUMP_REPLAY_H
#define HVKDUMP_REPLAY_H

#include <stdio.h>

#include "error.h"

/* Longest script line; a longer one is an error, not a truncation. */
#define REPLAY_LINE_MAX 4096

/*
 * Runs the script read from @in, writing what each command prints to
 * @out. Returns 0, or -1 with @err naming the line that stopped the run
 * (err->line 0: a failure that is not the script's, e.g. out of memory).
 */
int replay_run(FILE *in, FILE *out, struct hv_err *err);

#endif
