// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The facts, one row each: the name check prints, the JSON member, the
 * scenario keys the fact gives values to, and the values it could have
 * while unknown (the flips: check.c runs each).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "facts.h"
#include "fixes.h"

static void pair_add(struct fact_pairs *out, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void pair_add(struct fact_pairs *out, const char *key, const char *fmt, ...)
{
	va_list ap;

	if (out->n == FACT_MAX_PAIRS)
		return;
	va_start(ap, fmt);
	vsnprintf(out->value[out->n], sizeof(out->value[0]), fmt, ap);
	va_end(ap);
	out->pair[out->n] = (struct scenario_pair){ key, out->value[out->n], NULL, 0 };
	out->n++;
}

static const char *yes(bool b)
{
	return b ? "yes" : "no";
}

/* The presets check picks from what the VM shows: generation, architecture, video device. */
enum vm_kind { VM_GEN2, VM_GEN1, VM_ARM64, VM_CVM };

static enum vm_kind vm_kind(const struct facts *f)
{
	if (f->f[F_GEN].known && f->gen == 1)
		return VM_GEN1;
	if (f->f[F_ARCH].known && f->arch == ARCH_ARM64)
		return VM_ARM64;
	if (f->f[F_VIDEO_DEV].known && !f->video_dev)
		return VM_CVM;
	return VM_GEN2;
}

static void layout_pairs(const struct facts *f, struct fact_pairs *out)
{
	static const char *const layouts[] = {
		[VM_GEN2] = "azure-gen2", [VM_GEN1] = "hyperv-gen1", [VM_ARM64] = "azure-arm64",
		[VM_CVM] = "azure-cvm",
	};

	pair_add(out, "layout", "%s", layouts[vm_kind(f)]);
}

static void vram_pairs(const struct facts *f, struct fact_pairs *out)
{
	pair_add(out, "observed-vram", "0x%llx-0x%llx", (unsigned long long)f->vram.start,
		 (unsigned long long)f->vram.end);
}

/* Without a video device (azure-cvm), neither Hyper-V driver owns /dev/fb0. */
static void fb0_pairs(const struct facts *f, struct fact_pairs *out)
{
	enum fb_driver fb = f->fb_driver;

	if (vm_kind(f) == VM_CVM && (fb == FB_HYPERV_DRM || fb == FB_HYPERV_FB))
		fb = FB_NONE;
	pair_add(out, "fb-driver", "%s", fb_driver_name(fb));
}

static void builtin_pairs(const struct facts *f, struct fact_pairs *out)
{
	char set[64];

	module_set_str(f->builtin, set, sizeof(set));
	pair_add(out, "builtin", "%s", set);
}

static void sysfb_pairs(const struct facts *f, struct fact_pairs *out)
{
	pair_add(out, "sysfb", "%s", yes(f->sysfb));
}

static void kexec_file_pairs(const struct facts *f, struct fact_pairs *out)
{
	pair_add(out, "kexec-file", "%s", yes(f->kexec_file));
}

static void hide_smem_pairs(const struct facts *f, struct fact_pairs *out)
{
	pair_add(out, "hide-smem-start", "%s", yes(f->hide_smem));
}

/*
 * The package's version where it says more than the upstream one and the
 * key reads the same upstream version from it ("1:2.0.22-2ubuntu3"); else
 * the upstream version alone (a "2.0.22+dfsg-1" the key would refuse).
 */
static void kexec_tools_pairs(const struct facts *f, struct fact_pairs *out)
{
	const char *colon = strchr(f->kexec_package, ':');
	const char *up = colon ? colon + 1 : f->kexec_package;
	char ver[16];

	kexec_tools_str(f->kexec_tools, ver, sizeof(ver));
	if (strpbrk(f->kexec_package, ":-") && strcspn(up, "-") == strlen(ver) &&
	    !strncmp(up, ver, strlen(ver)))
		pair_add(out, "kexec-tools", "%s", f->kexec_package);
	else
		pair_add(out, "kexec-tools", "%s", ver);
}

static void lockdown_pairs(const struct facts *f, struct fact_pairs *out)
{
	pair_add(out, "lockdown", "%s", lockdown_name(f->lockdown));
}

static void load_disabled_pairs(const struct facts *f, struct fact_pairs *out)
{
	pair_add(out, "kexec-load-disabled", "%s", yes(f->kexec_load_disabled));
}

static void bars_pairs(const struct facts *f, struct fact_pairs *out)
{
	pair_add(out, "bars32", "0x%llx", (unsigned long long)f->bars32);
	pair_add(out, "bars64", "0x%llx", (unsigned long long)f->bars64);
}

static void dump_target_pairs(const struct facts *f, struct fact_pairs *out)
{
	pair_add(out, "dump-target", "%s", dump_target_name(f->dump_target));
}

static void fixes_pairs(const struct facts *f, struct fact_pairs *out)
{
	char set[128];

	fix_set_str(fixes_of(f, KERNEL_RUNNING), set, sizeof(set));
	pair_add(out, "kernel-fixes", "%s", set);
}

/* A module blacklisted inside the initramfs is not loaded by it. */
static void kdump_modules_pairs(const struct facts *f, struct fact_pairs *out)
{
	char set[64];

	module_set_str(f->kdump_modules & ~f->initramfs_blacklist, set, sizeof(set));
	pair_add(out, "kdump-modules", "%s", set);
}

/* Gen2: the framebuffer the firmware handed over, its size (its base: observed_layout()). */
static void boot_fb_pairs(const struct facts *f, struct fact_pairs *out)
{
	if (vm_kind(f) != VM_GEN1 && f->boot_si.lfb_base && f->boot_si.lfb_size)
		pair_add(out, "fb-size", "0x%llx", (unsigned long long)f->boot_si.lfb_size);
}

/* The alternatives: each writes value @i into @alt (the facts, copied) and says it. */
#define ALT(name)                                                                           \
	static bool name(const struct facts *f, const struct scenario *sc, unsigned int i,  \
			 struct facts *alt, char *said, size_t len)
/* ... and what the verdict assumes instead */
#define ASSUMED(name)                                                                       \
	static void name(const struct facts *f, const struct scenario *sc, unsigned int i,  \
			 char *out, size_t len)

ALT(kexec_tools_alt)
{
	static const char *const tools[] = { "2.0.18", "2.0.22", "2.0.28" };

	(void)f, (void)sc;
	alt->kexec_tools = kexec_tools_version(tools[i]);
	snprintf(said, len, "kexec-tools %s", tools[i]);
	return true;
}

ASSUMED(kexec_tools_assumed)
{
	char ver[16];

	(void)f, (void)i;
	snprintf(out, len, "kexec-tools %s", kexec_tools_str(sc->kexec_tools, ver, sizeof(ver)));
}

ALT(secure_boot_alt)
{
	(void)f, (void)sc, (void)i;
	alt->secure_boot = true;
	snprintf(said, len, "Secure Boot on");
	return true;
}

ASSUMED(secure_boot_assumed)
{
	(void)f, (void)sc, (void)i;
	snprintf(out, len, "Secure Boot off");
}

/* SUSE kdump before 1.9.6 runs -s, then again without it; unread, -c or -s configured */
ALT(kdump_config_alt)
{
	static const char *const args[] = { "-c", "-s" };

	(void)sc;
	if (!i) {
		if (f->distro != DISTRO_SUSE || f->service_version)
			return false;
		alt->service_version = suse_kdump_version("1.9.5");
		snprintf(said, len, "SUSE kdump 1.9.5");
		return true;
	}
	if (f->f[F_KDUMP_CONFIG].known)
		return false;
	alt->kexec_args_set = true;
	snprintf(alt->kexec_args, sizeof(alt->kexec_args), "%s", args[i - 1]);
	snprintf(said, len, "kexec %s", args[i - 1]);
	return true;
}

ASSUMED(kdump_config_assumed)
{
	(void)f, (void)sc;
	snprintf(out, len, "%s", i ? "no kexec arguments configured" : "SUSE kdump 1.9.6 or later");
}

ALT(video_dev_alt)
{
	(void)f, (void)sc, (void)i;
	alt->video_dev = false;
	snprintf(said, len, "no synthetic video device");
	return true;
}

ASSUMED(video_dev_assumed)
{
	(void)f, (void)sc, (void)i;
	snprintf(out, len, "a synthetic video device");
}

/* A kernel config symbol, not set (i 0) or =y (i 1). */
static void config_said(const char *symbol, bool y, char *out, size_t len)
{
	snprintf(out, len, "%s%s", symbol, y ? "=y" : " not set");
}

ALT(sysfb_alt)
{
	(void)f, (void)sc;
	alt->sysfb = i;
	config_said("CONFIG_SYSFB", i, said, len);
	return true;
}

ASSUMED(sysfb_assumed)
{
	(void)f, (void)i;
	config_said("CONFIG_SYSFB", sc->sysfb, out, len);
}

ALT(kexec_file_alt)
{
	(void)f, (void)sc;
	alt->kexec_file = i;
	config_said("CONFIG_KEXEC_FILE", i, said, len);
	return true;
}

ASSUMED(kexec_file_assumed)
{
	(void)f, (void)i;
	config_said("CONFIG_KEXEC_FILE", sc->kexec_file_supported, out, len);
}

/* CONFIG_DRM_FBDEV_LEAK_PHYS_SMEM=y: smem_start not hidden */
ALT(hide_smem_alt)
{
	(void)f, (void)sc;
	alt->hide_smem = !i;
	config_said("CONFIG_DRM_FBDEV_LEAK_PHYS_SMEM", i, said, len);
	return true;
}

ASSUMED(hide_smem_assumed)
{
	(void)f, (void)i;
	config_said("CONFIG_DRM_FBDEV_LEAK_PHYS_SMEM", !sc->hide_smem_start, out, len);
}

ALT(arch_alt)
{
	(void)f, (void)sc, (void)i;
	alt->arch = ARCH_ARM64;
	snprintf(said, len, "arm64");
	return true;
}

ASSUMED(arch_assumed)
{
	(void)f, (void)i;
	snprintf(out, len, "%s", arch_name(sc->arch));
}

ALT(fb0_alt)
{
	static const enum fb_driver fbs[] = { FB_HYPERV_DRM, FB_HYPERV_FB, FB_EFIFB, FB_NONE };

	(void)f, (void)sc;
	alt->fb_driver = fbs[i];
	snprintf(said, len, "/dev/fb0 owned by %s", fb_driver_name(fbs[i]));
	return true;
}

ASSUMED(fb0_assumed)
{
	(void)f, (void)i;
	snprintf(out, len, "/dev/fb0 owned by %s", fb_driver_name(sc->fb_driver));
}

ALT(lockdown_alt)
{
	(void)f, (void)sc, (void)i;
	alt->lockdown = LOCKDOWN_INTEGRITY;
	snprintf(said, len, "lockdown integrity");
	return true;
}

ASSUMED(lockdown_assumed)
{
	(void)f, (void)sc, (void)i;
	snprintf(out, len, "no lockdown");
}

ALT(load_disabled_alt)
{
	(void)f, (void)sc, (void)i;
	alt->kexec_load_disabled = true;
	snprintf(said, len, "kexec_load_disabled 1");
	return true;
}

ASSUMED(load_disabled_assumed)
{
	(void)f, (void)sc, (void)i;
	snprintf(out, len, "kexec_load_disabled 0");
}

ALT(builtin_alt)
{
	(void)f, (void)sc, (void)i;
	alt->builtin = MOD_BIT(MOD_PCI_HYPERV);
	snprintf(said, len, "pci_hyperv built in");
	return true;
}

ASSUMED(builtin_assumed)
{
	(void)f, (void)sc, (void)i;
	snprintf(out, len, "pci_hyperv a module");
}

ALT(dump_target_alt)
{
	(void)f, (void)sc, (void)i;
	alt->dump_target = DUMP_SCSI;
	snprintf(said, len, "the dump on a SCSI disk");
	return true;
}

ASSUMED(dump_target_assumed)
{
	(void)f, (void)i;
	snprintf(out, len, "the dump on %s", dump_target_name(sc->dump_target));
}

/* the merged fixes nothing showed present (the proposal is never one) */
ALT(fixes_alt)
{
	const struct tracked_fix_info *kr = &tracked_fixes[i];

	(void)sc;
	if (f->findings[KERNEL_KDUMP][i].present >= 0)
		return false;
	alt->findings[KERNEL_KDUMP][i].present = 1;
	if (alt->kdump_same)
		alt->findings[KERNEL_RUNNING][i].present = 1;
	snprintf(said, len, "a kernel with %s (%s)", kernel_change(kr->change)->commit,
		 fix_name(kr->fix));
	return true;
}

ASSUMED(fixes_assumed)
{
	(void)f, (void)sc;
	snprintf(out, len, "a kernel without %s", kernel_change(tracked_fixes[i].change)->commit);
}

ALT(kdump_modules_alt)
{
	(void)f, (void)i;
	if (!sc->video)
		return false;
	alt->kdump_modules = MOD_BIT(MOD_PCI_HYPERV) | MOD_BIT(MOD_HYPERV_DRM);
	snprintf(said, len, "a kdump initramfs with hyperv_drm too");
	return true;
}

ASSUMED(kdump_modules_assumed)
{
	(void)f, (void)sc, (void)i;
	snprintf(out, len, "a kdump initramfs without hyperv_drm");
}

#define FLIPS(n, name) .nalts = (n), .alt = name##_alt, .assumed = name##_assumed
#define ROW(id_, name_) [id_] = { .name = name_, .json = name_

const struct fact_desc fact_table[F_COUNT] = {
	ROW(F_HYPERV, "hyperv-guest") },
	ROW(F_GEN, "generation"), .keys = "layout", .pairs = layout_pairs, .always = true },
	ROW(F_ARCH, "arch"), .keys = "layout", FLIPS(1, arch) },
	ROW(F_KERNEL, "kernel") },
	ROW(F_DISTRO, "distro"), .keys = "kexec-syscall, kexec-args" },
	ROW(F_VIDEO_DEV, "video-device"), .keys = "layout", FLIPS(1, video_dev) },
	ROW(F_PCI_DEV, "pci-passthrough") },
	ROW(F_IOMEM, "iomem") },
	ROW(F_VRAM, "vram"), .keys = "observed-vram, vram-mb", .pairs = vram_pairs },
	ROW(F_CONFIG_WINDOW, "config-window") },
	ROW(F_BARS, "bar-windows"), .keys = "bars32, bars64", .pairs = bars_pairs },
	ROW(F_LOW_MMIO, "low-mmio"), .keys = "low-mmio, fb-base" },
	ROW(F_FB0, "fb0"), .keys = "fb-driver", .pairs = fb0_pairs, FLIPS(4, fb0) },
	ROW(F_BUILTIN, "builtin"), .keys = "builtin", .pairs = builtin_pairs, FLIPS(1, builtin) },
	ROW(F_SYSFB, "sysfb"), .keys = "sysfb", .pairs = sysfb_pairs, FLIPS(2, sysfb) },
	ROW(F_KEXEC_FILE, "kexec-file"), .keys = "kexec-file", .pairs = kexec_file_pairs,
		FLIPS(2, kexec_file) },
	ROW(F_HIDE_SMEM, "hide-smem-start"), .keys = "hide-smem-start", .pairs = hide_smem_pairs,
		FLIPS(2, hide_smem) },
	ROW(F_BOOT_FB, "boot-framebuffer"), .keys = "fb-base, fb-size", .pairs = boot_fb_pairs },
	ROW(F_KEXEC_TOOLS, "kexec-tools"), .keys = "kexec-tools", .pairs = kexec_tools_pairs,
		FLIPS(3, kexec_tools) },
	ROW(F_KDUMP_CONFIG, "kdump-config"), .keys = "kexec-syscall, kexec-args",
		FLIPS(3, kdump_config), .flips_when_known = true },
	ROW(F_BLACKLIST, "blacklist"), .keys = "kdump-modules" },
	ROW(F_SECURE_BOOT, "secure-boot"), .keys = "kexec-syscall, kexec-args",
		FLIPS(1, secure_boot) },
	ROW(F_LOCKDOWN, "lockdown"), .keys = "lockdown", .pairs = lockdown_pairs,
		FLIPS(1, lockdown) },
	ROW(F_KEXEC_LOAD_DISABLED, "kexec-load-disabled"), .keys = "kexec-load-disabled",
		.pairs = load_disabled_pairs, FLIPS(1, load_disabled) },
	ROW(F_CRASH_KERNEL, "crash-kernel") },
	ROW(F_DUMP_TARGET, "dump-target"), .keys = "dump-target", .pairs = dump_target_pairs,
		FLIPS(1, dump_target) },
	ROW(F_KMSG, "kernel-log") },
	ROW(F_KDUMP_KERNEL, "kdump-kernel") },
	ROW(F_FIXES, "kernel-fixes"), .keys = "kernel-fixes", .pairs = fixes_pairs, .always = true,
		FLIPS(TF_COUNT, fixes), .flips_when_known = true },
	ROW(F_KDUMP_MODULES, "kdump-modules"), .keys = "kdump-modules",
		.pairs = kdump_modules_pairs, FLIPS(1, kdump_modules) },
};

void fact_pairs(const struct facts *f, struct fact_pairs *out)
{
	unsigned int i;

	out->n = 0;
	for (i = 0; i < F_COUNT; i++)
		if (fact_table[i].pairs && (fact_table[i].always || f->f[i].known))
			fact_table[i].pairs(f, out);
}
