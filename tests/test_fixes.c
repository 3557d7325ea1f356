// SPDX-License-Identifier: GPL-2.0-or-later
/* Weighing the evidence of fixes: strongest first, conflicts said, per kernel. */
#include "testutil.h"
#include "lib/verdict/fixes.h"

static void base(struct facts *f, const char *release)
{
	memset(f, 0, sizeof(*f));
	snprintf(f->release, sizeof(f->release), "%s", release);
	snprintf(f->kdump_release, sizeof(f->kdump_release), "%s", release);
	f->kdump_same = true;
	fact_set(f, F_KMSG, "/var/log/kern.log", "read");
}

/* base(), on a VM of generation @gen */
static void base_gen(struct facts *f, const char *release, int gen)
{
	base(f, release);
	f->gen = gen;
	fact_set(f, F_GEN, "test", "%d", gen);
}

/* The running kernel's log has 016a25e4b0df's line. */
static void logs_hv_mmio(struct facts *f)
{
	f->kmsg.hv_mmio_line = true;
	snprintf(f->kmsg.hv_mmio, sizeof(f->kmsg.hv_mmio), "hv_mmio=[mem 0x40000000-0xfed3ffff]");
}

/* The running kernel's changelog, read at @path, names 016a25e4b0df. */
static void changelog_names_it(struct facts *f, const char *path)
{
	f->changelog_read[KERNEL_RUNNING] = true;
	f->changelog_has[KERNEL_RUNNING][KC_016A25E4B0DF] = true;
	snprintf(f->changelog_path[KERNEL_RUNNING], sizeof(f->changelog_path[0]), "%s", path);
}

static void log_wins_and_conflicts_are_said(void **state)
{
	const struct fix_finding *fd;
	struct facts f;

	(void)state;
	/* a distribution backport: the log shows it, the number says 6.6.100 has not */
	base(&f, "6.6.100");
	logs_hv_mmio(&f);
	fixes_weigh(&f, NULL);
	fd = &f.findings[KERNEL_KDUMP][KC_016A25E4B0DF];
	assert_int_equal(fd->present, 1);
	assert_true(fd->conflict);
	assert_int_equal(fd->n, 2);
	assert_string_equal(fd->ev[0].kind, "kernel-log");
	assert_string_equal(fd->ev[1].kind, "release");
	assert_false(fd->ev[1].present);
	assert_true(f.fixes & FIX_BIT(FIX_VMBUS_RESERVE_FB_LOW_BASE));
	assert_true(f.f[F_FIXES].known);
	assert_non_null(strstr(f.f[F_FIXES].value, "conflicting"));
}

static void iomem_and_changelog(void **state)
{
	const struct fix_model m = {
		.iomem_says = { 0, -1 }, .iomem_detail = { "config window 0x40800000", "" },
	};
	const struct fix_finding *fd;
	struct facts f;

	(void)state;
	base(&f, "6.8.0-1051-azure");
	fixes_weigh(&f, &m);
	fd = &f.findings[KERNEL_RUNNING][KC_016A25E4B0DF];
	assert_int_equal(fd->present, 0);
	assert_string_equal(fd->ev[0].kind, "iomem");
	/* nothing at all: unknown, and the fact says so */
	base(&f, "6.8.0-1051-azure");
	fixes_weigh(&f, NULL);
	assert_int_equal(f.findings[KERNEL_KDUMP][KC_016A25E4B0DF].present, -1);
	assert_false(f.f[F_FIXES].known);
	/* the distribution's changelog names it */
	changelog_names_it(&f, "/usr/share/doc/linux-image-6.8.0-1051-azure/changelog.Debian.gz");
	fixes_weigh(&f, NULL);
	fd = &f.findings[KERNEL_KDUMP][KC_016A25E4B0DF];
	assert_int_equal(fd->present, 1);
	assert_string_equal(fd->ev[0].kind, "changelog");
}

/* Every kind of evidence at once: each kept, in order, in the room there is (four). */
static void every_kind_kept(void **state)
{
	const struct fix_model m = {
		.iomem_says = { 1, -1 }, .iomem_detail = { "fb range 0x40000000", "" },
	};
	const struct fix_finding *fd;
	struct facts f;

	(void)state;
	base(&f, "6.6.100");
	logs_hv_mmio(&f);
	changelog_names_it(&f, "/usr/share/doc/linux-image-6.6.100/changelog.Debian.gz");
	fixes_weigh(&f, &m);
	fd = &f.findings[KERNEL_RUNNING][KC_016A25E4B0DF];
	assert_int_equal(FIX_MAX_EVIDENCE, 4);
	assert_int_equal(fd->n, 4);
	assert_string_equal(fd->ev[0].kind, "kernel-log");
	assert_string_equal(fd->ev[1].kind, "iomem");
	assert_string_equal(fd->ev[2].kind, "changelog");
	assert_string_equal(fd->ev[3].kind, "release");
	assert_true(fd->conflict);	/* the release number says it has not */
	/* the same kernel for kdump: the same evidence */
	assert_int_equal(f.findings[KERNEL_KDUMP][KC_016A25E4B0DF].n, 4);
}

