// SPDX-License-Identifier: GPL-2.0-or-later
/* Scenario keys, presets, impossible combinations, the file format. */
#include "testutil.h"
#include "scenario_util.h"

static void defaults_are_the_field_case(void **state)
{
	struct scenario sc;
	struct hv_err err;

	(void)state;
	assert_int_equal(build(&sc, &err, NULL), 0);
	assert_string_equal(sc.layout, "azure-gen2");
	assert_int_equal(sc.gen, 2);
	assert_int_equal(sc.arch, ARCH_X86_64);
	assert_int_equal(sc.low.start, 0x40000000);
	assert_int_equal(sc.fb_base, 0x40000000);
	assert_int_equal(sc.fb_size, 3 << 20);
	assert_int_equal(sc.vram_mb, 8);
	assert_int_equal(sc.kdump_modules, MOD_BIT(MOD_PCI_HYPERV));
	assert_int_equal(sc.builtin, 0);
	assert_int_equal(sc.kexec_tools, 20022);
	assert_int_equal(sc.bars64, 1 << 20);
	assert_int_equal(sc.bars32, 0);
	assert_true(sc.hide_smem_start);
}

static void presets(void **state)
{
	struct scenario sc;
	struct hv_err err;

	(void)state;
	assert_int_equal(build(&sc, &err, "layout", "hyperv-gen1", NULL), 0);
	assert_int_equal(sc.gen, 1);
	assert_int_equal(sc.video_bar.start, 0xf8000000);
	assert_int_equal(sc.video_bar.end, 0xfbffffff);
	/* the _CRS range as the host publishes it: the kernel cuts it at the vTPM */
	assert_int_equal(sc.low.start, 0xf8000000);
	assert_int_equal(sc.low.end, 0xfffbffff);
	assert_int_equal(sc.high.start, 0xfe0000000ULL);
	/* Azure arm64: 3 GiB like x86, the framebuffer at its base */
	assert_int_equal(build(&sc, &err, "layout", "azure-arm64", NULL), 0);
	assert_int_equal(sc.arch, ARCH_ARM64);
	assert_int_equal(sc.low.start, 0x40000000);
	assert_int_equal(sc.low.end, 0xffffffff);
	assert_int_equal(sc.fb_base, 0x40000000);
	assert_int_equal(build(&sc, &err, "layout", "hyperv-arm64", NULL), 0);
	assert_int_equal(sc.low.start, 0xe0000000);
	assert_int_equal(sc.low.end - sc.low.start + 1, 512 << 20);
	assert_int_equal(build(&sc, &err, "layout", "hyperv-gen2", NULL), 0);
	assert_int_equal(sc.low.start, 0xf8000000);
	assert_int_equal(sc.fb_base, 0xf8000000);
	assert_int_equal(sc.vram_mb, 8);
	assert_int_equal(build(&sc, &err, "layout", "azure-gen2", NULL), 0);
	assert_int_equal(sc.low.start, 0x40000000);
	assert_int_equal(sc.fb_base, 0x40000000);
	assert_int_equal(build(&sc, &err, "layout", "azure-cvm", NULL), 0);
	assert_int_equal(sc.low.end - sc.low.start + 1, 1 << 30);
	assert_int_equal(sc.fb_base, 0);
	assert_false(sc.video);
	assert_int_equal(sc.fb_driver, FB_NONE);
	/* gen or arch alone pick the preset that fits */
	assert_int_equal(build(&sc, &err, "gen", "1", NULL), 0);
	assert_string_equal(sc.layout, "hyperv-gen1");
	assert_int_equal(build(&sc, &err, "arch", "arm64", NULL), 0);
	assert_string_equal(sc.layout, "azure-arm64");
}

/*
 * The host's rules, on the worked examples Hyper-V's developers published
 * (SPEC section 4, "The host's layout").
 */
