// SPDX-License-Identifier: GPL-2.0-or-later
/* The release table: which kernels carry which change, and what it cannot say. */
#include "testutil.h"
#include "lib/formats/parsers.h"
#include "model/linux/releases.h"
#include "model/scenario.h"

static enum change_state has(const char *release, enum kernel_change c)
{
	struct kernel_release kr;

	assert_int_equal(kernel_release_parse(release, &kr), 0);
	return kernel_release_has(&kr, c, NULL, 0);
}

static void parse(void **state)
{
	struct kernel_release kr;

	(void)state;
	assert_int_equal(kernel_release_parse("6.8.0-1051-azure", &kr), 0);
	assert_int_equal(kr.major, 6);
	assert_int_equal(kr.minor, 8);
	assert_int_equal(kr.patch, 0);
	assert_false(kr.upstream);
	assert_int_equal(kernel_release_parse("7.1", &kr), 0);
	assert_true(kr.upstream);
	assert_int_equal(kernel_release_parse("6.6.150", &kr), 0);
	assert_int_equal(kr.patch, 150);
	assert_true(kr.upstream);
	assert_int_equal(kernel_release_parse("7.2-rc3", &kr), 0);
	assert_true(kr.rc);
	assert_false(kr.upstream);
	assert_int_equal(kernel_release_parse("5.14.0-427.13.1.el9_4.x86_64", &kr), 0);
	assert_int_equal(kr.minor, 14);
	assert_int_equal(kernel_release_parse("banana", &kr), -1);
	assert_int_equal(kernel_release_parse("6", &kr), -1);
	assert_int_equal(kernel_release_parse("", &kr), -1);
}

/* 016a25e4b0df: v7.1 and the stable releases named in their announcements */
static void merged_fix(void **state)
{
	(void)state;
	assert_int_equal(has("7.1", KC_016A25E4B0DF), CHANGE_PRESENT);
	assert_int_equal(has("7.2.3", KC_016A25E4B0DF), CHANGE_PRESENT);
	assert_int_equal(has("7.0.13", KC_016A25E4B0DF), CHANGE_PRESENT);
	assert_int_equal(has("7.0.12", KC_016A25E4B0DF), CHANGE_ABSENT);
	assert_int_equal(has("6.18.37", KC_016A25E4B0DF), CHANGE_PRESENT);
	assert_int_equal(has("6.12.94", KC_016A25E4B0DF), CHANGE_ABSENT);
	assert_int_equal(has("6.12.95", KC_016A25E4B0DF), CHANGE_PRESENT);
	assert_int_equal(has("6.6.144", KC_016A25E4B0DF), CHANGE_PRESENT);
	assert_int_equal(has("6.1.177", KC_016A25E4B0DF), CHANGE_PRESENT);
	assert_int_equal(has("5.15.211", KC_016A25E4B0DF), CHANGE_PRESENT);
	assert_int_equal(has("5.10.259", KC_016A25E4B0DF), CHANGE_ABSENT);
	assert_int_equal(has("5.10.260", KC_016A25E4B0DF), CHANGE_PRESENT);
	/* lines that had ended */
	assert_int_equal(has("6.10.14", KC_016A25E4B0DF), CHANGE_ABSENT);
	/* distribution kernels and release candidates: not from the number */
	assert_int_equal(has("6.8.0-1051-azure", KC_016A25E4B0DF), CHANGE_UNKNOWN);
	assert_int_equal(has("5.14.0-427.el9", KC_016A25E4B0DF), CHANGE_UNKNOWN);
	assert_int_equal(has("7.1-rc2", KC_016A25E4B0DF), CHANGE_UNKNOWN);
	/* a distribution kernel on 7.1 has what 7.1 has */
	assert_int_equal(has("7.1.0-1003-azure", KC_016A25E4B0DF), CHANGE_PRESENT);
	/* older than the table knows */
	assert_int_equal(has("4.19.300", KC_016A25E4B0DF), CHANGE_UNKNOWN);
}

