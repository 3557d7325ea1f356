/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Probe a system and run the check on it: shared by check and fix. */
#ifndef HVKDUMP_CHECK_COMMON_H
#define HVKDUMP_CHECK_COMMON_H

#include "lib/verdict/check.h"
#include "probe/probe.h"

/*
 * Probes @sysroot (NULL: the live system) into @facts and, on a Hyper-V
 * guest, runs the check into @res. Returns 0 (res->applicable says whether
 * it ran), or -1 after printing the error as "@cmd: ...".
 */
int probe_and_check(const char *cmd, const char *sysroot, struct facts *facts,
		    struct check_result *res, bool trace);

#endif
