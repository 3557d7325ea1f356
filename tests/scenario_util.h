/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Building a scenario from key, value, ..., NULL in a test. */
#ifndef HVKDUMP_SCENARIO_UTIL_H
#define HVKDUMP_SCENARIO_UTIL_H

#include <stdarg.h>

#include "model/scenario.h"

static inline int vbuild(struct scenario *sc, struct hv_err *err, va_list ap)
{
	struct scenario_pair pairs[32];
	unsigned int n = 0;
	const char *k;

	while ((k = va_arg(ap, const char *)) && n < 32) {
		pairs[n] = (struct scenario_pair){ .key = k, .value = va_arg(ap, const char *) };
		n++;
	}
	return scenario_build(sc, pairs, n, err);
}

static inline int build(struct scenario *sc, struct hv_err *err, ...)
{
	va_list ap;
	int rc;

	va_start(ap, err);
	rc = vbuild(sc, err, ap);
	va_end(ap);
	return rc;
}

#endif