static void the_rest(void **state)
{
	(void)state;
	/* the proposal was never merged: absent everywhere */
	assert_int_equal(has("7.3", KC_CONFIG_ABOVE_4G), CHANGE_ABSENT);
	assert_int_equal(has("6.8.0-1051-azure", KC_CONFIG_ABOVE_4G), CHANGE_ABSENT);
	/* SYSFB gating: v6.7; the 5.10.y-6.6.y lines never got it */
	assert_int_equal(has("6.7", KC_A07B50D80AB6), CHANGE_PRESENT);
	assert_int_equal(has("6.8.0-1051-azure", KC_A07B50D80AB6), CHANGE_PRESENT);
	assert_int_equal(has("6.6.150", KC_A07B50D80AB6), CHANGE_ABSENT);
	assert_int_equal(has("6.1.100", KC_A07B50D80AB6), CHANGE_ABSENT);
	assert_int_equal(has("5.15.0-1057-azure", KC_A07B50D80AB6), CHANGE_UNKNOWN);
	/* Gen1 from the PCI BAR: v6.0, never in 5.15.y */
	assert_int_equal(has("6.0", KC_2A8A8AFBA0C3), CHANGE_PRESENT);
	assert_int_equal(has("5.15.100", KC_2A8A8AFBA0C3), CHANGE_ABSENT);
	assert_int_equal(has("304.0", KC_304386373007), CHANGE_PRESENT);
	assert_int_equal(has("6.14", KC_304386373007), CHANGE_PRESENT);
	assert_int_equal(has("6.13.5", KC_304386373007), CHANGE_UNKNOWN);
	assert_int_equal(has("7.0", KC_40227F2EFCFB), CHANGE_PRESENT);
	assert_string_equal(kernel_change(KC_016A25E4B0DF)->commit, "016a25e4b0df");
}

static bool clears(const char *release)
{
	struct kernel_release kr;
	char why[160];

	assert_int_equal(kernel_release_parse(release, &kr), 0);
	return hvfb_clears_screen_info(&kr, NULL, why, sizeof(why));
}

/* hyperv_fb's screen_info history, as Debian's sources and changelogs show it */
static void hyperv_fb_history(void **state)
{
	struct kernel_release kr;
	bool assumed = false;
	char why[160];

	(void)state;
	assert_int_equal(has("5.9.6", KC_3CB73BC3FA2A), CHANGE_ABSENT);
	assert_int_equal(has("5.9.7", KC_3CB73BC3FA2A), CHANGE_PRESENT);
	assert_int_equal(has("5.10", KC_3CB73BC3FA2A), CHANGE_PRESENT);
	assert_int_equal(has("6.8", KC_C25A19AFB81C), CHANGE_PRESENT);
	assert_int_equal(has("6.7.12", KC_C25A19AFB81C), CHANGE_UNKNOWN);
	assert_int_equal(has("6.1.192", KC_C25A19AFB81C), CHANGE_ABSENT);
	assert_int_equal(has("6.1.192", KC_304386373007), CHANGE_ABSENT);
	assert_int_equal(has("6.12.19", KC_304386373007), CHANGE_ABSENT);
	assert_int_equal(has("6.12.20", KC_304386373007), CHANGE_PRESENT);
	/* Debian 12's 6.1.176 and 6.1.192 clear it; 6.12 and 6.8 do not */
	assert_true(clears("6.1.176"));
	assert_true(clears("6.1.192"));
	assert_false(clears("6.12.118"));
	assert_false(clears("6.8"));
	assert_false(clears("5.9.6"));
	/* a distribution kernel on 6.1: the base line's code, said to be assumed */
	assert_int_equal(kernel_release_parse("6.1.0-37-cloud-amd64", &kr), 0);
	assert_true(hvfb_clears_screen_info(&kr, &assumed, why, sizeof(why)));
	assert_true(assumed);
	assert_non_null(strstr(why, "assumed"));
	assert_int_equal(kernel_release_parse("6.1.192", &kr), 0);
	assert_true(hvfb_clears_screen_info(&kr, &assumed, why, sizeof(why)));
	assert_false(assumed);
}

/* Each row is whole, and what repeats it reads it. */
static void registry_rows(void **state)
{
	unsigned int c, f, turned = 0;
	char help[1024];

	(void)state;
	for (c = 0; c < KC_COUNT; c++) {
		const struct kernel_change_info *ci = kernel_change(c);

		assert_non_null(ci->commit);
		assert_non_null(ci->subject);
		/* the tracked ones come first, and each turns a model switch */
		assert_int_equal(ci->tracked, c < KC_TRACKED);
		if (ci->tracked)
			assert_int_not_equal(ci->fixes, 0);
		assert_int_equal(turned & ci->fixes, 0);	/* a switch has one change */
		turned |= ci->fixes;
		/* a stable line's first release comes before the mainline one */
		for (f = 0; f < KC_MAX_STABLE && ci->stable[f].major; f++)
			assert_true(KV(ci->stable[f].major, ci->stable[f].minor, 0) < ci->mainline);
	}
	/* every switch has its change, its name, and the key's help names it */
	for (f = 0; f < FIX_COUNT; f++) {
		assert_true(kernel_change(kernel_fix_change(f))->fixes & FIX_BIT(f));
		assert_string_equal(fix_name(f), kernel_fix_names[f]);
		for (c = 0; scenario_keys[c].name; c++)
			if (!strcmp(scenario_keys[c].name, "kernel-fixes"))
				break;
		assert_non_null(scenario_keys[c].name);
		scenario_key_help(&scenario_keys[c], help, sizeof(help));
		assert_non_null(strstr(help, kernel_fix_names[f]));
	}
	assert_int_equal(kernel_fix_change(FIX_VTPM), KC_016A25E4B0DF);
	assert_int_equal(kernel_change_fix(KC_016A25E4B0DF), FIX_VMBUS_RESERVE_FB_LOW_BASE);
	assert_int_equal(kernel_change_fix(KC_A07B50D80AB6), FIX_COUNT);
	assert_int_equal(kernel_build_change(BUILD_SYSFB_GATE), KC_A07B50D80AB6);
	assert_int_equal(kernel_build_change(BUILD_HVFB_KEEP_SI), KC_C25A19AFB81C);
}