static void host_layouts(void **state)
{
	struct scenario sc;
	struct hv_err err;

	(void)state;
	/* "1920x1080 -> 8 MiB" */
	assert_int_equal(build(&sc, &err, "layout", "hyperv-gen2", "resolution", "1920x1080", NULL), 0);
	assert_int_equal(sc.vram_mb, 8);
	/* "4834x3622 -> 68 MiB": 4 MiB over 64 moves the base down by 8 MiB */
	assert_int_equal(build(&sc, &err, "layout", "hyperv-gen2", "resolution", "4834x3622", NULL), 0);
	assert_int_equal(sc.vram_mb, 68);
	assert_int_equal(sc.low.start, 0xf7800000);
	assert_int_equal(sc.fb_base, 0xf7800000);
	/* Set-VM 128M: 4 GiB - 128 MiB is not lower, the base stays */
	assert_int_equal(build(&sc, &err, "layout", "hyperv-gen2", "resolution", "4834x3622",
			       "low-mmio-space", "128M", NULL), 0);
	assert_int_equal(sc.low.start, 0xf7800000);
	/* Set-VM 150M: 0xf6a00000 is lower */
	assert_int_equal(build(&sc, &err, "layout", "hyperv-gen2", "resolution", "4834x3622",
			       "low-mmio-space", "150M", NULL), 0);
	assert_int_equal(sc.low.start, 0xf6a00000);
	assert_int_equal(sc.fb_base, 0xf6a00000);
	/* Set-VM 1G */
	assert_int_equal(build(&sc, &err, "layout", "hyperv-gen2", "resolution", "4834x3622",
			       "low-mmio-space", "1G", NULL), 0);
	assert_int_equal(sc.low.start, 0xc0000000);
	/* an odd size rounds up to 2 MiB: 149 MiB is 150 */
	assert_int_equal(build(&sc, &err, "layout", "hyperv-gen2", "resolution", "4834x3622",
			       "low-mmio-space", "149M", NULL), 0);
	assert_int_equal(sc.low.start, 0xf6a00000);
	/* "7680x4320 -> 128 MiB": 64 MiB over, the base 128 MiB lower */
	assert_int_equal(build(&sc, &err, "layout", "hyperv-gen2", "resolution", "7680x4320", NULL), 0);
	assert_int_equal(sc.vram_mb, 128);
	assert_int_equal(sc.low.start, 0xf0000000);
	/* arm64: the excess is ignored; the local default is 512 MiB */
	assert_int_equal(build(&sc, &err, "layout", "hyperv-arm64", "resolution", "7680x4320", NULL), 0);
	assert_int_equal(sc.vram_mb, 128);
	assert_int_equal(sc.low.start, 0xe0000000);
	/* Gen1 with Set-VM 1G: 0xc0000000-0xfffbffff, BAR0 where it always is */
	assert_int_equal(build(&sc, &err, "layout", "hyperv-gen1", "low-mmio-space", "1G", NULL), 0);
	assert_int_equal(sc.low.start, 0xc0000000);
	assert_int_equal(sc.low.end, 0xfffbffff);
	assert_int_equal(sc.video_bar.start, 0xf8000000);
	assert_int_equal(sc.video_bar.end, 0xfbffffff);
	/* a range given by hand wins over the computed one */
	assert_int_equal(build(&sc, &err, "layout", "hyperv-gen2", "resolution", "7680x4320",
			       "low-mmio", "0xf8000000-0xffffffff", "fb-base", "0xf8000000", NULL), 0);
	assert_int_equal(sc.low.start, 0xf8000000);
	assert_int_equal(sc.vram_mb, 128);
}

