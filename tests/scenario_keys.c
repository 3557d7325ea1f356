// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Prints what bash completion must offer, from scenario_keys[]: one line a
 * key, "--KEY WORD...", then "--vary KEY...". tests/completion-keys holds
 * completions/hvkdump against it.
 */
#include <stdbool.h>
#include <stdio.h>

#include "model/scenario.h"

static void words(const struct scenario_key *k)
{
	bool members = k->type == SK_MODULES || k->type == SK_FIXES;
	unsigned int i, n = scenario_key_nvalues(k);
	char v[128];

	/* a set's names one at a time, and none: a comma list is completed name by name */
	for (i = 0; i < n; i = !members ? i + 1 : i ? i << 1 : 1) {
		scenario_key_value(k, i, v, sizeof(v));
		printf(" %s", v);
	}
	for (i = 0; k->suggest && k->suggest[i]; i++)
		printf(" %s", k->suggest[i]);
	if (k->zero)
		printf(" %s", k->zero);
}

int main(void)
{
	unsigned int i;

	for (i = 0; i < scenario_nkeys; i++) {
		printf("--%s", scenario_keys[i].name);
		words(&scenario_keys[i]);
		putchar('\n');
	}
	printf("--vary");
	for (i = 0; i < scenario_nkeys; i++)
		if (scenario_keys[i].vary || scenario_keys[i].vary_all)
			printf(" %s", scenario_keys[i].name);
	putchar('\n');
	return ferror(stdout) ? 1 : 0;
}