/*
 * A changelog is sought for each tracked change's commit and subject in
 * one scan (probe/changelog.c): they fit its needles, and a subject is
 * words single-spaced, which the scan's "a blank is any run" reads as
 * the old matcher did.
 */
static void registry_needles_fit(void **state)
{
	const char *needle[2 * KC_TRACKED];
	struct changelog_scan s;
	bool found[2 * KC_TRACKED];
	unsigned int c;

	(void)state;
	for (c = 0; c < KC_TRACKED; c++) {
		const char *subj = kernel_change(c)->subject;

		needle[2 * c] = kernel_change(c)->commit;
		needle[2 * c + 1] = subj;
		assert_null(strpbrk(subj, "\t\n"));
		assert_null(strstr(subj, "  "));
		assert_int_not_equal(subj[0], ' ');
		assert_null(strchr(kernel_change(c)->commit, ' '));
	}
	assert_true(changelog_scan_init(&s, needle, 2 * KC_TRACKED, found));
}

/* A remedy's "where to get it" comes from the row. */
static void where_from_the_row(void **state)
{
	char buf[320];

	(void)state;
	kernel_change_where(KC_016A25E4B0DF, buf, sizeof(buf));
	assert_string_equal(buf, "7.1 or later, or 7.0.13, 6.18.37, 6.12.95, 6.6.144, 6.1.177, "
			    "5.15.211, 5.10.260 or later of those lines (Debian 12: linux "
			    "6.1.177-1 and later; Debian 13: its 6.12 kernels from 6.12.95). "
			    "After the update and a reboot, dmesg shows an hv_mmio= line");
	/* a line that never got it is not named */
	kernel_change_where(KC_304386373007, buf, sizeof(buf));
	assert_string_equal(buf, "6.14 or later, or 6.12.20 or later of that line (the "
			    "linux-azure kernels)");
	kernel_change_where(KC_2A8A8AFBA0C3, buf, sizeof(buf));
	assert_string_equal(buf, "6.0 or later");
	/* cut short, still a string */
	kernel_change_where(KC_016A25E4B0DF, buf, 20);
	assert_string_equal(buf, "7.1 or later, or 7.");
}

/* 73fe9073c0cc, added as one row: v6.14, 6.1.132 (Debian's 6.1.133-1), 5.10.236. */
static void free_mmio_row(void **state)
{
	char why[160];
	struct kernel_release kr;

	(void)state;
	assert_string_equal(kernel_change(KC_73FE9073C0CC)->commit, "73fe9073c0cc");
	assert_int_equal(has("6.14", KC_73FE9073C0CC), CHANGE_PRESENT);
	assert_int_equal(has("6.1.131", KC_73FE9073C0CC), CHANGE_ABSENT);
	assert_int_equal(has("6.1.132", KC_73FE9073C0CC), CHANGE_PRESENT);
	assert_int_equal(has("5.10.236", KC_73FE9073C0CC), CHANGE_PRESENT);
	/* lines the row does not list: not said */
	assert_int_equal(kernel_release_parse("6.6.80", &kr), 0);
	assert_int_equal(kernel_release_has(&kr, KC_73FE9073C0CC, why, sizeof(why)),
			 CHANGE_UNKNOWN);
	assert_non_null(strstr(why, "does not say"));
	/* for 016a25e4b0df every live line is listed: 6.10.y had ended */
	assert_int_equal(kernel_release_parse("6.10.14", &kr), 0);
	assert_int_equal(kernel_release_has(&kr, KC_016A25E4B0DF, why, sizeof(why)),
			 CHANGE_ABSENT);
	assert_string_equal(why, "the 6.10.y line had ended before 016a25e4b0df was merged "
			    "(v7.1)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse),
		cmocka_unit_test(merged_fix),
		cmocka_unit_test(the_rest),
		cmocka_unit_test(hyperv_fb_history),
		cmocka_unit_test(registry_rows),
		cmocka_unit_test(registry_needles_fit),
		cmocka_unit_test(where_from_the_row),
		cmocka_unit_test(free_mmio_row),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
