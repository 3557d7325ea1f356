// SPDX-License-Identifier: GPL-2.0-or-later
/* The simulation, one mechanism at a time. */
#include <stdio.h>

#include "testutil.h"
#include "scenario_util.h"
#include "model/simulate.h"

/* Runs the scenario given as key, value, ..., NULL; fails on a bad one. */
static void run(struct sim_result *r, ...)
{
	struct scenario sc;
	struct hv_err err = { 0, "" };
	va_list ap;
	int rc;

	va_start(ap, r);
	rc = vbuild(&sc, &err, ap);
	va_end(ap);
	if (rc)
		fail_msg("scenario: %s", err.msg);
	assert_int_equal(simulate(&sc, r, true), 0);
}

static bool has_code(const struct sim_result *r, enum sim_reason_code c)
{
	return r->codes & (1u << c);
}

/* kexec_load: what lfb_base each kexec-tools era takes from each /dev/fb0 */
static void kexec_load_eras_by_fb_id(void **state)
{
	static const struct {
		const char *fb, *tools;
		uint64_t lfb;
	} rows[] = {
		/* no /dev/fb0: nothing before 2.0.17, then boot-time screen_info */
		{ "none", "2.0.16", 0 }, { "none", "2.0.18", 0x40000000 }, { "none", "2.0.22", 0x40000000 },
		/* EFI VGA: smem_start in every era */
		{ "efifb", "2.0.16", 0x40000000 }, { "efifb", "2.0.18", 0x40000000 },
		{ "efifb", "2.0.22", 0x40000000 },
		/* another id: 0, then smem_start in 2.0.17-2.0.19, then 0 again */
		{ "hyperv_fb", "2.0.16", 0 }, { "hyperv_fb", "2.0.18", 0x40000000 },
		{ "hyperv_fb", "2.0.19", 0x40000000 }, { "hyperv_fb", "2.0.20", 0 },
		{ "hyperv_fb", "2.0.22", 0 },
		/* DRM fbdev hides smem_start: 0 even where it is trusted */
		{ "hyperv_drm", "2.0.16", 0 }, { "hyperv_drm", "2.0.18", 0 }, { "hyperv_drm", "2.0.22", 0 },
		{ "simpledrm", "2.0.18", 0 }, { "simpledrm", "2.0.28", 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct sim_result r;

		/* -c came in 2.0.17; before, kexec_load is what the binary does anyway */
		run(&r, "kexec-syscall", strcmp(rows[i].tools, "2.0.17") < 0 ? "default" : "load",
		    "kexec-tools", rows[i].tools, "fb-driver", rows[i].fb,
		    "kernel-fixes", "hyperv-fb-keep-base", NULL);
		if (r.handoff.lfb_base != rows[i].lfb)
			fail_msg("%s with kexec-tools %s: lfb_base 0x%llx, want 0x%llx",
				 rows[i].fb, rows[i].tools, (unsigned long long)r.handoff.lfb_base,
				 (unsigned long long)rows[i].lfb);
		assert_int_equal(r.handoff.syscall, SYSCALL_KEXEC_LOAD);
		sim_result_free(&r);
	}
}

static void kexec_load_without_hide_smem_start(void **state)
{
	struct sim_result r;

	(void)state;
	/* before da6c7707caf3 DRM fbdev reported the real address */
	run(&r, "kexec-syscall", "load", "kexec-tools", "2.0.18", "hide-smem-start", "no", NULL);
	assert_int_equal(r.handoff.lfb_base, 0x40000000);
	assert_string_equal(r.handoff.fb0_id, "hyperv_drmdrmfb");
	assert_true(r.saved);
	sim_result_free(&r);
	/* 2.0.20 and later ignore it whatever it says */
	run(&r, "kexec-syscall", "load", "kexec-tools", "2.0.22", "hide-smem-start", "no", NULL);
	assert_int_equal(r.handoff.lfb_base, 0);
	assert_false(r.saved);
	sim_result_free(&r);
}

static void kexec_load_vesa_on_gen1(void **state)
{
	struct sim_result r;

	(void)state;
	run(&r, "layout", "hyperv-gen1", "fb-driver", "vesafb", "kexec-syscall", "load", NULL);
	assert_string_equal(r.handoff.fb0_id, "VESA VGA");
	assert_int_equal(r.handoff.lfb_base, 0xf8000000);
	sim_result_free(&r);
}

static void kexec_load_smem_above_4g(void **state)
{
	struct sim_result r;

	(void)state;
	/* VRAM too big for the low range lands high; hyperv_fb reports it */
	run(&r, "low-mmio", "0x40000000-0x40ffffff", "fb-driver", "hyperv_fb", "vram-mb", "32",
	    "kexec-syscall", "load", "kexec-tools", "2.0.18", NULL);
	assert_true(r.first.vram.start >= 0x100000000ULL);
	assert_int_equal(r.handoff.lfb_base, r.first.vram.start & 0xffffffff);	/* truncated */
	sim_result_free(&r);
	run(&r, "low-mmio", "0x40000000-0x40ffffff", "fb-driver", "hyperv_fb", "vram-mb", "32",
	    "kexec-syscall", "load", "kexec-tools", "2.0.19", NULL);
	assert_int_equal(r.handoff.lfb_base, r.first.vram.start);	/* ext_lfb_base */
	sim_result_free(&r);
}

static void file_load_copies_screen_info_on_x86_only(void **state)
{
	struct sim_result r;

	(void)state;
	run(&r, "kexec-syscall", "file", NULL);
	assert_int_equal(r.handoff.syscall, SYSCALL_KEXEC_FILE_LOAD);
	assert_int_equal(r.handoff.lfb_base, 0x40000000);
	assert_true(r.kdump.fb_range.set);
	assert_true(r.saved);
	sim_result_free(&r);
	/* arm64: image_load() passes no screen_info */
	run(&r, "arch", "arm64", "kexec-syscall", "file", NULL);
	assert_int_equal(r.handoff.syscall, SYSCALL_KEXEC_FILE_LOAD);
	assert_int_equal(r.handoff.lfb_base, 0);
	assert_false(r.kdump.fb_range.set);
	assert_false(r.saved);
	assert_true(has_code(&r, REASON_D0_REFUSED));
	sim_result_free(&r);
	run(&r, "arch", "arm64", "kexec-syscall", "load", "fb-driver", "efifb", NULL);
	assert_int_equal(r.handoff.lfb_base, 0);
	sim_result_free(&r);
}

static void default_syscall_by_era(void **state)
{
	struct sim_result r;

	(void)state;
	run(&r, "kexec-tools", "2.0.26", NULL);
	assert_string_equal(r.handoff.flag, "-c");
	assert_int_equal(r.handoff.syscall, SYSCALL_KEXEC_LOAD);
	sim_result_free(&r);
	run(&r, "kexec-tools", "2.0.27", NULL);
	assert_string_equal(r.handoff.flag, "-a");
	assert_int_equal(r.handoff.syscall, SYSCALL_KEXEC_FILE_LOAD);
	assert_true(r.saved);
	sim_result_free(&r);
}

static void lockdown_refuses_kexec_load(void **state)
{
	struct sim_result r;

	(void)state;
	run(&r, "lockdown", "integrity", "kexec-syscall", "load", NULL);
	assert_int_equal(r.handoff.syscall, SYSCALL_NONE);
	assert_true(has_code(&r, REASON_NOT_LOADED));
	assert_false(r.saved);
	assert_false(r.kdump.pci_probed);	/* the kdump kernel never ran */
	sim_result_free(&r);
	run(&r, "lockdown", "confidentiality", "kexec-syscall", "file", NULL);
	assert_int_equal(r.handoff.syscall, SYSCALL_KEXEC_FILE_LOAD);
	assert_true(r.saved);
	sim_result_free(&r);
	run(&r, "kexec-load-disabled", "yes", "kexec-syscall", "load", NULL);
	assert_int_equal(r.handoff.syscall, SYSCALL_NONE);
	sim_result_free(&r);
}

/* SUSE kdump 0.9.0-1.9.5: -s first, then, after any failure, without it */
static void service_retries_after_any_failure(void **state)
{
	struct sim_result r;

	(void)state;
	/* -s loads: no second run */
	run(&r, "kexec-tools", "2.0.22", "kexec-args", "-p -s", "kexec-retry-args", "default",
	    NULL);
	assert_int_equal(r.handoff.syscall, SYSCALL_KEXEC_FILE_LOAD);
	assert_false(r.handoff.retried);
	sim_result_free(&r);
	/* ENOSYS, then the 2.0.22 binary's default: kexec_load */
	run(&r, "kexec-tools", "2.0.22", "kexec-args", "-p -s", "kexec-retry-args", "default",
	    "kexec-file", "no", NULL);
	assert_true(r.handoff.retried);
	assert_int_equal(r.handoff.syscall, SYSCALL_KEXEC_LOAD);
	assert_string_equal(r.handoff.flag, "-c");
	assert_string_equal(r.handoff.file_rc, "ENOSYS");
	sim_result_free(&r);
	/* EPERM (an unsigned image under lockdown) is "any failure" too, and
	 * kexec_load is then refused as well: nothing is loaded */
	run(&r, "kexec-tools", "2.0.22", "kexec-args", "-p -s", "kexec-retry-args", "default",
	    "lockdown", "integrity", "kernel-signed", "no", NULL);
	assert_true(r.handoff.retried);
	assert_int_equal(r.handoff.syscall, SYSCALL_NONE);
	assert_false(r.saved);
	sim_result_free(&r);
	/* without a retry the same failure loads nothing */
	run(&r, "kexec-tools", "2.0.22", "kexec-args", "-p -s", "kexec-file", "no", NULL);
	assert_false(r.handoff.retried);
	assert_int_equal(r.handoff.syscall, SYSCALL_NONE);
	sim_result_free(&r);
}

static void auto_falls_back_on_enosys_only(void **state)
{
	struct sim_result r;

	(void)state;
	run(&r, "kexec-tools", "2.0.28", "kexec-syscall", "auto", "kexec-file", "no", NULL);
	assert_int_equal(r.handoff.syscall, SYSCALL_KEXEC_LOAD);
	assert_non_null(strstr(r.handoff.why, "fell back to kexec_load"));
	sim_result_free(&r);
	/* the fallback is then refused under lockdown */
	run(&r, "kexec-tools", "2.0.28", "kexec-syscall", "auto", "kexec-file", "no",
	    "lockdown", "integrity", NULL);
	assert_int_equal(r.handoff.syscall, SYSCALL_NONE);
	sim_result_free(&r);
	/* a signature error is no reason to fall back */
	run(&r, "kexec-tools", "2.0.28", "kexec-syscall", "auto", "kernel-signed", "no",
	    "lockdown", "integrity", NULL);
	assert_int_equal(r.handoff.syscall, SYSCALL_NONE);
	assert_non_null(strstr(r.handoff.why, "EPERM"));
	sim_result_free(&r);
	/* -s with an unsigned image under lockdown: nothing either */
	run(&r, "kexec-syscall", "file", "kernel-signed", "no", "lockdown", "integrity", NULL);
	assert_int_equal(r.handoff.syscall, SYSCALL_NONE);
	sim_result_free(&r);
}

/* kexec-tools as SPEC section 5 measured it, version by version */
static void kexec_tools_versions(void **state)
{
	struct sim_result r;
	struct scenario sc;
	struct hv_err err;

	(void)state;
	/* -a exists from 2.0.17; 2.0.21+ falls back on ENOSYS */
	run(&r, "kexec-tools", "2.0.22", "kexec-args", "-p -a", "kexec-file", "no", NULL);
	assert_int_equal(r.handoff.syscall, SYSCALL_KEXEC_LOAD);
	assert_true(r.handoff.fell_back);
	assert_string_equal(r.handoff.file_rc, "ENOSYS");
	sim_result_free(&r);
	/* 2.0.17-2.0.20 never fall back on x86_64 */
	run(&r, "kexec-tools", "2.0.18", "kexec-args", "-p -a", "kexec-file", "no", NULL);
	assert_int_equal(r.handoff.syscall, SYSCALL_NONE);
	assert_non_null(strstr(r.handoff.why, "before 2.0.21 never falls back"));
	sim_result_free(&r);
	/* -c before 2.0.17 is bad input, naming the version that added it */
	assert_int_equal(build(&sc, &err, "kexec-tools", "2.0.16", "kexec-args", "-p -c", NULL), -1);
	assert_non_null(strstr(err.msg, "refuses -c (it came in kexec-tools 2.0.17)"));
	assert_int_equal(build(&sc, &err, "kexec-tools", "2.0.19", "kexec-args",
			       "-p --reuse-video-type", NULL), -1);
	assert_non_null(strstr(err.msg, "--reuse-video-type (it came in kexec-tools 2.0.20)"));
	/* getopt_long: clusters, prefixes, the last of -c/-s/-a wins */
	run(&r, "kexec-tools", "2.0.25", "kexec-args", "-ps -c --kexec-file", NULL);
	assert_int_equal(r.handoff.syscall, SYSCALL_KEXEC_FILE_LOAD);
	sim_result_free(&r);
	run(&r, "kexec-tools", "2.0.25", "kexec-args", "-p -ds -c --initrd /x img", NULL);
	assert_int_equal(r.handoff.syscall, SYSCALL_KEXEC_LOAD);
	sim_result_free(&r);
	assert_int_equal(build(&sc, &err, "kexec-args", "-p --kexec", NULL), -1);
	assert_non_null(strstr(err.msg, "ambiguous"));
	/* the default: -a from 2.0.27, and in the packages that backported it */
	run(&r, "kexec-tools", "1:2.0.22-2ubuntu3", "kexec-file", "no", NULL);
	assert_string_equal(r.handoff.flag, "-a");
	assert_true(r.handoff.fell_back);
	sim_result_free(&r);
	run(&r, "kexec-tools", "1:2.0.22-2ubuntu2.2", NULL);
	assert_string_equal(r.handoff.flag, "-c");
	sim_result_free(&r);
	run(&r, "kexec-tools", "2.0.26-8.el9", NULL);
	assert_string_equal(r.handoff.flag, "-a");
	sim_result_free(&r);
	run(&r, "kexec-tools", "2.0.25-5.el9", NULL);
	assert_string_equal(r.handoff.flag, "-c");
	sim_result_free(&r);
	/* -d from 2.0.29 sets KEXEC_FILE_DEBUG: an older kernel says EINVAL, -a falls back */
	run(&r, "kexec-tools", "2.0.29", "kexec-args", "-p -a -d", NULL);
	assert_int_equal(r.handoff.syscall, SYSCALL_KEXEC_FILE_LOAD);
	sim_result_free(&r);
	run(&r, "kexec-tools", "2.0.29", "kexec-args", "-p -a -d", "kernel", "6.1.177", NULL);
	assert_string_equal(r.handoff.file_rc, "EINVAL");
	assert_int_equal(r.handoff.syscall, SYSCALL_KEXEC_LOAD);
	sim_result_free(&r);
	run(&r, "kexec-tools", "2.0.28", "kexec-args", "-p -a -d", "kernel", "6.1.177", NULL);
	assert_int_equal(r.handoff.syscall, SYSCALL_KEXEC_FILE_LOAD);
	sim_result_free(&r);
	/* kexec_load_disabled refuses both calls */
	run(&r, "kexec-syscall", "file", "kexec-load-disabled", "yes", NULL);
	assert_int_equal(r.handoff.syscall, SYSCALL_NONE);
	assert_string_equal(r.handoff.file_rc, "EPERM");
	sim_result_free(&r);
}

/* setup_linux_vesafb(): the fields as handed */
static void vesafb_fields(void **state)
{
	struct sim_result r;

	(void)state;
	/* lfb_size from /dev/fb0 in 64 KiB units: a 16 MiB efifb framebuffer hands 0x100 */
	run(&r, "kexec-syscall", "load", "fb-driver", "efifb", "fb-size", "16M", NULL);
	assert_int_equal(r.handoff.lfb_base, 0x40000000);
	assert_int_equal(r.handoff.lfb_size, 0x100);
	assert_int_equal(r.handoff.orig_video_isVGA, 0x70);
	/* so the kdump kernel reserves 8 MiB, and the config window lands on VRAM */
	assert_int_equal(r.kdump.fb_range.end, 0x407fffff);
	assert_true(r.kdump.d0_refused);
	assert_false(r.saved);
	sim_result_free(&r);
	/* -s hands the running kernel's screen_info, lfb_size in bytes */
	run(&r, "kexec-syscall", "file", "fb-driver", "efifb", "fb-size", "16M", NULL);
	assert_int_equal(r.handoff.lfb_size, 16 << 20);
	assert_true(r.saved);
	sim_result_free(&r);
	/* no /dev/fb0: the boot-time screen_info, raw; unreadable boot_params: nothing */
	run(&r, "kexec-syscall", "load", "fb0-id", "none", NULL);
	assert_int_equal(r.handoff.lfb_base, 0x40000000);
	assert_int_equal(r.handoff.lfb_size, 0x300000);
	sim_result_free(&r);
	run(&r, "kexec-syscall", "load", "fb0-id", "ioctl-fails", "boot-params", "no", NULL);
	assert_int_equal(r.handoff.lfb_base, 0);
	sim_result_free(&r);
	/* --reuse-video-type takes another driver's smem_start, the type from boot */
	run(&r, "kexec-tools", "2.0.25", "kexec-args", "-p -c --reuse-video-type", "fb-driver",
	    "hyperv_drm", "hide-smem-start", "no", NULL);
	assert_int_equal(r.handoff.lfb_base, 0x40000000);
	assert_int_equal(r.handoff.orig_video_isVGA, 0x70);
	assert_int_equal(r.handoff.lfb_size, 0x80);
	sim_result_free(&r);
	/* above 4 GiB: ext_lfb_base from 2.0.19 */
	run(&r, "kexec-tools", "2.0.25", "kexec-syscall", "load", "fb0-id", "EFI VGA",
	    "fb0-smem-start", "0x1000000000", NULL);
	assert_int_equal((uint32_t)r.handoff.lfb_base, 0);
	assert_int_equal(r.handoff.ext_lfb_base, 0x10);
	sim_result_free(&r);
	/* --noefi: the crash kernel is no EFI boot, and reserves nothing */
	run(&r, "kexec-args", "-p -c --noefi", "fb-driver", "efifb", NULL);
	assert_false(r.handoff.efi);
	assert_false(r.kdump.fb_range.set);
	sim_result_free(&r);
}

static void field_case_config_window_on_vram(void **state)
{
	struct sim_result r;

	(void)state;
	run(&r, NULL);
	assert_int_equal(r.first.fb_range.start, 0x40000000);
	assert_int_equal(r.first.config_window.start, 0x40800000);
	assert_int_equal(r.first.vram.start, 0x40000000);
	assert_int_equal(r.first.vram.end, 0x407fffff);
	assert_true(r.first.pci_ok);
	assert_int_equal(r.handoff.lfb_base, 0);
	assert_false(r.kdump.fb_range.set);
	assert_int_equal(r.kdump.config_window.start, 0x40000000);
	assert_true(r.kdump.d0_refused);
	assert_false(r.saved);
	assert_false(r.hang);
	assert_true(has_code(&r, REASON_D0_REFUSED));
	sim_result_free(&r);
}

static void relocated_vram_hangs_the_kdump_fb(void **state)
{
	struct sim_result r;

	(void)state;
	/* 128 MiB of VRAM does not fit fb_range (8 MiB): it moves */
	run(&r, "vram-mb", "128", "kexec-syscall", "file", NULL);
	assert_int_equal(r.first.vram.start, 0x40900000);
	assert_int_equal(r.handoff.lfb_base, 0x40000000);	/* stale */
	assert_true(r.kdump.fw_fb_hang);
	assert_true(r.hang);
	assert_false(r.saved);
	assert_true(has_code(&r, REASON_FB_HANG));
	sim_result_free(&r);
	/* without a firmware framebuffer driver nothing draws there */
	run(&r, "vram-mb", "128", "kexec-syscall", "file", "fb-driver", "none", NULL);
	assert_false(r.hang);
	sim_result_free(&r);
}

static void old_hyperv_fb_moves_past_efifb(void **state)
{
	struct sim_result r;

	(void)state;
	/* the field report: efifb at 0x40000000, window at 0x40800000, VRAM 0x40900000 */
	run(&r, "fb-driver", "hyperv_fb", "kexec-syscall", "file", NULL);
	assert_int_equal(r.first.config_window.start, 0x40800000);
	assert_int_equal(r.first.vram.start, 0x40900000);
	assert_true(r.hang);
	sim_result_free(&r);
	/* 304386373007: efifb removed first, VRAM stays at the base */
	run(&r, "fb-driver", "hyperv_fb", "kexec-syscall", "file",
	    "kernel-fixes", "hyperv-fb-keep-base", NULL);
	assert_int_equal(r.first.vram.start, 0x40000000);
	assert_false(r.hang);
	assert_true(r.saved);
	sim_result_free(&r);
}

static void improved_reserve_fb_saves_it(void **state)
{
	struct sim_result r;

	(void)state;
	run(&r, "kernel-fixes", "vmbus-reserve-fb-low-base", NULL);
	assert_int_equal(r.handoff.lfb_base, 0);
	assert_int_equal(r.kdump.fb_range.start, 0x40000000);
	assert_int_equal(r.kdump.fb_range.end, 0x47ffffff);	/* 128 MiB */
	assert_int_equal(r.kdump.config_window.start, 0x48000000);
	assert_true(r.saved);
	sim_result_free(&r);
	run(&r, "arch", "arm64", "kernel-fixes", "vmbus-reserve-fb-low-base", NULL);
	assert_int_equal(r.kdump.fb_range.start, 0x40000000);
	assert_int_equal(r.kdump.fb_range.end, 0x47ffffff);
	assert_true(r.saved);
	sim_result_free(&r);
	/* a local arm64 host: 512 MiB from 0xe0000000, half of 4 GiB - base is 256 MiB */
	run(&r, "layout", "hyperv-arm64", "kernel-fixes", "vmbus-reserve-fb-low-base", NULL);
	assert_int_equal(r.kdump.fb_range.start, 0xe0000000);
	assert_int_equal(r.kdump.fb_range.end, 0xe7ffffff);
	assert_true(r.saved);
	sim_result_free(&r);
}

/* The kernel key: what the release table says the kernel carries. */
static void kernel_release_decides(void **state)
{
	struct sim_result r;

	(void)state;
	/* mainline keeps 016a25e4b0df inside IS_ENABLED(CONFIG_SYSFB) */
	run(&r, "kernel", "7.1", "sysfb", "no", NULL);
	assert_false(r.kdump.fb_range.set);
	assert_false(r.first_ok);
	sim_result_free(&r);
	/* the 6.1.y backport has no SYSFB test: it reserves anyway */
	run(&r, "kernel", "6.1.177", "sysfb", "no", NULL);
	assert_int_equal(r.kdump.fb_range.start, 0x40000000);
	assert_int_equal(r.kdump.fb_range.end, 0x47ffffff);
	assert_true(r.saved);
	sim_result_free(&r);
	/* before the backport: lost */
	run(&r, "kernel", "6.1.100", NULL);
	assert_false(r.kdump.fb_range.set);
	assert_false(r.saved);
	sim_result_free(&r);
	/* a distribution kernel: unknown, assumed absent */
	run(&r, "kernel", "6.8.0-1051-azure", NULL);
	assert_false(r.saved);
	sim_result_free(&r);
	/* kernel-fixes given by hand win over the table */
	run(&r, "kernel", "6.8.0-1051-azure", "kernel-fixes", "vmbus-reserve-fb-low-base", NULL);
	assert_true(r.saved);
	sim_result_free(&r);
	/* a fixed running kernel whose kdump service loads an older one */
	run(&r, "kernel", "7.1", "kdump-kernel", "6.1.100", NULL);
	assert_int_equal(r.first.config_window.start, 0x48000000);
	assert_false(r.kdump.fb_range.set);
	assert_false(r.saved);
	sim_result_free(&r);
	run(&r, "kernel", "6.1.100", "kdump-kernel", "7.1", NULL);
	assert_int_equal(r.kdump.fb_range.end, 0x47ffffff);
	assert_true(r.saved);
	sim_result_free(&r);
	/* 5.15.y: Gen1's base from screen_info, so a text-mode boot reserves nothing */
	run(&r, "layout", "hyperv-gen1", "kernel", "5.15.211", NULL);
	assert_false(r.first.fb_range.set);
	sim_result_free(&r);
	run(&r, "layout", "hyperv-gen1", "kernel", "6.1.177", NULL);
	assert_int_equal(r.first.fb_range.start, 0xf8000000);
	sim_result_free(&r);
}

static void config_window_above_4g(void **state)
{
	struct sim_result r;

	(void)state;
	run(&r, "kernel-fixes", "pci-config-above-4g", NULL);
	assert_true(r.kdump.config_window.start >= 0x100000000ULL);
	assert_true(r.saved);
	sim_result_free(&r);
	/* "as long as there are no 32-bit PCI BARs" */
	run(&r, "kernel-fixes", "pci-config-above-4g", "bars32", "1M", NULL);
	assert_false(r.kdump.d0_refused);
	assert_int_equal(r.kdump.low_window.start, 0x40000000);
	assert_true(r.kdump.bars_on_vram);
	assert_false(r.saved);
	assert_true(has_code(&r, REASON_BARS_ON_VRAM));
	sim_result_free(&r);
	/* no high range: no fallback below 4 GiB */
	run(&r, "kernel-fixes", "pci-config-above-4g", "high-mmio", "none", "bars64", "0", NULL);
	assert_false(r.kdump.config_window.set);
	assert_true(has_code(&r, REASON_NO_MMIO));
	assert_false(r.saved);
	sim_result_free(&r);
}

static void bars32_behind_fb_range(void **state)
{
	struct sim_result r;

	(void)state;
	run(&r, "kexec-syscall", "file", "bars32", "2M", NULL);
	assert_true(r.kdump.low_window.set);
	assert_true(r.kdump.low_window.start >= 0x40800000);
	assert_int_equal(r.kdump.low_window.start % 0x200000, 0);	/* 2 MiB aligned */
	assert_true(r.saved);
	sim_result_free(&r);
}

static void dump_targets(void **state)
{
	static const struct {
		const char *target;
		bool saved;
	} rows[] = {
		{ "nvme", false }, { "net-vf", false }, { "scsi", true }, { "net-synthetic", true },
	};
	size_t i;

	(void)state;
	for (i = 0; i < 4; i++) {
		struct sim_result r;

		run(&r, "dump-target", rows[i].target, NULL);
		assert_true(r.kdump.d0_refused);	/* the same failure each time */
		assert_int_equal(r.saved, rows[i].saved);
		sim_result_free(&r);
	}
}

static void probe_order_and_initramfs(void **state)
{
	struct sim_result r;

	(void)state;
	/* hyperv_drm first in the kdump kernel moves VRAM before hv_pci comes */
	run(&r, "kdump-modules", "pci_hyperv,hyperv_drm", "probe-order", "hyperv_drm,pci_hyperv", NULL);
	assert_string_equal(r.kdump.video_driver, "hyperv_drm");
	assert_int_equal(r.kdump.vram.start, 0x40000000);
	assert_int_equal(r.kdump.config_window.start, 0x40800000);
	assert_true(r.saved);
	sim_result_free(&r);
	/* in the default order it comes too late */
	run(&r, "kdump-modules", "pci_hyperv,hyperv_drm", NULL);
	assert_true(r.kdump.d0_refused);
	assert_false(r.saved);
	sim_result_free(&r);
	/* built in: probes before the modules whatever the order says */
	run(&r, "builtin", "hyperv_drm", "probe-order", "pci_hyperv,hyperv_drm", NULL);
	assert_true(r.saved);
	sim_result_free(&r);
	/* no pci_hyperv at all */
	run(&r, "kdump-modules", "none", NULL);
	assert_false(r.kdump.pci_probed);
	assert_true(has_code(&r, REASON_NO_PCI_DRIVER));
	sim_result_free(&r);
	run(&r, "kdump-modules", "none", "builtin", "pci_hyperv", NULL);
	assert_true(r.kdump.pci_probed);
	sim_result_free(&r);
}

static void gen1_reserves_the_bar(void **state)
{
	struct sim_result r;

	(void)state;
	run(&r, "layout", "hyperv-gen1", NULL);
	assert_int_equal(r.kdump.fb_range.start, 0xf8000000);
	assert_int_equal(r.kdump.fb_range.end, 0xfbffffff);
	assert_int_equal(r.kdump.config_window.start, 0xfc000000);
	assert_true(r.saved);
	sim_result_free(&r);
}

static void cvm_has_no_vram(void **state)
{
	struct sim_result r;

	(void)state;
	run(&r, "layout", "azure-cvm", NULL);
	assert_false(r.first.vram.set);
	assert_int_equal(r.kdump.config_window.start, 0xc0000000);
	assert_true(r.saved);
	sim_result_free(&r);
}

static void trace_names_each_function(void **state)
{
	static const char *const funcs[] = {
		"firmware", "vmbus_walk_resources", "vmbus_reserve_fb", "sysfb_init",
		"vmbus_allocate_mmio", "hv_pci_probe", "hv_allocate_config_window",
		"hv_pci_enter_d0", "hyperv_setup_vram", "aperture_remove_conflicting_devices",
		"synthvid_update_vram_location", "kexec_load", "setup_linux_vesafb",
		"kdump_load", "crash_kexec",
	};
	struct sim_result r;
	size_t i, s;

	(void)state;
	run(&r, NULL);
	for (s = 0; s < r.trace.n; s++) {
		assert_non_null(r.trace.steps[s].func);
		assert_true(r.trace.steps[s].func[0]);
		assert_true(r.trace.steps[s].msg[0]);
	}
	for (i = 0; i < sizeof(funcs) / sizeof(funcs[0]); i++) {
		for (s = 0; s < r.trace.n; s++)
			if (!strcmp(r.trace.steps[s].func, funcs[i]))
				break;
		if (s == r.trace.n)
			fail_msg("no step names %s", funcs[i]);
	}
	assert_non_null(r.kdump.iomem);
	/* D0 entry failed: hv_pci_probe()'s error path frees the config window */
	assert_string_equal(r.kdump.iomem, "");
	assert_string_equal(r.first.iomem, "40000000-407fffff : hyperv_drm\n"
			    "40800000-40801fff : pci_hyperv\n"
			    "fe0000000-fe00fffff : pci_hyperv\n");
	sim_result_free(&r);
}

static void lean_run_keeps_no_trace(void **state)
{
	struct scenario sc;
	struct sim_result r;
	struct hv_err err;

	(void)state;
	assert_int_equal(build(&sc, &err, NULL), 0);
	assert_int_equal(simulate(&sc, &r, false), 0);
	assert_int_equal(r.trace.n, 0);
	assert_null(r.first.iomem);
	assert_false(r.saved);
	sim_result_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(kexec_load_eras_by_fb_id),
		cmocka_unit_test(kexec_load_without_hide_smem_start),
		cmocka_unit_test(kexec_load_vesa_on_gen1),
		cmocka_unit_test(kexec_load_smem_above_4g),
		cmocka_unit_test(file_load_copies_screen_info_on_x86_only),
		cmocka_unit_test(default_syscall_by_era),
		cmocka_unit_test(lockdown_refuses_kexec_load),
		cmocka_unit_test(auto_falls_back_on_enosys_only),
		cmocka_unit_test(service_retries_after_any_failure),
		cmocka_unit_test(kexec_tools_versions),
		cmocka_unit_test(vesafb_fields),
		cmocka_unit_test(field_case_config_window_on_vram),
		cmocka_unit_test(relocated_vram_hangs_the_kdump_fb),
		cmocka_unit_test(old_hyperv_fb_moves_past_efifb),
		cmocka_unit_test(improved_reserve_fb_saves_it),
		cmocka_unit_test(kernel_release_decides),
		cmocka_unit_test(config_window_above_4g),
		cmocka_unit_test(bars32_behind_fb_range),
		cmocka_unit_test(dump_targets),
		cmocka_unit_test(probe_order_and_initramfs),
		cmocka_unit_test(gen1_reserves_the_bar),
		cmocka_unit_test(cvm_has_no_vram),
		cmocka_unit_test(trace_names_each_function),
		cmocka_unit_test(lean_run_keeps_no_trace),
	};

	return cmocka_run_group_tests_name("simulate", tests, NULL, NULL);
}
