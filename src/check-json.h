/* SPDX-License-Identifier: GPL-2.0-or-later */
/* hvkdump check --json: the documents of doc/json.md and doc/schema/check.schema.json. */
#ifndef HVKDUMP_CHECK_JSON_H
#define HVKDUMP_CHECK_JSON_H

#include <stdbool.h>

#include "check-common.h"
#include "lib/verdict/kdump_self.h"

/* The verdict, its facts, remedies and loads; with @trace the story too. */
void check_json(const struct facts *f, const struct check_result *r, bool trace);
/* A machine that is not a Hyper-V guest. */
void check_json_not_applicable(const struct facts *f);
/* Inside a kdump kernel: its own fate, @k. */
void check_json_kdump_self(const struct facts *f, const struct kdump_self *k);

#endif