/* The running kernel's log and iomem say nothing of another kdump kernel. */
static void kdump_kernel_apart(void **state)
{
	struct facts f;

	(void)state;
	base(&f, "7.1");
	snprintf(f.kdump_release, sizeof(f.kdump_release), "6.1.100");
	f.kdump_same = false;
	f.kmsg.hv_mmio_line = true;
	fixes_weigh(&f, NULL);
	assert_int_equal(f.findings[KERNEL_RUNNING][KC_016A25E4B0DF].present, 1);
	assert_int_equal(f.findings[KERNEL_KDUMP][KC_016A25E4B0DF].present, 0);
	assert_true(fixes_of(&f, KERNEL_RUNNING) & FIX_BIT(FIX_VMBUS_RESERVE_FB_LOW_BASE));
	assert_false(fixes_of(&f, KERNEL_KDUMP) & FIX_BIT(FIX_VMBUS_RESERVE_FB_LOW_BASE));
}

/* The VM's low MMIO range: the logged hv_mmio= first, then Gen2's framebuffer base. */
static void low_mmio_weighed(void **state)
{
	struct facts f;

	(void)state;
	base_gen(&f, "7.1", 2);
	f.kmsg.hv_mmio_line = true;
	snprintf(f.kmsg.hv_mmio, sizeof(f.kmsg.hv_mmio),
		 "hv_mmio=[mem 0xf8000000-0xfed3ffff],[mem 0xfe0000000-0xfffffffff] "
		 "fb=[mem 0xf8000000-0xf87fffff]");
	f.boot_si.lfb_base = 0x40000000;
	fact_set(&f, F_BOOT_FB, "/sys/kernel/boot_params/data", "read");
	facts_weigh(&f);
	assert_true(f.f[F_LOW_MMIO].known);
	assert_int_equal(f.low_mmio.start, 0xf8000000);
	assert_int_equal(f.low_mmio.end, 0xfed3ffff);
	assert_string_equal(f.f[F_LOW_MMIO].source, "/var/log/kern.log");
	/* and the change that logs it is weighed in the same pass */
	assert_int_equal(f.findings[KERNEL_RUNNING][KC_016A25E4B0DF].present, 1);
	assert_true(f.f[F_FIXES].known);
	/* no log line: the framebuffer the firmware handed over is at the base */
	f.kmsg.hv_mmio_line = false;
	facts_weigh(&f);
	assert_int_equal(f.low_mmio.start, 0x40000000);
	assert_int_equal(f.low_mmio.end, 0xffffffff);
	assert_non_null(strstr(f.f[F_LOW_MMIO].value, "framebuffer"));
	/* Gen1's framebuffer says nothing of it */
	base_gen(&f, "7.1", 1);
	f.boot_si.lfb_base = 0xf8000000;
	fact_set(&f, F_BOOT_FB, "/sys/kernel/boot_params/data", "read");
	facts_weigh(&f);
	assert_false(f.f[F_LOW_MMIO].known);
	assert_non_null(strstr(f.f[F_LOW_MMIO].value, "preset"));
}

/*
 * The log's silence says "absent" only where the kernel with 016a25e4b0df
 * would print hv_mmio=: on Gen2 from v6.7 (a07b50d80ab6) it reads no
 * screen_info without CONFIG_SYSFB, returns early, and logs nothing.
 */
static void log_silence_only_where_it_would_log(void **state)
{
	const struct fix_finding *fd;
	struct facts f;
	unsigned int i;

	(void)state;
	base_gen(&f, "6.8.0", 2);
	f.kmsg.vmbus_seen = true;
	f.sysfb = true;
	fact_set(&f, F_SYSFB, "/boot/config-6.8.0", "yes");
	facts_weigh(&f);
	fd = &f.findings[KERNEL_RUNNING][KC_016A25E4B0DF];
	assert_true(fd->n >= 1);
	assert_string_equal(fd->ev[0].kind, "kernel-log");
	assert_false(fd->ev[0].present);
	assert_int_equal(fd->present, 0);
	/* CONFIG_SYSFB off: the fixed kernel is as silent as the old one */
	f.sysfb = false;
	fact_set(&f, F_SYSFB, "/boot/config-6.8.0", "no");
	facts_weigh(&f);
	fd = &f.findings[KERNEL_RUNNING][KC_016A25E4B0DF];
	for (i = 0; i < fd->n; i++)
		assert_string_not_equal(fd->ev[i].kind, "kernel-log");
	/* a logged line is the change's own, whatever the model says */
	f.kmsg.hv_mmio_line = true;
	facts_weigh(&f);
	assert_int_equal(f.findings[KERNEL_RUNNING][KC_016A25E4B0DF].present, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(log_wins_and_conflicts_are_said),
		cmocka_unit_test(iomem_and_changelog),
		cmocka_unit_test(every_kind_kept),
		cmocka_unit_test(kdump_kernel_apart),
		cmocka_unit_test(low_mmio_weighed),
		cmocka_unit_test(log_silence_only_where_it_would_log),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
