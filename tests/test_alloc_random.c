// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The fast allocator against the step-by-step reference: thousands of
 * random scripts, each run twice through the replay interpreter, must
 * print the same thing, down to every /proc/iomem line and every shadow.
 * Then a few long scripts with thousands of regions live at once, where
 * the index of each level is many nodes deep. HVKDUMP_SEED and
 * HVKDUMP_SCRIPTS change the seed and the count; a difference prints the
 * script (the long ones: its seed), to replay by hand.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "gen_script.h"
#include "ref_alloc.h"
#include "src/replay.h"

static char *run(const struct strbuf *script, replay_alloc_fn alloc)
{
	FILE *in = fmemopen((void *)script->buf, script->len, "r");
	struct hv_err err = { 0, "" };
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	assert_non_null(in);
	assert_non_null(out);
	if (replay_run_with(in, out, &err, alloc))
		fail_msg("script error at line %lu: %s\n%s", err.line, err.msg,
			 sb_str(script));
	fclose(in);
	fclose(out);
	return text;
}

static void fast_matches_reference(void **state)
{
	const char *env = getenv("HVKDUMP_SEED");
	uint64_t seed = env ? strtoull(env, NULL, 0) : 0x68766b64ULL;
	unsigned long n = 3000, i, lines = 0;
	struct strbuf script = STRBUF_INIT;

	(void)state;
	env = getenv("HVKDUMP_SCRIPTS");
	if (env)
		n = strtoul(env, NULL, 0);
	for (i = 0; i < n; i++) {
		char *fast, *ref;

		sb_reset(&script);
		gen_script(&seed, 10 + (unsigned int)(i % 40), &script);
		assert_false(script.oom);
		fast = run(&script, vmbus_allocate_mmio);
		ref = run(&script, ref_allocate_mmio);
		if (strcmp(fast, ref))
			fail_msg("script %lu differs\n--- script\n%s--- fast\n%s--- reference\n%s",
				 i, sb_str(&script), fast, ref);
		/* the scripts must do something: count what they printed */
		for (const char *p = fast; *p; p++)
			lines += *p == '\n';
		free(fast);
		free(ref);
	}
	sb_release(&script);
	assert_true(lines > n * 5);
}

static void large_scripts_match_reference(void **state)
{
	const char *env = getenv("HVKDUMP_SEED");
	uint64_t seed = env ? strtoull(env, NULL, 0) : 0x6c617267ULL;
	struct strbuf script = STRBUF_INIT;
	unsigned int i;

	(void)state;
	for (i = 0; i < 4; i++) {
		uint64_t at = seed;
		unsigned long regions = 0;
		char *fast, *ref, *p;

		sb_reset(&script);
		gen_script_large(&seed, 3000, &script);
		assert_false(script.oom);
		fast = run(&script, vmbus_allocate_mmio);
		ref = run(&script, ref_allocate_mmio);
		if (strcmp(fast, ref))
			fail_msg("large script %u (seed 0x%llx) differs", i, (unsigned long long)at);
		/* thousands live at the end: count the allocations /proc/iomem shows */
		for (p = fast; (p = strstr(p, " : a")); p++)
			regions++;
		assert_true(regions > 1500);
		free(fast);
		free(ref);
	}
	sb_release(&script);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fast_matches_reference),
		cmocka_unit_test(large_scripts_match_reference),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