/* What no host makes is bad input, with the rule. */
static void impossible_layouts(void **state)
{
	struct scenario sc;
	struct hv_err err;

	(void)state;
	assert_int_equal(build(&sc, &err, "low-mmio-space", "64M", NULL), -1);
	assert_string_equal(err.msg, "low-mmio-space: 64 MiB is outside what Set-VM "
			    "-LowMemoryMappedIoSpace takes on x86_64 (128 MiB to 3.5 GiB)");
	assert_int_equal(build(&sc, &err, "layout", "hyperv-arm64", "low-mmio-space", "256M", NULL), -1);
	assert_string_equal(err.msg, "low-mmio-space: 256 MiB is outside what Set-VM "
			    "-LowMemoryMappedIoSpace takes on arm64 (512 MiB to 3.5 GiB)");
	assert_int_equal(build(&sc, &err, "low-mmio-space", "4G", NULL), -1);
	assert_int_equal(build(&sc, &err, "low-mmio-space", "3584M", NULL), 0);
	assert_int_equal(sc.low.start, 0x20000000);
	assert_int_equal(build(&sc, &err, "resolution", "8000x5000", NULL), -1);
	assert_string_equal(err.msg, "resolution: 8000x5000 needs 154 MiB of VRAM; Hyper-V's "
			    "largest, 7680x4320, needs 128 MiB");
	assert_int_equal(build(&sc, &err, "resolution", "1920", NULL), -1);
	assert_int_equal(build(&sc, &err, "resolution", "0x1080", NULL), -1);
	assert_int_equal(build(&sc, &err, "fb-base", "0x100000000", "low-mmio",
			       "0x40000000-0xffffffff", NULL), -1);
	assert_string_equal(err.msg, "fb-base: 0x100000000 is at or above 4 GiB; the host always "
			    "places the framebuffer below 4 GiB");
	assert_int_equal(build(&sc, &err, "low-mmio", "0x10000000-0xffffffff", "fb-base",
			       "0x10000000", NULL), -1);
	assert_string_equal(err.msg, "low-mmio: 0x10000000-0xffffffff is larger than any host "
			    "makes (Set-VM -LowMemoryMappedIoSpace takes at most 3.5 GiB: from "
			    "0x20000000)");
	assert_int_equal(build(&sc, &err, "fb-base", "0x30000000", NULL), -1);
	assert_string_equal(err.msg, "fb-base: 0x30000000 lies outside the low MMIO range "
			    "0x40000000-0xffffffff; on Gen2 the host places the framebuffer inside "
			    "it, at its base");
}

static void layout_first_then_the_rest(void **state)
{
	struct scenario sc;
	struct hv_err err;

	(void)state;
	/* fb-base before layout still wins: the layout applies first */
	assert_int_equal(build(&sc, &err, "fb-base", "0x50000000", "layout", "azure-gen2", NULL), 0);
	assert_int_equal(sc.fb_base, 0x50000000);
	assert_string_equal(sc.layout, "custom");
	/* a later pair wins over an earlier one */
	assert_int_equal(build(&sc, &err, "vram-mb", "32", "vram-mb", "64", NULL), 0);
	assert_int_equal(sc.vram_mb, 64);
}

static void values(void **state)
{
	struct scenario sc;
	struct hv_err err;

	(void)state;
	assert_int_equal(build(&sc, &err, "builtin", "pci_hyperv,hyperv_drm",
			       "kdump-modules", "none", "kernel-fixes", "vtpm-fix,pci-config-above-4g",
			       "kexec-tools", "2.0.28", "kexec-syscall", "auto",
			       "probe-order", "hyperv_drm", "bars32", "2M", "low-mmio",
			       "0x80000000-0xbfffffff", "fb-base", "0x80000000", "high-mmio", "none",
			       NULL), 0);
	assert_int_equal(sc.builtin, MOD_BIT(MOD_PCI_HYPERV) | MOD_BIT(MOD_HYPERV_DRM));
	assert_int_equal(sc.kdump_modules, 0);
	assert_int_equal(sc.fixes, FIX_BIT(FIX_VTPM) | FIX_BIT(FIX_PCI_CONFIG_ABOVE_4G));
	assert_int_equal(sc.kexec_tools, 20028);
	assert_int_equal(sc.kexec, KEXEC_REQ_AUTO);
	assert_int_equal(sc.probe_order[0], MOD_HYPERV_DRM);
	assert_int_equal(sc.probe_order[1], MOD_PCI_HYPERV);
	assert_int_equal(sc.probe_order[2], MOD_HYPERV_FB);
	assert_int_equal(sc.bars32, 2 << 20);
	assert_int_equal(sc.low.start, 0x80000000);
	assert_false(sc.high.set);
}

struct bad {
	const char *key, *value, *msg;
};

