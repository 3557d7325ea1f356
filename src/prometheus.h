/* SPDX-License-Identifier: GPL-2.0-or-later */
/* check's verdict as node_exporter textfile-collector metrics. */
#ifndef HVKDUMP_PROMETHEUS_H
#define HVKDUMP_PROMETHEUS_H

#include "lib/verdict/check.h"

/*
 * Writes the metrics to @path through hv_write_output(): a regular file
 * atomically, so the collector never reads half a file. Returns 0 or
 * -errno.
 */
int prometheus_write(const char *path, const struct facts *f, const struct check_result *r);

#endif
