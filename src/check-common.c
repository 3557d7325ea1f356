// SPDX-License-Identifier: GPL-2.0-or-later
#include <string.h>

#include "check-common.h"
#include "cli.h"
#include "unpack.h"

/* A sysroot must at least look like a captured system. */
static int check_sysroot(const char *cmd, const struct hv_path *pc)
{
	static const char *const dirs[] = { "/proc", "/sys", "/etc" };
	char shown[512];
	size_t i;

	for (i = 0; i < 3; i++)
		if (!hv_path_exists(pc, dirs[i]))
			return 0;
	hv_warnx("%s: %s: not a captured system: it has no /proc, /sys or /etc", cmd,
		 hv_path_shown(pc, "", shown, sizeof(shown)));
	return -1;
}

/*
 * The probe, in a frame of its own: its 18 KiB of state are gone before
 * check_run() starts, whose frames then reuse the same stack pages (each new
 * page costs a fault). Returns 0, or -1 said.
 */
static __attribute__((noinline)) int probe_sysroot(const char *cmd, const char *sysroot,
						   struct facts *facts)
{
	struct probe p = { .f = facts };
	struct hv_path pc;
	struct unpacked u = { "", "" };
	unsigned int i;
	int rc;

	/* an archive (collect's, a sos report's): read unpacked, then removed */
	if (sysroot_is_archive(sysroot)) {
		if (sysroot_unpack(cmd, sysroot, &u))
			return -1;
		sysroot = u.root;
	}
	rc = hv_path_init(&pc, sysroot);
	if (rc) {
		hv_warnx("%s: cannot open sysroot %s: %s", cmd, sysroot, strerror(-rc));
		sysroot_unpacked_free(&u);
		return -1;
	}
	if (sysroot && check_sysroot(cmd, &pc)) {
		hv_path_deinit(&pc);
		sysroot_unpacked_free(&u);
		return -1;
	}
	p.pc = &pc;
	probe_system(&p);
	hv_path_deinit(&pc);
	sysroot_unpacked_free(&u);
	/* a malformed file spoils only its own facts: said once, then the verdict */
	for (i = 0; i < p.nwarnings; i++)
		hv_warnx("%s", p.warnings[i]);
	return 0;
}

int probe_and_check(const char *cmd, const char *sysroot, struct facts *facts,
		    struct check_result *res, bool trace)
{
	struct hv_err err = { 0, "" };

	memset(res, 0, sizeof(*res));
	memset(facts, 0, sizeof(*facts));
	if (probe_sysroot(cmd, sysroot, facts))
		return -1;
	if (!facts->hyperv) {
		if (!facts->f[F_HYPERV].known) {
			hv_warnx("%s: cannot tell whether this is a Hyper-V guest: %s", cmd,
				 fact_why(&facts->f[F_HYPERV]));
			return -1;
		}
		return 0;
	}
	if (check_run(facts, res, trace, &err)) {
		hv_warnx("%s: %s", cmd, err.msg);
		check_result_free(res);
		return -1;
	}
	return 0;
}
