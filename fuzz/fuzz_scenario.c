// SPDX-License-Identifier: GPL-2.0-or-later
/* A scenario file, built, printed back (every key's printer) and simulated. */
#include "model/scenario.h"
#include "model/simulate.h"
#include "util/strbuf.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct scenario_file f;
	struct sim_result r;
	struct scenario sc;
	struct hv_err err;

	if (scenario_file_parse("fuzz", (const char *)data, size, &f, &err))
		return 0;
	if (!scenario_build(&sc, f.pairs, f.npairs, &err)) {
		struct strbuf sb = STRBUF_INIT;

		scenario_dump(&sc, &sb);
		sb_release(&sb);
		if (!simulate(&sc, &r, true))
			sim_result_free(&r);
	}
	scenario_file_free(&f);
	return 0;
}