static void bad_values(void **state)
{
	static const struct bad bad[] = {
		{ "arch", "sparc", "arch: unknown value \"sparc\" (expected x86_64|arm64)" },
		{ "gen", "3", "gen: expected 1 or 2, not \"3\"" },
		{ "layout", "aws", "layout: unknown value \"aws\" (expected azure-gen2|azure-arm64|azure-cvm|hyperv-gen2|hyperv-arm64|hyperv-gen1)" },
		{ "vram-mb", "0", "vram-mb: 0 is not between 1 and 65536" },
		{ "vram-mb", "lots", "vram-mb: \"lots\": not a number" },
		{ "fb-size", "8G", "fb-size: 0x200000000 does not fit screen_info.lfb_size (32 bits)" },
		{ "low-mmio", "0x1000", "low-mmio: expected START-END, not \"0x1000\"" },
		{ "low-mmio", "0x2000-0x1000", "low-mmio: end 0x1000 is below start 0x2000" },
		{ "builtin", "pci_hyperv,nvme", "builtin: unknown name \"nvme\" in \"pci_hyperv,nvme\"" },
		{ "builtin", "pci_hyperv,pci_hyperv", "builtin: \"pci_hyperv\" is listed twice" },
		{ "builtin", "pci_hyperv,", "builtin: empty name at the end of \"pci_hyperv,\"" },
		{ "kernel-fixes", "all", "kernel-fixes: unknown name \"all\" in \"all\"" },
		{ "kexec-tools", "2.0", "kexec-tools: expected a version like 2.0.22, not \"2.0\"" },
		{ "kexec-tools", "2.0.22x", "kexec-tools: expected a version like 2.0.22, not \"2.0.22x\"" },
		{ "kexec-syscall", "both", "kexec-syscall: unknown value \"both\" (expected default|load|file|auto)" },
		{ "video", "maybe", "video: expected yes or no, not \"maybe\"" },
		{ "probe-order", "none", "probe-order: name at least one module" },
		{ "colour", "red", "unknown key \"colour\"" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct scenario_pair p = { .key = bad[i].key, .value = bad[i].value };
		struct scenario sc;
		struct hv_err err = { 0, "" };

		assert_int_equal(scenario_build(&sc, &p, 1, &err), -1);
		assert_string_equal(err.msg, bad[i].msg);
	}
}

static void impossible_combinations(void **state)
{
	struct scenario sc;
	struct hv_err err;

	(void)state;
	assert_int_equal(build(&sc, &err, "arch", "arm64", "gen", "1", NULL), -1);
	assert_string_equal(err.msg, "arm64 Hyper-V VMs are Gen2 only: gen 1 is impossible with arch arm64");
	assert_int_equal(build(&sc, &err, "layout", "azure-gen2", "gen", "1", NULL), -1);
	assert_string_equal(err.msg, "layout azure-gen2 is a Gen2 layout, not Gen1");
	assert_int_equal(build(&sc, &err, "kexec-syscall", "auto", "kexec-tools", "2.0.16", NULL), -1);
	assert_string_equal(err.msg, "kexec-syscall auto: kexec-tools 2.0.16 has no -a (it came in 2.0.17)");
	assert_int_equal(build(&sc, &err, "gen", "1", "fb-driver", "efifb", NULL), -1);
	assert_string_equal(err.msg, "fb-driver efifb needs EFI boot: Gen2 only");
	assert_int_equal(build(&sc, &err, "fb-driver", "vesafb", NULL), -1);
	assert_int_equal(build(&sc, &err, "layout", "azure-cvm", "fb-driver", "hyperv_drm", NULL), -1);
	assert_string_equal(err.msg, "fb-driver hyperv_drm needs a synthetic video device (video = no)");
	assert_int_equal(build(&sc, &err, "builtin", "hyperv_drm", "fb-driver", "efifb", NULL), -1);
	assert_string_equal(err.msg, "hyperv_drm is built in and binds the video device first, "
			    "so fb-driver must be hyperv_drm, not efifb");
	assert_int_equal(build(&sc, &err, "low-mmio", "0x100000000-0x1ffffffff", NULL), -1);
	assert_int_equal(build(&sc, &err, "high-mmio", "0x80000000-0x8fffffff", NULL), -1);
	assert_int_equal(build(&sc, &err, "gen", "1", "video-bar", "none", NULL), -1);
	assert_string_equal(err.msg, "video-bar: a Gen1 VM with a video device needs BAR0 of 1414:5353");
}

static void file_format(void **state)
{
	static const char text[] =
		"# Ubuntu 22.04 on Azure\n"
		"\n"
		"layout = azure-gen2   # the preset\n"
		"kexec-tools=2.0.28\n"
		"  fb-driver =  hyperv_fb  \n";
	struct scenario_file f;
	struct scenario sc;
	struct hv_err err = { 0, "" };

	(void)state;
	assert_int_equal(scenario_file_parse("s.conf", text, sizeof(text) - 1, &f, &err), 0);
	assert_int_equal(f.npairs, 3);
	assert_string_equal(f.pairs[0].key, "layout");
	assert_string_equal(f.pairs[0].value, "azure-gen2");
	assert_int_equal(f.pairs[1].line, 4);
	assert_string_equal(f.pairs[2].value, "hyperv_fb");
	assert_int_equal(scenario_build(&sc, f.pairs, f.npairs, &err), 0);
	assert_int_equal(sc.fb_driver, FB_HYPERV_FB);
	scenario_file_free(&f);
}

static void file_errors_name_the_line(void **state)
{
	struct scenario_file f;
	struct scenario sc;
	struct hv_err err = { 0, "" };
	static const char bad_value[] = "gen = 2\nfb-driver = vga\n";

	(void)state;
	assert_int_equal(scenario_file_parse("s", "gen 2\n", 6, &f, &err), -1);
	assert_int_equal(err.line, 1);
	assert_string_equal(err.msg, "expected key = value, not \"gen 2\"");
	assert_int_equal(scenario_file_parse("s", "\n\ngen =\n", 8, &f, &err), -1);
	assert_int_equal(err.line, 3);
	assert_int_equal(scenario_file_parse("s", "a\0b", 3, &f, &err), -1);
	assert_string_equal(err.msg, "NUL byte in the file");
	assert_int_equal(scenario_file_parse("s", bad_value, sizeof(bad_value) - 1, &f, &err), 0);
	assert_int_equal(scenario_build(&sc, f.pairs, f.npairs, &err), -1);
	assert_int_equal(err.line, 2);
	scenario_file_free(&f);
}

static void dump_reads_back(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct scenario sc, back;
	struct scenario_file f;
	struct hv_err err;

	(void)state;
	assert_int_equal(build(&sc, &err, "layout", "hyperv-gen1", "kexec-tools", "2.0.18",
			       "kernel-fixes", "vtpm-fix", "bars32", "1M", NULL), 0);
	scenario_dump(&sc, &sb);
	assert_int_equal(scenario_file_parse("dump", sb.buf, sb.len, &f, &err), 0);
	assert_int_equal(scenario_build(&back, f.pairs, f.npairs, &err), 0);
	back.layout = sc.layout;	/* explicit ranges make it "custom" */
	back.manual = sc.manual;	/* ... and given by hand */
	assert_memory_equal(&back, &sc, sizeof(sc));
	scenario_file_free(&f);
	sb_release(&sb);
	/* ranges given by hand: no preset to name, gen and arch pick one to start from */
	assert_int_equal(build(&sc, &err, "gen", "1", "low-mmio", "0xc0000000-0xfffbffff", NULL), 0);
	assert_string_equal(sc.layout, "custom");
	scenario_dump(&sc, &sb);
	assert_null(strstr(sb.buf, "layout"));
	assert_int_equal(scenario_file_parse("dump", sb.buf, sb.len, &f, &err), 0);
	assert_int_equal(scenario_build(&back, f.pairs, f.npairs, &err), 0);
	assert_string_equal(back.layout, "custom");
	back.manual = sc.manual;	/* the dump gives every range by hand */
	assert_memory_equal(&back, &sc, sizeof(sc));
	scenario_file_free(&f);
	sb_release(&sb);
	/* every key the dump leaves out by default, given */
	assert_int_equal(build(&sc, &err, "kernel", "6.1.100", "kdump-kernel", "7.1",
			       "low-mmio-space", "1G", "kexec-args", "-p -s", "kexec-retry-args",
			       "default", "fb0-id", "ioctl-fails", "fb0-smem-start", "0",
			       "fb0-smem-len", "1M", "boot-params", "no", "kexec-tools",
			       "1:2.0.22-2ubuntu3", "pci-passthrough", "none", "dump-target", "scsi",
			       "host-fw-vram-d0", "refuse", "observed-vram", "0x40000000-0x407fffff",
			       NULL), 0);
	scenario_dump(&sc, &sb);
	assert_non_null(strstr(sb.buf, "fb0-smem-start = 0x0\nfb0-smem-len = 0x100000\n"));
	assert_non_null(strstr(sb.buf, "kexec-retry-args = default\n"));
	assert_int_equal(scenario_file_parse("dump", sb.buf, sb.len, &f, &err), 0);
	assert_int_equal(scenario_build(&back, f.pairs, f.npairs, &err), 0);
	back.layout = sc.layout;
	back.manual = sc.manual;
	assert_memory_equal(&back, &sc, sizeof(sc));
	scenario_file_free(&f);
	sb_release(&sb);
}

/* Every value a row offers (matrix --vary, its list) is read, and prints as it reads back. */
static void key_table(void **state)
{
	unsigned int i, v;

	(void)state;
	for (i = 0; i < scenario_nkeys; i++) {
		const struct scenario_key *k = &scenario_keys[i];
		unsigned int n = k->vary ? 0 : scenario_key_nvalues(k);

		assert_ptr_equal(scenario_key_find(k->name), k);
		if (k->type == SK_OTHER)
			assert_true(k->set && k->print);
		while (k->vary && k->vary[n])
			n++;
		for (v = 0; v < n; v++) {
			char val[128], once[1100], twice[1100];
			struct hv_err err = { 0, "" };
			struct scenario sc;

			if (k->vary)
				snprintf(val, sizeof(val), "%s", k->vary[v]);
			else
				scenario_key_value(k, v, val, sizeof(val));
			scenario_defaults(&sc);
			if (scenario_set(&sc, k->name, val, &err))
				fail_msg("%s = %s: %s", k->name, val, err.msg);
			scenario_key_print(&sc, k, once, sizeof(once));
			assert_int_equal(scenario_set(&sc, k->name, once, &err), 0);
			scenario_key_print(&sc, k, twice, sizeof(twice));
			assert_string_equal(once, twice);
		}
	}
	assert_null(scenario_key_find("colour"));
}

/*
 * check's internal keys follow the user's: only observed values name them,
 * each reads back as it prints; the user's keys do not include them.
 */
static void internal_keys(void **state)
{
	static const char *const values[] = { "yes", "no", "same", "own", "none",
					      "pci_hyperv,hyperv_fb", "it stops" };
	unsigned int i, v;

	(void)state;
	assert_true(scenario_nkeys < scenario_nkeys_all);
	for (i = 0; i < scenario_nkeys_all; i++) {
		const struct scenario_key *k = &scenario_keys[i];
		unsigned int read = 0;

		assert_int_equal(k->internal, i >= scenario_nkeys);
		if (!k->internal)
			continue;
		assert_null(scenario_key_find(k->name));
		for (v = 0; v < sizeof(values) / sizeof(values[0]); v++) {
			char once[200], twice[200];
			struct hv_err err = { 0, "" };
			struct scenario sc;

			scenario_defaults(&sc);
			if (scenario_set_observed(&sc, k->name, values[v], &err))
				continue;
			read++;
			scenario_key_print(&sc, k, once, sizeof(once));
			assert_int_equal(scenario_set_observed(&sc, k->name, once, &err), 0);
			scenario_key_print(&sc, k, twice, sizeof(twice));
			assert_string_equal(once, twice);
			/* neither custom nor a layout field by hand */
			assert_string_equal(sc.layout, "azure-gen2");
		}
		assert_true(read > 0);
	}
	/* the module names, by the enum */
	assert_string_equal(module_name(MOD_PCI_HYPERV), "pci_hyperv");
	assert_string_equal(module_name(MOD_HYPERV_DRM), "hyperv_drm");
	assert_string_equal(module_name(MOD_HYPERV_FB), "hyperv_fb");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(defaults_are_the_field_case),
		cmocka_unit_test(presets),
		cmocka_unit_test(host_layouts),
		cmocka_unit_test(impossible_layouts),
		cmocka_unit_test(layout_first_then_the_rest),
		cmocka_unit_test(values),
		cmocka_unit_test(bad_values),
		cmocka_unit_test(impossible_combinations),
		cmocka_unit_test(file_format),
		cmocka_unit_test(file_errors_name_the_line),
		cmocka_unit_test(dump_reads_back),
		cmocka_unit_test(key_table),
		cmocka_unit_test(internal_keys),
	};

	return cmocka_run_group_tests_name("scenario", tests, NULL, NULL);
}
