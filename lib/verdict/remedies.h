/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * hvkdump check's remedies: the changes that would save the vmcore, each
 * proven by running the model again with it (check.h's check_remedy).
 */
#ifndef HVKDUMP_REMEDIES_H
#define HVKDUMP_REMEDIES_H

#include "check.h"

/*
 * The remedies for a lost vmcore: @f the facts of the load that will stand,
 * @sc their scenario. Appended to r->remedies, smaller changes first.
 */
void remedies_find(const struct facts *f, struct check_result *r, const struct scenario *sc);

/*
 * Loading (or reloading) the crash kernel, where the kdump service's
 * systemd @unit is known and the next load's verdict proves it.
 */
void remedy_load(const struct facts *f, struct check_result *r, const char *unit);

#endif
