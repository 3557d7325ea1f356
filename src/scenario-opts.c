// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdlib.h>
#include <string.h>

#include "util/array.h"
#include "cli.h"
#include "scenario-opts.h"
#include "termwrap.h"

#define SCENARIO_CAP	(1u << 20)

struct option *scenario_longopts(const struct option *extra)
{
	size_t nextra = 0, i, n;
	struct option *o;

	while (extra[nextra].name)
		nextra++;
	o = calloc(nextra + scenario_nkeys + 3, sizeof(*o));
	if (!o)
		return NULL;
	memcpy(o, extra, nextra * sizeof(*o));
	n = nextra;
	for (i = 0; i < scenario_nkeys; i++)
		o[n++] = (struct option){ scenario_keys[i].name, required_argument, NULL,
					  OPT_SCENARIO_KEY + (int)i };
	o[n++] = (struct option){ "no-hide-smem-start", no_argument, NULL, OPT_NO_HIDE_SMEM };
	o[n++] = (struct option){ "scenario", required_argument, NULL, OPT_SCENARIO_FILE };
	return o;
}

static int add_pair(struct scenario_opts *so, const char *key, const char *value)
{
	struct scenario_pair *np = hv_grow(so->pairs, &so->cap, so->npairs, sizeof(*np), 16);

	if (!np) {
		hv_warnx("%s: out of memory", so->cmd);
		return -1;
	}
	so->pairs = np;
	so->pairs[so->npairs++] = (struct scenario_pair){ .key = key, .value = value };
	return 1;
}

int scenario_opts_take(struct scenario_opts *so, int c, const char *arg)
{
	if (c == OPT_SCENARIO_FILE) {
		so->file = arg;
		return 1;
	}
	if (c == OPT_NO_HIDE_SMEM)
		return add_pair(so, "hide-smem-start", "no");
	if (c >= OPT_SCENARIO_KEY && c < OPT_SCENARIO_KEY + (int)scenario_nkeys)
		return add_pair(so, scenario_keys[c - OPT_SCENARIO_KEY].name, arg);
	return 0;
}

int scenario_opts_build(struct scenario_opts *so, struct scenario *sc)
{
	struct scenario_pair *all;
	struct hv_err err = { 0, "" };
	const char *shown = NULL;
	unsigned int n = 0, i;
	char *buf = NULL;
	size_t len;
	int rc;

	if (so->file) {
		if (hv_slurp_input(so->cmd, so->file, SCENARIO_CAP, &buf, &len, &shown))
			return -1;
		rc = scenario_file_parse(shown, buf, len, &so->sf, &err);
		free(buf);
		if (rc) {
			hv_warn_at(shown, &err);
			return -1;
		}
	}
	all = calloc(so->sf.npairs + so->npairs + 1, sizeof(*all));
	if (!all) {
		hv_warnx("%s: out of memory", so->cmd);
		return -1;
	}
	for (i = 0; i < so->sf.npairs; i++)
		all[n++] = so->sf.pairs[i];
	for (i = 0; i < so->npairs; i++)
		all[n++] = so->pairs[i];
	rc = scenario_build(sc, all, n, &err);
	free(all);
	if (rc) {
		if (err.line)
			hv_warn_at(shown, &err);
		else
			hv_warnx("%s: %s", so->cmd, err.msg);
		return -1;
	}
	return 0;
}

void scenario_opts_free(struct scenario_opts *so)
{
	free(so->pairs);
	so->pairs = NULL;
	so->npairs = so->cap = 0;
	scenario_file_free(&so->sf);
}

void scenario_opts_help(FILE *out, bool full)
{
	char line[512];
	unsigned int i;
	int n;

	if (!full) {
		fputs("Scenario options (--scenario FILE, --layout PRESET, --kexec-tools VERSION\n"
		      "and every other key): as hvkdump simulate --help lists them.\n", out);
		return;
	}
	fputs("Scenario (a --scenario FILE holds the same keys as \"key = value\" lines;\n"
	      "options override it):\n"
	      "     --scenario FILE\n", out);
	for (i = 0; i < scenario_nkeys; i++) {
		char opt[96], values[64], help[256];

		/* the presets have a list of their own, below */
		scenario_key_values(&scenario_keys[i], values, sizeof(values));
		snprintf(opt, sizeof(opt), "--%s %s", scenario_keys[i].name, values);
		scenario_key_help(&scenario_keys[i], help, sizeof(help));
		/* at most 80 columns: the help under the option when it is long */
		if (strlen(opt) > 30) {
			fprintf(out, "     %s\n", opt);
			n = snprintf(line, sizeof(line), "%36s%s", "", help);
		} else {
			n = snprintf(line, sizeof(line), "     %-30s %s", opt, help);
		}
		hv_wrap_line(out, line, (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1, 80);
	}
	fputs("     --no-hide-smem-start           the same as --hide-smem-start no\n", out);
	fputs("\nPresets (--layout), from the published host layouts:\n", out);
	for (i = 0; i < scenario_npresets; i++) {
		n = snprintf(line, sizeof(line), "  %-14s %s", scenario_presets[i].name,
			     scenario_presets[i].note);
		hv_wrap_line(out, line, (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1, 80);
	}
}
